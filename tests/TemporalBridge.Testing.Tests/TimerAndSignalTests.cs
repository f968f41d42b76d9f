using TemporalBridge.Testing.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Testing.Tests;

public sealed class TimerAndSignalTests
{
    private static WorkflowOptions Options(string id) => new(id, "offline-tests");

    [Fact]
    public async Task TimersFireOnlyWhenTimeIsAdvancedAndWorkflowClockFollows()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var start = env.Now;
        var handle = await env.Client.StartWorkflowAsync((SleepWorkflow wf) => wf.RunAsync(30), Options("sleep"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(29));
        env.Workflow("sleep").IsOpen.Should().BeTrue();

        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(2));

        var result = await handle.GetResultAsync();
        result.Should().Be($"{start:O}|{start.AddMinutes(30):O}", "Workflow.UtcNow is the time the timer fired, not the end of the jump");
        env.Now.Should().Be(start.AddMinutes(31));
    }

    [Fact]
    public async Task SignalWakesAWaitingWorkflowBeforeItsDeadline()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        await handle.SignalAsync(wf => wf.ApproveAsync("ana"));

        (await handle.GetResultAsync()).Should().Be("approved by ana at +10m");
        env.Workflow("approval").History.Should().Contain(e => e.EventType == EventType.TimerCanceled);
    }

    [Fact]
    public async Task DeadlinePassesWhenNoSignalComes()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));

        await env.AdvanceTimeAsync(TimeSpan.FromHours(2));

        (await handle.GetResultAsync()).Should().Be("expired by  at +60m");
    }

    [Fact]
    public async Task SignalWithStartStartsOnceThenOnlySignals()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var options = Options("approval");
        options.SignalWithStart((ApprovalWorkflow wf) => wf.ApproveAsync("first"));
        await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), options);
        var again = Options("approval");
        again.SignalWithStart((ApprovalWorkflow wf) => wf.ApproveAsync("second"));
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), again);

        (await handle.GetResultAsync()).Should().Be("approved by first+second at +0m");
        env.Workflows.Should().ContainSingle();
        env.Workflow("approval").BillableActions.WorkflowsStarted.Should().Be(1);
        env.Workflow("approval").BillableActions.Signals.Should().Be(2);
    }

    [Fact]
    public async Task SecondStartOfARunningIdFailsAsTheServerWouldUnlessThePolicySaysUseExisting()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var first = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));

        var duplicate = () => env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));
        await duplicate.Should().ThrowAsync<WorkflowAlreadyStartedException>();

        var useExisting = Options("approval");
        useExisting.IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting;
        var second = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), useExisting);
        second.RunId.Should().Be(first.RunId);
        env.Workflows.Should().ContainSingle();
        await first.SignalAsync(wf => wf.ApproveAsync("done"));
        await env.RunUntilIdleAsync();
    }

    [Fact]
    public async Task TerminateExistingPolicyReplacesTheRunningExecution()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));
        var replace = Options("approval");
        replace.IdConflictPolicy = WorkflowIdConflictPolicy.TerminateExisting;

        await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), replace);

        env.Workflows.Select(w => w.Status).Should().Equal(WorkflowExecutionStatus.Terminated, WorkflowExecutionStatus.Running);
    }

    [Fact]
    public async Task RejectDuplicateReusePolicyRefusesAClosedId()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var call = new ActivityCall("Echo", "x");
        await env.Client.ExecuteWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(call), Options("echo"));
        var reject = Options("echo");
        reject.IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate;

        var start = () => env.Client.StartWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(call), reject);

        await start.Should().ThrowAsync<WorkflowAlreadyStartedException>();
        await env.Client.ExecuteWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(call), Options("echo"));
        env.Workflows.Should().HaveCount(2, "the default policy allows a new execution after a close");
    }

    [Fact]
    public async Task QueriesReadTheWorkflowsCurrentStateWithoutChangingItsHistory()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));
        await env.RunUntilIdleAsync();
        var eventsBefore = env.Workflow("approval").History.Count;

        (await handle.QueryAsync(wf => wf.State)).Should().Be("waiting");
        (await handle.QueryAsync(wf => wf.ApprovalCount())).Should().Be(0);
        env.Workflow("approval").History.Count.Should().Be(eventsBefore);

        await handle.SignalAsync(wf => wf.ApproveAsync("ana"));
        (await handle.QueryAsync(wf => wf.ApprovalCount())).Should().Be(1, "a query sees signals the server has accepted");
        env.Workflow("approval").BillableActions.Queries.Should().Be(3);
        await env.RunUntilIdleAsync();
        (await handle.GetResultAsync()).Should().Be("approved by ana at +0m");
    }

    [Fact]
    public async Task SignallingAnUnknownWorkflowFailsWithNotFound()
    {
        await using var env = KitEnvironment.Create(new KitActivities());

        var signal = () => env.Client.GetWorkflowHandle<ApprovalWorkflow>("nobody").SignalAsync(wf => wf.ApproveAsync("x"));

        (await signal.Should().ThrowAsync<RpcException>()).Which.Code.Should().Be(RpcException.StatusCode.NotFound);
    }

    [Fact]
    public async Task GetResultOfAWorkflowThatWaitsSaysWhatItWaitsFor()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));

        var result = () => handle.GetResultAsync();

        await result.Should().ThrowAsync<InvalidOperationException>().WithMessage("*still running*signal*AdvanceTimeAsync*");
    }

    [Fact]
    public async Task WorkflowFailureReachesTheClientWithItsType()
    {
        await using var env = KitEnvironment.Create(new KitActivities());

        var run = () => env.Client.ExecuteWorkflowAsync((FailingWorkflow wf) => wf.RunAsync("no"), Options("fail"));

        var failure = (await run.Should().ThrowAsync<WorkflowFailedException>()).Which.InnerException;
        failure.Should().BeOfType<ApplicationFailureException>().Which.ErrorType.Should().Be("Refused");
        env.Workflow("fail").Status.Should().Be(WorkflowExecutionStatus.Failed);
    }

    [Fact]
    public async Task CancelRequestCancelsAWaitingWorkflow()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));
        await env.RunUntilIdleAsync();

        await handle.CancelAsync();
        await env.RunUntilIdleAsync();

        env.Workflow("approval").Status.Should().Be(WorkflowExecutionStatus.Canceled);
    }
}
