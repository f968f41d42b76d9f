using System.Net.Http.Json;
using TemporalBridge.Providers;
using TemporalBridge.Telemetry;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;

namespace TemporalBridge.Tests.Telemetry;

/// <summary>
/// The bridge's own instruments, recorded by a real conversation: vcita's and WhatsApp's calls over loopback, the
/// workflows in the offline kit, the activities against the emulators.
/// </summary>
public sealed class DeliveryMetricsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task MessagesReadOnBothSidesAreCountedAsDeliveriesThatEndedRead()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        using var metrics = new MetricCapture(conversation.Host.Host.Bridge.Services);

        await conversation.StaffWritesAsync("staff-metrics", "See you on Friday.");
        await conversation.UserPhoneReportsAsync(conversation.SuccessfulSends().Single().Wamid!, "read");
        var clientMessage = InboundMessageUid.For("whatsapp", "wamid.maria.hello");
        (await conversation.Host.Host.AsVcita.PutAsJsonAsync(
            $"/vcita/messages/{clientMessage}", new { status = "read", channel_uid = conversation.Host.ChannelUid })).EnsureSuccessStatusCode();
        await conversation.SettleAsync();

        metrics.Of(BridgeMetrics.DeliveriesName).Should().BeEquivalentTo(
            [
                new { Unit = "{delivery}", Value = 1.0, Tags = Tags(("direction", "outbound"), ("state", "delivered"), ("status", "read")) },
                new { Unit = "{delivery}", Value = 1.0, Tags = Tags(("direction", "inbound"), ("state", "delivered"), ("status", "read")) },
            ],
            metrics.Everything);
        metrics.Of(BridgeMetrics.FailedAttemptsName).Should().BeEmpty();
        // The emulator prices a reply in the customer-service window as WhatsApp does: free, category service.
        metrics.Of(BridgeMetrics.MessagesPricedName).Should().BeEquivalentTo(
            [new { Unit = "{message}", Value = 1.0, Tags = Tags(("provider", "whatsapp"), ("category", "service"), ("type", "free_customer_service"), ("billable", "false")) }],
            metrics.Everything);

        await conversation.Host.Host.Temporal.VerifyDeterminismAsync();
        metrics.Of(BridgeMetrics.DeliveriesName).Should().HaveCount(2, "replaying the deliveries' histories counts nothing again");
        metrics.Of(BridgeMetrics.MessagesPricedName).Should().ContainSingle("a replay prices nothing again");
    }

    [Fact]
    public async Task HandOversAreTimedByKindAndWebhooksMeasuredByTheirEvents()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        using var metrics = new MetricCapture(conversation.Host.Host.Bridge.Services);

        await conversation.StaffWritesAsync("staff-timed", "See you on Friday.");
        await conversation.UserPhoneReportsAsync(conversation.SuccessfulSends().Single().Wamid!, "delivered");

        foreach (var kind in new[] { HandOverKinds.StaffMessage, HandOverKinds.ProviderEvents, HandOverKinds.ProviderStatus })
        {
            var timed = metrics.Of(BridgeMetrics.HandOverDurationName, ("kind", kind), ("outcome", HandOverOutcomes.Accepted));
            timed.Should().NotBeEmpty($"the {kind} hand-over is timed\n{metrics.Everything}");
            timed.Should().AllSatisfy(m =>
            {
                m.Unit.Should().Be("s");
                m.Value.Should().BeInRange(0, 10);
            });
        }
        // The emulator sends one webhook per status of the sent message, each with one event.
        metrics.Of(BridgeMetrics.WebhookBatchSizeName).Should().NotBeEmpty(metrics.Everything)
            .And.AllSatisfy(m => m.Should().BeEquivalentTo(new { Unit = "{event}", Value = 1.0, Tags = Tags(("provider", "whatsapp")) }));
    }

    [Fact]
    public async Task AMessageWhatsAppRefusesForGoodIsAFailedAttemptByItsErrorTypeThenAFailedDelivery()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        using var metrics = new MetricCapture(conversation.Host.Host.Bridge.Services);

        await conversation.GraphFailsAsync("send", new { code = 131026, count = 1 });
        await conversation.StaffWritesAsync("staff-refused", "See you on Friday.");
        metrics.Of(BridgeMetrics.FailedAttemptsName).Should().BeEquivalentTo(
            [new { Unit = "{attempt}", Value = 1.0, Tags = Tags(("direction", "outbound"), ("error_type", "ProviderFailure.Undeliverable")) }],
            metrics.Everything);
        metrics.Of(BridgeMetrics.DeliveriesName).Should().BeEmpty("a failed delivery waits a week for an operator's retry");

        await conversation.Host.Host.Temporal.AdvanceTimeAsync(TimeSpan.FromDays(8));
        await conversation.SettleAsync();

        metrics.Of(BridgeMetrics.DeliveriesName).Should().BeEquivalentTo(
            [
                new { Value = 1.0, Tags = Tags(("direction", "outbound"), ("state", "failed"), ("status", "error")) },
                // The client's first message: staff never read it within the week its delivery waits.
                new { Value = 1.0, Tags = Tags(("direction", "inbound"), ("state", "delivered"), ("status", "pending")) },
            ],
            metrics.Everything);
    }

    [Fact]
    public async Task AThrottledSendCountsItsFailedAttemptAndTheDeliveryStillEndsRead()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        using var metrics = new MetricCapture(conversation.Host.Host.Bridge.Services);

        await conversation.GraphFailsAsync("send", new { code = 130429, count = 1 });
        await conversation.StaffWritesAsync("staff-throttled", "See you on Friday.");
        await conversation.UntilAsync(() => conversation.SuccessfulSends().Count == 1, "the retried send");
        await conversation.UserPhoneReportsAsync(conversation.SuccessfulSends().Single().Wamid!, "read");

        metrics.Of(BridgeMetrics.FailedAttemptsName).Should().BeEquivalentTo(
            [new { Value = 1.0, Tags = Tags(("direction", "outbound"), ("error_type", "ProviderFailure.Throttled")) }], metrics.Everything);
        metrics.Of(BridgeMetrics.DeliveriesName, ("direction", "outbound"), ("state", "delivered"), ("status", "read"))
            .Should().ContainSingle(metrics.Everything);
    }

    private static Dictionary<string, string?> Tags(params (string Key, string Value)[] tags) => tags.ToDictionary(t => t.Key, t => (string?)t.Value);
}
