using System.Net.Http.Json;
using TemporalBridge.Conversations;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;
using static TemporalBridge.Tests.Typing.TypingConversation;

namespace TemporalBridge.Tests.Typing;

/// <summary>
/// A messaging user typing, shown to staff in vcita: the relay the provider hand-over calls, and the vcita
/// emulator's record of <c>POST /sessions/typing</c> for the user's session, once per 25 s window for "typing",
/// always for "stopped".
/// </summary>
public sealed class ClientTypingTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private static async Task<TypingConversation> MariaHasWrittenAsync(RedisServer redis)
    {
        var conversation = await TypingConversation.StartAsync(redis);
        await conversation.WriteAsync(Maria, "wamid.client.first", "Hi, quick question", At);
        return conversation;
    }

    [Fact]
    public async Task AUserTypingIsShownToStaffOnTheirSession()
    {
        await using var conversation = await MariaHasWrittenAsync(redis);

        await conversation.RelayAsync(ClientTyping(Maria, typing: true));

        conversation.TypingInVcita().Should().Equal(conversation.SessionUidOf(Maria));
    }

    [Fact]
    public async Task TypingInAProvidersWebhookIsPassedOnByTheHandOverBesideItsMessages()
    {
        await using var conversation = await MariaHasWrittenAsync(redis);

        // What a provider that reports typing (Messenger's typing_on) hands over with a webhook.
        var result = await conversation.Host.ReceiveAsync(
            ConversationHost.Text(new ClientIdentity(Maria, "+" + Maria, "Maria"), "wamid.client.second", "one more", At.AddMinutes(1)),
            ClientTyping(Maria, typing: true));

        result.Should().Be(new ProviderHandOverResult(HandedOver: 2, UnknownAccount: 0, NotHandled: 0));
        conversation.TypingInVcita().Should().Equal(conversation.SessionUidOf(Maria));
        conversation.Host.MessagesInVcita().Should().HaveCount(2);
    }

    [Fact]
    public async Task TypingAgainWithinTheWindowReachesVcitaOnce()
    {
        await using var conversation = await MariaHasWrittenAsync(redis);

        await conversation.RelayAsync(ClientTyping(Maria, typing: true));
        await conversation.RelayAsync(ClientTyping(Maria, typing: true));
        await conversation.RelayAsync(ClientTyping(Maria, typing: true));

        conversation.TypingInVcita().Should().ContainSingle();
    }

    [Fact]
    public async Task StoppingIsNotSentToVcitaButLetsTheNextTypingThrough()
    {
        await using var conversation = await MariaHasWrittenAsync(redis);
        var session = conversation.SessionUidOf(Maria);

        await conversation.RelayAsync(ClientTyping(Maria, typing: true));
        await conversation.RelayAsync(ClientTyping(Maria, typing: false));
        await conversation.RelayAsync(ClientTyping(Maria, typing: false));
        await conversation.RelayAsync(ClientTyping(Maria, typing: true));

        // vcita documents no "stopped typing" (its test of POST /sessions/typing sends a session and a contact only).
        conversation.TypingInVcita().Should().Equal(session, session);
    }

    [Fact]
    public async Task OnlyTheLastEventOfAConversationInAWebhookCounts()
    {
        await using var conversation = await MariaHasWrittenAsync(redis);
        await conversation.WriteAsync(Kenji, "wamid.client.kenji", "Hello", At);

        await conversation.RelayAsync(
            ClientTyping(Maria, typing: true), ClientTyping(Kenji, typing: true), ClientTyping(Maria, typing: false));

        conversation.TypingInVcita().Should().Equal(conversation.SessionUidOf(Kenji));
    }

    [Fact]
    public async Task AUserWithoutAVcitaSessionYetIsNotRelayedUntilTheyHaveOne()
    {
        await using var conversation = await TypingConversation.StartAsync(redis);
        var marias = ConversationHost.Text(new ClientIdentity(Maria, $"+{Maria}", "Maria da Silva"), "wamid.client.m1", "Hello?", At);

        // Kenji never wrote; Maria's first message is with Temporal, but her conversation has no VCS session yet.
        await conversation.RelayAsync(ClientTyping(Kenji, typing: true));
        await conversation.Host.Service<IProviderEventHandOver>().HandOverAsync([marias], CancellationToken.None);
        await conversation.RelayAsync(ClientTyping(Maria, typing: true));

        conversation.TypingInVcita().Should().BeEmpty();
        conversation.Host.Host.Bridge.Logs.AllText.Should().NotContain("Could not relay", "having no session yet is not a failure");
        await conversation.Host.SettleAsync();
        await conversation.RelayAsync(ClientTyping(Maria, typing: true));
        conversation.TypingInVcita().Should().Equal(conversation.SessionUidOf(Maria));
    }

    [Fact]
    public async Task AVcitaFailureIsLoggedWithAMaskedNumberAndNotRetried()
    {
        await using var conversation = await MariaHasWrittenAsync(redis);
        (await conversation.Host.Control.PostAsJsonAsync("/vcita-emulator/_control/faults", new { endpoint = "sessions.typing", status = 503, count = 1 }))
            .EnsureSuccessStatusCode();

        await conversation.RelayAsync(ClientTyping(Maria, typing: true));

        conversation.TypingInVcita().Should().BeEmpty("the one failed call was not repeated");
        var logged = LogCapture.Render(await conversation.Host.Host.Bridge.Logs.WaitForAsync(e =>
            e.MessageTemplate.Text.StartsWith("Could not relay to vcita the typing", StringComparison.Ordinal)));
        logged.Should().Contain("1*******0001").And.Contain("503").And.NotContain(Maria);
    }
}
