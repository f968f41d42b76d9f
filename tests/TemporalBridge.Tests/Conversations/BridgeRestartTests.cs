extern alias Sandbox;
using System.Net.Http.Json;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using Temporalio.Api.Enums.V1;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// The bridge process restarts in the middle of a staff message's delivery: a new process with the same settings
/// takes over, and its worker has nothing but the histories (the kit replays every workflow task from its history,
/// with the new process's workflow code and activities). The delivery finishes, and WhatsApp receives the message once.
/// </summary>
public sealed class BridgeRestartTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task ARestartWhileTheDeliveryWaitsForWhatsAppsStatusesFinishesItWithoutSendingAgain()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await HoldStatusesAsync(conversation);
        await conversation.StaffWritesAsync("staff-restart", "See you on Friday at 10");
        var wamid = conversation.SuccessfulSends().Should().ContainSingle().Subject.Wamid!;

        await conversation.Host.Host.RestartBridgeAsync();
        // The process and the cache both gone: the statuses can only find their delivery through the conversation,
        // whose memory of its sends the new worker rebuilds from the history.
        await conversation.Host.FlushRedisAsync();
        foreach (var status in new[] { "sent", "delivered", "read" })
        {
            await conversation.UserPhoneReportsAsync(wamid, status);
        }

        conversation.SuccessfulSends().Should().ContainSingle("the send's result is in the history: the new worker does not send again");
        conversation.VcitaStatuses("staff-restart").Should().Equal("sent", "received", "read");
        Delivery(conversation, "staff-restart").Status.Should().Be(WorkflowExecutionStatus.Completed);
    }

    [Fact]
    public async Task ARestartBetweenVcitasCallAndTheSendSendsOnceFromTheNewProcess()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.StaffWritesAsync("staff-before-restart", "Your booking is confirmed", settle: false);
        conversation.SuccessfulSends().Should().BeEmpty("vcita's call was answered once the message was in Temporal's hands, not after the send");

        await conversation.Host.Host.RestartBridgeAsync();
        await conversation.SettleAsync();

        conversation.SuccessfulSends().Should().ContainSingle()
            .Which.Should().Match<Sandbox::TemporalBridge.Sandbox.WhatsApp.Graph.GraphCall>(c => OutboundConversation.TextOf(c) == "Your booking is confirmed");
        conversation.VcitaStatuses("staff-before-restart").Should().Equal("sent", "received");
    }

    /// <summary>WhatsApp sends no statuses by itself for the next send: the test reports them when it chooses.</summary>
    private static async Task HoldStatusesAsync(OutboundConversation conversation) =>
        (await conversation.Control.PostAsJsonAsync("/whatsapp-emulator/_control/status-plans", new { statuses = Array.Empty<string>(), count = 1 }))
            .EnsureSuccessStatusCode();

    private static Testing.Temporal.SimulatedWorkflow Delivery(OutboundConversation conversation, string messageUid) =>
        conversation.Host.Host.Temporal.Workflow(WorkflowIds.OutboundDelivery(conversation.Host.ChannelUid, messageUid));
}
