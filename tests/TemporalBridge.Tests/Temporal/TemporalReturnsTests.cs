extern alias Sandbox;
using Microsoft.AspNetCore.Hosting;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;
using Eventually = TemporalBridge.Tests.Sandbox.Eventually;

namespace TemporalBridge.Tests.Temporal;

/// <summary>
/// Temporal goes away and comes back. While it is away the bridge answers 503 and keeps nothing; the senders (Meta,
/// vcita) send again, as they do for any 5xx, and once Temporal is back their retries complete the work, exactly once.
/// The emulators retry as the real senders do, only sooner.
/// </summary>
public sealed class TemporalReturnsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task AClientMessageRefusedWhileTemporalWasAwayReachesVcitaOnceMetaSendsItAgain()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis, sandboxSettings: QuickRetries);
        var temporal = conversation.Host.Host.Temporal;
        var before = conversation.Host.MessagesInVcita().Count;

        temporal.Unreachable = true;
        await conversation.UserWritesAsync("wamid.maria.while.away", "Are you open on Saturday?");
        var refused = conversation.Webhooks().Last();
        refused.Attempts[0].StatusCode.Should().Be(503);
        await conversation.Host.Host.Temporal.RunUntilIdleAsync();
        conversation.Host.MessagesInVcita().Should().HaveCount(before, "nothing was handed over while Temporal was away");

        temporal.Unreachable = false;
        await Eventually.WaitAsync(() => Task.FromResult(conversation.Webhooks().Single(w => w.Id == refused.Id)), w => w.State == "delivered", "Meta's retry to be accepted");
        await conversation.SettleAsync();

        conversation.Host.MessagesInVcita().Where(m => m.Message == "Are you open on Saturday?").Should().ContainSingle();
    }

    [Fact]
    public async Task AStaffMessageRefusedWhileTemporalWasAwayReachesTheClientOnceVcitaSendsItAgain()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis, sandboxSettings: QuickRetries);
        var host = conversation.Host.Host;

        host.Temporal.Unreachable = true;
        await conversation.StaffWritesAsync("staff-while-away", "We open at 9 on Saturday", settle: false);
        await Eventually.WaitAsync(() => Task.FromResult(host.Callbacks()), calls => calls.Any(c => c.LastAnswer == 503), "vcita's call to be refused");
        await conversation.Host.Host.Temporal.RunUntilIdleAsync();
        conversation.SuccessfulSends().Should().BeEmpty();

        host.Temporal.Unreachable = false;
        await host.WaitForCallbacksDeliveredAsync(atLeast: 1);
        await conversation.SettleAsync();

        conversation.SuccessfulSends().Should().ContainSingle().Which.Should().Match<Sandbox::TemporalBridge.Sandbox.WhatsApp.Graph.GraphCall>(
            c => OutboundConversation.TextOf(c) == "We open at 9 on Saturday");
        host.Callbacks().Should().OnlyContain(c => c.State == "delivered");
    }

    /// <summary>Senders that retry every 50 ms and more, for longer than the test keeps Temporal away.</summary>
    private static void QuickRetries(IWebHostBuilder sandbox)
    {
        sandbox.UseSetting("WhatsAppEmulator:WebhookRetryDelayMs", "50");
        sandbox.UseSetting("WhatsAppEmulator:WebhookMaxAttempts", "20");
        sandbox.UseSetting("Sandbox:Vcita:CallbackRetryDelayMs", "50");
        sandbox.UseSetting("Sandbox:Vcita:CallbackMaxAttempts", "20");
    }
}
