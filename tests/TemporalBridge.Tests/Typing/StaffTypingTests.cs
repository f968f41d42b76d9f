using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TemporalBridge.Providers;
using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;
using TemporalBridge.Tests.Conversations;
using TemporalBridge.Typing;
using Temporalio.Client;
using static TemporalBridge.Tests.Typing.TypingConversation;

namespace TemporalBridge.Tests.Typing;

/// <summary>
/// Staff typing in vcita, shown to the WhatsApp user: vcita's call to the bridge, the typing indicator on the user's
/// latest message in the WhatsApp emulator, once per 25 s window, and nothing but a log line when WhatsApp fails.
/// </summary>
public sealed class StaffTypingTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private static async Task<(TypingConversation Conversation, string SessionUid)> MariaHasWrittenAsync(RedisServer redis)
    {
        var conversation = await TypingConversation.StartAsync(redis);
        await conversation.WriteAsync(Maria, "wamid.typing.first", "Hello, is Friday free?", At);
        await conversation.WriteAsync(Maria, "wamid.typing.latest", "Around 10 would be great", At.AddMinutes(1));
        return (conversation, conversation.SessionUidOf(Maria));
    }

    private static async Task ShouldBeAcceptedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StaffTypingShowsTheUserTheIndicatorOnTheirLatestMessage()
    {
        var (conversation, sessionUid) = await MariaHasWrittenAsync(redis);
        await using var _ = conversation;

        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));

        (await conversation.TypingShownOnWhatsAppAsync()).Should().Equal(
            new GraphTypingCall(ConversationHost.PhoneNumberId, "wamid.typing.latest", StatusCode: 200, ErrorCode: null));
    }

    [Fact]
    public async Task TypingAgainWithinTheWindowShowsNoSecondIndicator()
    {
        var (conversation, sessionUid) = await MariaHasWrittenAsync(redis);
        await using var _ = conversation;

        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));
        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));
        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));

        (await conversation.TypingShownOnWhatsAppAsync()).Should().ContainSingle("WhatsApp shows one indicator for 25 s");
    }

    [Fact]
    public async Task StoppingThenTypingAgainShowsTheIndicatorAgain()
    {
        var (conversation, sessionUid) = await MariaHasWrittenAsync(redis);
        await using var _ = conversation;

        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));
        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: false));
        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));

        (await conversation.TypingShownOnWhatsAppAsync()).Select(call => call.Wamid)
            .Should().Equal("wamid.typing.latest", "wamid.typing.latest");
    }

    [Fact]
    public async Task OnceTheBusinessRepliedTypingShowsTheIndicatorAgain()
    {
        var (conversation, sessionUid) = await MariaHasWrittenAsync(redis);
        await using var _ = conversation;
        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));

        // What the outbound send does once WhatsApp took the business's reply (which hides the indicator).
        await conversation.Host.Service<TypingState>().ForgetAsync(SessionId(Maria));
        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));

        (await conversation.TypingShownOnWhatsAppAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task TheTypingWindowLivesInRedisForAtMost25SecondsUnderAKeyWithoutThePhoneNumber()
    {
        var (conversation, sessionUid) = await MariaHasWrittenAsync(redis);
        await using var _ = conversation;

        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));

        var keys = await conversation.TypingKeysAsync();
        var window = keys.Should().ContainSingle(k => k.Key.StartsWith("tb:typing:staff:", StringComparison.Ordinal)).Subject;
        window.TimeToLive.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(25));
        keys.Should().OnlyContain(k => k.TimeToLive > TimeSpan.Zero, "every typing key is a cache or a window that expires");
        keys.Select(k => k.Key).Should().NotContain(key => key.Contains(Maria, StringComparison.Ordinal) || key.Contains(sessionUid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TypingInASessionNobodyOwnsIs404NamingSessionUid()
    {
        await using var conversation = await TypingConversation.StartAsync(redis);

        using var response = await conversation.StaffTypingAsync("nosuchsession01", typing: true);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(text);
        problem.RootElement.GetProperty("field").GetString().Should().Be("session_uid");
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("'nosuchsession01'");
        (await conversation.TypingShownOnWhatsAppAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task AWhatsAppFailureIsLoggedWithoutTheMessageOrNumberAndStillAnswered204()
    {
        var (conversation, sessionUid) = await MariaHasWrittenAsync(redis);
        await using var _ = conversation;
        (await conversation.Host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/faults", new { code = 131000, operation = "typing", count = 1 }))
            .EnsureSuccessStatusCode();

        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));

        (await conversation.TypingShownOnWhatsAppAsync()).Should().ContainSingle("a failed indicator is not retried")
            .Which.ErrorCode.Should().Be(131000);
        var logged = LogCapture.Render(await conversation.Host.Host.Bridge.Logs.WaitForAsync(e =>
            e.MessageTemplate.Text.StartsWith("Could not pass staff typing in session", StringComparison.Ordinal)));
        logged.Should().Contain(sessionUid).And.Contain("131000");
        logged.Should().NotContain("Around 10").And.NotContain(Maria).And.NotContain(VcitaBridgeHost.WhatsAppAccessToken);
        conversation.Host.Host.Bridge.Logs.AllText.Should().NotContain("Around 10 would be great");
    }

    [Fact]
    public async Task AWhatsAppThatDoesNotAnswerHoldsVcitaForSecondsOnlyAndStillAnswers204()
    {
        var (conversation, sessionUid) = await MariaHasWrittenAsync(redis);
        await using var _ = conversation;
        (await conversation.Host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/faults", new { delay_ms = 60_000, operation = "typing", count = 1 }))
            .EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();

        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        await conversation.Host.Host.Bridge.Logs.WaitForAsync(e =>
            e.MessageTemplate.Text.StartsWith("Could not pass staff typing in session", StringComparison.Ordinal));
    }

    /// <summary>A conversation carried over from a run that did not yet keep the client's latest message.</summary>
    [Fact]
    public async Task TypingInAConversationWithoutAClientMessageShowsNothing()
    {
        await using var conversation = await TypingConversation.StartAsync(redis);
        var host = conversation.Host;
        const string sessionUid = "carriedsession01";
        var client = new ClientIdentity(Maria, $"+{Maria}", "Maria da Silva");
        var state = new SessionState(VcitaBridgeHost.BusinessUid, host.ChannelUid, ContactUid: "contact01", SessionUid: sessionUid, Status: SessionStatus.Active);
        var input = new SessionInput("whatsapp", ConversationHost.PhoneNumberId, VcitaBridgeHost.BusinessUid, host.ChannelUid, client)
        {
            Carried = new SessionCarry(state, Queue: [], RecentMessageIds: [], NextArrival: 0, Reports: []),
        };
        await host.Host.Temporal.Client.StartWorkflowAsync(
            (SessionWorkflow wf) => wf.RunAsync(input), new WorkflowOptions(SessionId(Maria), host.Service<IOptions<TemporalOptions>>().Value.TaskQueue));
        await host.SettleAsync();
        await host.Service<UidOwners>().RecordAsync(SessionActivities.SessionUids, sessionUid, SessionId(Maria));

        await ShouldBeAcceptedAsync(conversation.StaffTypingAsync(sessionUid, typing: true));

        (await conversation.TypingShownOnWhatsAppAsync()).Should().BeEmpty();
        (await conversation.TypingKeysAsync()).Should().NotContain(k => k.Key.StartsWith("tb:typing:staff:", StringComparison.Ordinal),
            "the next typing, once the client has written, must show the indicator");
    }
}
