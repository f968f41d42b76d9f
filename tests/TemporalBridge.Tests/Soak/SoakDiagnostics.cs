using System.Text;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace TemporalBridge.Tests.Soak;

/// <summary>
/// For a failure message: what the workflows of a few stuck messages are doing (the whole run's diagnostics would
/// be thousands of workflows long).
/// </summary>
internal static class SoakDiagnostics
{
    public static string Of(OfflineTemporalEnvironment temporal, SoakPlan plan, IEnumerable<string> stuck)
    {
        var text = new StringBuilder();
        foreach (var id in stuck.Take(3))
        {
            var inbound = plan.AllInbound.FirstOrDefault(m => m.Wamid == id);
            var staff = plan.AllStaff.FirstOrDefault(m => m.MessageUid == id);
            var conversation = plan.Conversations[inbound?.Conversation ?? staff!.Conversation];
            text.AppendLine($"-- {id}");
            Describe(temporal, SoakTraffic.SessionId(conversation), text);
            if (inbound is not null)
            {
                foreach (var earlier in conversation.Inbound.Where(m => m.Index <= inbound.Index && m.Index >= inbound.Index - 2))
                {
                    Describe(temporal, WorkflowIds.InboundDelivery(ProviderNames.WhatsApp, earlier.Wamid), text);
                }
            }
            else
            {
                foreach (var delivery in temporal.Workflows.Where(w => w.WorkflowId.EndsWith(":" + staff!.MessageUid, StringComparison.Ordinal)))
                {
                    Describe(temporal, delivery.WorkflowId, text);
                }
            }
        }
        return text.ToString();
    }

    /// <summary>An event as a short word: which signal, which child; workflow task events only as "task".</summary>
    private static string Name(HistoryEvent e) => e.EventType switch
    {
        EventType.WorkflowExecutionSignaled => $"Signaled({e.WorkflowExecutionSignaledEventAttributes.SignalName})",
        EventType.StartChildWorkflowExecutionInitiated => $"StartChild({e.StartChildWorkflowExecutionInitiatedEventAttributes.WorkflowId})",
        EventType.WorkflowTaskCompleted => "task",
        _ => e.EventType.ToString(),
    };

    private static void Describe(OfflineTemporalEnvironment temporal, string workflowId, StringBuilder text)
    {
        if (temporal.Workflows.FirstOrDefault(w => w.WorkflowId == workflowId) is not { } workflow)
        {
            text.AppendLine($"{workflowId}: never started");
            return;
        }
        text.AppendLine($"{workflow}: {workflow.Runs.Count} run(s), {workflow.SignalsReceived.Count} signal(s), attempts {string.Join(",", workflow.ActivityAttempts)}, "
            + $"attributes {string.Join(",", workflow.SearchAttributes.Select(a => $"{a.Key}={a.Value}"))}, failure {workflow.Failure?.Message}");
        foreach (var run in workflow.Runs.TakeLast(2))
        {
            text.AppendLine($"  run {run.RunId[..8]} ({run.Status}) last events: " + string.Join(",", run.Events.Where(e => e.EventType is not (EventType.WorkflowTaskScheduled or EventType.WorkflowTaskStarted)).TakeLast(20).Select(Name)));
        }
    }
}
