using Temporalio.Activities;
using Temporalio.Workflows;

namespace TemporalBridge.Benchmarks;

public static class BenchmarkActivities
{
    [Activity]
    public static string Deliver(string message) => $"delivered:{message}";
}

/// <summary>Delivers each message with an activity, pausing a minute between them: a history of 5 + 11 × messages events.</summary>
[Workflow]
public sealed class DeliverAllWorkflow
{
    [WorkflowRun]
    public async Task<int> RunAsync(int messages)
    {
        for (var i = 0; i < messages; i++)
        {
            await Workflow.ExecuteActivityAsync(() => BenchmarkActivities.Deliver($"m{i}"), new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10) });
            await Workflow.DelayAsync(TimeSpan.FromMinutes(1));
        }
        return messages;
    }
}
