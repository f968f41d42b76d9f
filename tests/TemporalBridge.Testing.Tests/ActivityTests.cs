using TemporalBridge.Testing.Tests.Workflows;
using Temporalio.Client;

namespace TemporalBridge.Testing.Tests;

public sealed class ActivityTests
{
    private static WorkflowOptions Options(string id) => new(id, "offline-tests");

    [Fact]
    public async Task ActivityRunsWithItsRealImplementationAndReturnsItsResult()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Echo", "hi")), Options("echo"));

        (await handle.GetResultAsync()).Should().Be("echo:hi after 0s");
        env.Workflow("echo").ActivityAttempts["Echo"].Should().Be(1);
    }

    [Fact]
    public async Task FailedAttemptsAreRetriedWithBackoffInSkippedTime()
    {
        var activities = new KitActivities { FailuresBeforeSuccess = 2 };
        await using var env = KitEnvironment.Create(activities);
        var handle = await env.Client.StartWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Flaky", "x")), Options("flaky"));
        await env.RunUntilIdleAsync();
        activities.AttemptsSeen.Should().Equal(1);

        await env.AdvanceTimeAsync(TimeSpan.FromSeconds(1.9));
        activities.AttemptsSeen.Should().Equal([1], "the first retry is due 2 s after the failure");

        await env.AdvanceTimeAsync(TimeSpan.FromSeconds(10));

        // 2 s, then 2 × 3 = 6 s: the workflow clock saw 8 s pass.
        activities.AttemptsSeen.Should().Equal(1, 2, 3);
        (await handle.GetResultAsync()).Should().Be("ok:x after 8s");
        env.Workflow("flaky").BillableActions.ActivityAttempts.Should().Be(3);
    }

    [Fact]
    public async Task NonRetryableFailureReachesTheWorkflowAtOnceWithItsTypeAndDetails()
    {
        var activities = new KitActivities();
        await using var env = KitEnvironment.Create(activities);
        var handle = await env.Client.StartWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Rejecting", "msg")), Options("reject"));

        (await handle.GetResultAsync()).Should().Be("failed:Rejected:rejected msg:nonRetryable=True:details=detail-1:retryState=NonRetryableFailure");
        activities.AttemptsSeen.Should().Equal(1);
    }

    [Fact]
    public async Task RetriesStopAtMaximumAttempts()
    {
        var activities = new KitActivities { FailuresBeforeSuccess = 10 };
        await using var env = KitEnvironment.Create(activities);
        var handle = await env.Client.StartWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Flaky", "x", MaximumAttempts: 3)), Options("max"));

        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        activities.AttemptsSeen.Should().Equal(1, 2, 3);
        (await handle.GetResultAsync()).Should().StartWith("failed:InvalidOperationException:transient failure 3").And.EndWith("retryState=MaximumAttemptsReached");
    }

    [Fact]
    public async Task AnAttemptThatOutlivesStartToCloseTimesOutAndIsRetried()
    {
        var activities = new KitActivities();
        await using var env = KitEnvironment.Create(activities, o => o.ActivityTimeoutScale = 0.05);
        var handle = await env.Client.StartWorkflowAsync(
            (CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Hanging", "x", MaximumAttempts: 2, StartToCloseMs: 2_000)), Options("hang"));

        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(1));

        activities.AttemptsSeen.Should().Equal(1, 2);
        (await handle.GetResultAsync()).Should().Be("timeout:StartToClose:retryState=MaximumAttemptsReached");
    }

    [Fact]
    public async Task AnUnregisteredActivityFailsLikeAWorkerWithoutIt()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Missing", "x", MaximumAttempts: 1)), Options("missing"));

        (await handle.GetResultAsync()).Should().StartWith("failed:NotFoundError:Activity function Missing is not registered");
    }
}
