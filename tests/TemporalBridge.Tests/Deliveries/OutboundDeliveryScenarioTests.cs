extern alias Sandbox;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Deliveries;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Testing.Scenarios;
using TemporalBridge.Testing.Temporal;
using TemporalBridge.Tests.CommunicationApp;
using TemporalBridge.Tests.Conversations;
using Temporalio.Client;

namespace TemporalBridge.Tests.Deliveries;

/// <summary>
/// The outbound delivery workflow with its real activities (the WhatsApp and vcita emulators over loopback), run
/// offline through the kit and, where one exists, on a real Temporal server (<c>TEMPORAL_TEST_ADDRESS</c>, whose
/// namespace must have the bridge's search attributes: <c>temporal/start-dev.sh</c> registers them). Without a server
/// the "server" case is skipped and says why. The statuses are signalled as the status hand-over would.
/// </summary>
public sealed class OutboundDeliveryScenarioTests(RedisServer redis) : IClassFixture<RedisServer>
{
    public static TheoryData<string> Kinds => TemporalTestEnvironments.Kinds;

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task AFailedSendIsRetriedByAnOperatorAndItsStatusesReachVcitaForwardOnly(string kind)
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        using var scope = conversation.Host.Host.Bridge.Services.CreateScope();
        var activities = ActivatorUtilities.CreateInstance<OutboundDeliveryActivities>(scope.ServiceProvider);
        await using var env = await TemporalTestEnvironments.StartAsync(
            kind, new OfflineTemporalOptions().AddWorkflow<OutboundDeliveryWorkflow>().AddActivities(activities));

        var messageUid = $"scenario-{Guid.NewGuid():N}";
        conversation.Host.Vcita.AddMessage(
            conversation.Host.ChannelUid, messageUid, conversation.SessionWorkflowId, "Your table is booked.", contactUid: null, "business_to_client",
            createdAt: null, attachments: null).Message.Should().NotBeNull();
        (await conversation.Control.PostAsJsonAsync("/whatsapp-emulator/_control/status-plans", new { statuses = Array.Empty<string>(), count = 2 }))
            .EnsureSuccessStatusCode();
        await conversation.GraphFailsAsync("send", new { code = 131026, count = 1 });
        var input = new OutboundDeliveryInput(
            "whatsapp", ConversationHost.PhoneNumberId, VcitaBridgeHost.BusinessUid, conversation.SessionWorkflowId,
            new ClientIdentity(OutboundConversation.Maria, "+" + OutboundConversation.Maria, "Maria da Silva"),
            new StaffMessage(messageUid, conversation.Host.ChannelUid, "Your table is booked."));

        var handle = await env.Client.StartWorkflowAsync(
            (OutboundDeliveryWorkflow wf) => wf.RunAsync(input),
            new WorkflowOptions(WorkflowIds.OutboundDelivery(conversation.Host.ChannelUid, messageUid), env.TaskQueue));
        await env.WaitUntilAsync(async () => (await handle.QueryAsync(wf => wf.State)).State == DeliveryStates.Failed, "the send fails for good");
        conversation.VcitaStatuses(messageUid).Should().Equal("error");

        await handle.SignalAsync(wf => wf.RetryAsync());
        var sent = await WaitForSendAsync(env, handle);
        await handle.SignalAsync(wf => wf.ReportProviderStatusAsync(new[] { new ProviderStatusReport(sent, ProviderDeliveryStatus.Read, DateTimeOffset.UtcNow) }));
        await handle.SignalAsync(wf => wf.ReportProviderStatusAsync(new[]
        {
            new ProviderStatusReport(sent, ProviderDeliveryStatus.Delivered, DateTimeOffset.UtcNow.AddSeconds(-5)),
            new ProviderStatusReport(sent, ProviderDeliveryStatus.Sent, DateTimeOffset.UtcNow.AddSeconds(-9)),
        }));
        await env.RunUntilIdleAsync();

        var result = await handle.GetResultAsync();
        result.VcitaStatus.Should().Be("read");
        result.ProviderMessageId.Should().Be(sent);
        // After the retry's new send, forward only: statuses that reach the workflow together go in WhatsApp's time
        // order (sent, received, read); a read that comes alone first leaves the others nothing to add.
        var statuses = conversation.VcitaStatuses(messageUid);
        statuses[0].Should().Be("error");
        string.Join(",", statuses.Skip(1)).Should().BeOneOf("read", "sent,received,read");
        conversation.GraphCalls("send").Should().HaveCount(2, "the operator's retry sends again, for real");
    }

    private static async Task<string> WaitForSendAsync(ITemporalTestEnvironment env, WorkflowHandle<OutboundDeliveryWorkflow> handle)
    {
        string? sent = null;
        await env.WaitUntilAsync(async () => (sent = (await handle.QueryAsync(wf => wf.State)).ProviderMessageId) is not null, "the retry is sent");
        return sent!;
    }
}
