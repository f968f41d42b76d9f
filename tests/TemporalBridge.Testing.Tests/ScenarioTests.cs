using TemporalBridge.Testing.Scenarios;
using TemporalBridge.Testing.Tests.Workflows;
using Temporalio.Client;

namespace TemporalBridge.Testing.Tests;

/// <summary>
/// Workflow scenarios that run offline and on a real Temporal server (TEMPORAL_TEST_ADDRESS, or the SDK's test
/// server where it can be downloaded); without a server the "server" case is skipped and says why.
/// </summary>
public sealed class ScenarioTests
{
    public static TheoryData<string> Kinds => TemporalTestEnvironments.Kinds;

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task ConversationDeliversEveryMessageThroughRetriesSignalsAndTimers(string kind)
    {
        var activities = new KitActivities { FailuresBeforeSuccess = 2 };
        await using var env = await TemporalTestEnvironments.StartAsync(kind, KitEnvironment.Workload(activities));
        var handle = await env.Client.StartWorkflowAsync(
            (ConversationWorkflow wf) => wf.RunAsync(new[] { "hello", "are you there?" }),
            new WorkflowOptions($"conversation-{Guid.NewGuid():N}", env.TaskQueue));

        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        (await handle.GetResultAsync()).Should().Be("ok:hello,ok:are you there?");
        activities.AttemptsSeen.Should().HaveCount(4, "two deliveries, two transient failures retried");
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task ApprovalSignalEndsTheWaitAndIsVisibleToQueries(string kind)
    {
        await using var env = await TemporalTestEnvironments.StartAsync(kind, KitEnvironment.Workload(new KitActivities()));
        var handle = await env.Client.StartWorkflowAsync(
            (ApprovalWorkflow wf) => wf.RunAsync(60), new WorkflowOptions($"approval-{Guid.NewGuid():N}", env.TaskQueue));
        await env.WaitUntilAsync(async () => await handle.QueryAsync(wf => wf.State) == "waiting", "the workflow is waiting");

        await handle.SignalAsync(wf => wf.ApproveAsync("ana"));
        await env.RunUntilIdleAsync();

        (await handle.GetResultAsync()).Should().Be("approved by ana at +0m");
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task NonRetryableActivityFailureReachesTheWorkflowOnce(string kind)
    {
        var activities = new KitActivities();
        await using var env = await TemporalTestEnvironments.StartAsync(kind, KitEnvironment.Workload(activities));

        var result = await env.Client.ExecuteWorkflowAsync(
            (CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Rejecting", "msg")),
            new WorkflowOptions($"reject-{Guid.NewGuid():N}", env.TaskQueue));

        result.Should().Be("failed:Rejected:rejected msg:nonRetryable=True:details=detail-1:retryState=NonRetryableFailure");
        activities.AttemptsSeen.Should().Equal(1);
    }
}
