using TemporalBridge.Testing.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;

namespace TemporalBridge.Testing.Tests;

/// <summary>Workflows that start, signal and outlive each other.</summary>
public sealed class WorkflowGraphTests
{
    private static WorkflowOptions Options(string id) => new(id, "offline-tests");

    [Fact]
    public async Task ParentChildrenSignalsTimerAndRetriesRunToCompletionAndReplayCleanly()
    {
        var activities = new KitActivities { FailuresBeforeSuccess = 2 };
        await using var env = KitEnvironment.Create(activities);
        var handle = await env.Client.StartWorkflowAsync(
            (ConversationWorkflow wf) => wf.RunAsync(new[] { "a", "b", "c" }), Options("conversation"));

        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        (await handle.GetResultAsync()).Should().Be("ok:a,ok:b,ok:c");
        env.Workflows.Should().HaveCount(4);
        env.Workflows.Should().OnlyContain(w => w.Status == WorkflowExecutionStatus.Completed);
        env.TotalBillableActions.ActivityAttempts.Should().Be(5, "three deliveries, two transient failures retried");
        env.Workflow("conversation/delivery-0").SignalsReceived.Select(s => s.Name).Should().Equal("Go");
        await env.VerifyDeterminismAsync();
    }

    [Fact]
    public async Task ChildrenAreTerminatedWhenTheParentGivesUp()
    {
        var activities = new KitActivities { FailuresBeforeSuccess = 1_000 };
        await using var env = KitEnvironment.Create(activities);
        var handle = await env.Client.StartWorkflowAsync((ConversationWorkflow wf) => wf.RunAsync(new[] { "a" }), Options("conversation"));

        await env.AdvanceTimeAsync(TimeSpan.FromHours(2));

        (await handle.GetResultAsync()).Should().Be("gave up");
        env.Workflow("conversation/delivery-0").Status.Should().Be(WorkflowExecutionStatus.Terminated);
    }

    [Fact]
    public async Task AChildIdAlreadyRunningFailsTheChildStartInTheParent()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((DeliveryChildWorkflow wf) => wf.RunAsync("squatter"), Options("conversation/delivery-0"));

        var run = () => env.Client.ExecuteWorkflowAsync((ConversationWorkflow wf) => wf.RunAsync(new[] { "a" }), Options("conversation"));

        await run.Should().ThrowAsync<Temporalio.Exceptions.WorkflowFailedException>();
        env.Workflow("conversation").History.Should().Contain(e => e.EventType == EventType.StartChildWorkflowExecutionFailed);
        await env.Client.GetWorkflowHandle("conversation/delivery-0").TerminateAsync();
    }

    [Fact]
    public async Task AFailedChildReachesItsParentAsAChildFailureWithItsCause()
    {
        await using var env = KitEnvironment.Create(new KitActivities());

        var result = await env.Client.ExecuteWorkflowAsync((SupervisorWorkflow wf) => wf.RunAsync(), Options("supervisor"));

        result.Should().Be("child failed: Refused: child says no");
        env.Workflow("supervised").Status.Should().Be(WorkflowExecutionStatus.Failed);
    }

    [Fact]
    public async Task ExternalSignalReachesItsTargetOrFailsWhenThereIsNone()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var target = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("target"));

        (await env.Client.ExecuteWorkflowAsync((RelayWorkflow wf) => wf.RunAsync("target"), Options("relay-1"))).Should().Be("relayed");
        (await env.Client.ExecuteWorkflowAsync((RelayWorkflow wf) => wf.RunAsync("nobody"), Options("relay-2"))).Should().StartWith("not found");

        (await target.GetResultAsync()).Should().Be("approved by relay at +0m");
        env.Workflow("target").SignalsReceived.Should().ContainSingle().Which.Name.Should().Be("Approve");
    }

    [Fact]
    public async Task ContinueAsNewStartsANewRunThatCarriesTheWorkflowsState()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((CounterWorkflow wf) => wf.RunAsync(new CounterState(0, Array.Empty<string>())), Options("counter"));
        for (var i = 0; i < 7; i++)
        {
            await handle.SignalAsync(wf => wf.AddAsync($"item-{i}"));
        }

        await env.RunUntilIdleAsync();

        var counter = env.Workflow("counter");
        counter.Runs.Should().HaveCount(3);
        counter.Runs.Take(2).Should().OnlyContain(r => r.Status == WorkflowExecutionStatus.ContinuedAsNew);
        (await handle.QueryAsync(wf => wf.Count)).Should().Be(7);
        counter.BillableActions.WorkflowsStarted.Should().Be(3, "each continue-as-new is a workflow start");
    }

    [Fact]
    public async Task SignalsOfOneTaskAllReachTheWorkflowBeforeItContinuesAsNew()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((CounterWorkflow wf) => wf.RunAsync(new CounterState(0, Array.Empty<string>())), Options("counter"));
        await env.RunUntilIdleAsync();

        // Five signals in one task to a workflow that continues as new after its third: as a worker records its
        // first task (the SDK's modern event loop), every signal is handled before the workflow code moves on.
        for (var i = 1; i <= 5; i++)
        {
            await handle.SignalAsync(wf => wf.AddAsync($"item-{i}"));
        }
        await env.RunUntilIdleAsync();

        env.Workflow("counter").Runs.Should().HaveCount(2);
        (await handle.QueryAsync(wf => wf.Count)).Should().Be(5, "the two signals after the third go to the next run");
    }

    [Fact]
    public async Task ASignalArrivingWhileTheTaskThatContinuesAsNewIsOpenReachesTheNextRun()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((CounterWorkflow wf) => wf.RunAsync(new CounterState(0, Array.Empty<string>())), Options("counter"));
        await handle.SignalAsync(wf => wf.AddAsync("item-1"));
        await handle.SignalAsync(wf => wf.AddAsync("item-2"));
        await env.RunUntilIdleAsync();
        await handle.SignalAsync(wf => wf.AddAsync("item-3"));

        // The task that takes item-3 (and continues as new) is written; item-4 comes before a worker has run it, as
        // a webhook can while the bridge's worker is busy.
        env.Workflow("counter").CurrentRun.WritePendingEvents();
        await handle.SignalAsync(wf => wf.AddAsync("item-4"));
        await env.RunUntilIdleAsync();

        var counter = env.Workflow("counter");
        counter.Runs.Should().HaveCount(2);
        counter.Runs[0].Events[^1].EventType.Should().Be(EventType.WorkflowExecutionContinuedAsNew, "nothing is written to a closed run");
        (await handle.QueryAsync(wf => wf.Count)).Should().Be(4, "the signal went to the next run");
    }

    [Fact]
    public async Task TheServersContinueAsNewSuggestionComesOnceTheHistoryIsLong()
    {
        await using var env = KitEnvironment.Create(new KitActivities(), o => o.SuggestContinueAsNewAfterEvents = 20);
        var handle = await env.Client.StartWorkflowAsync((LongLivedCounterWorkflow wf) => wf.RunAsync(0), Options("counter"));
        for (var i = 0; i < 10; i++)
        {
            await handle.SignalAsync(wf => wf.TickAsync());
            await env.RunUntilIdleAsync();
        }

        var counter = env.Workflow("counter");
        counter.Runs.Should().HaveCountGreaterThan(1);
        counter.Runs.Should().OnlyContain(r => r.Events.Count <= 20 + 8, "each run stops soon after the suggestion");
        (await handle.QueryAsync(wf => wf.Count)).Should().Be(10);
    }

    [Fact]
    public async Task SearchAttributeUpsertsAreVisibleToListQueries()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var first = await env.Client.StartWorkflowAsync((TrackedWorkflow wf) => wf.RunAsync(), Options("tracked-1"));
        await env.Client.StartWorkflowAsync((TrackedWorkflow wf) => wf.RunAsync(), Options("tracked-2"));
        await env.RunUntilIdleAsync();
        await first.SignalAsync(wf => wf.FinishAsync());
        await env.RunUntilIdleAsync();

        var stuck = await ListIds(env.Client, "BridgeDeliveryState = 'retrying' AND BridgeDeliveryAttempts >= 3");
        var done = await ListIds(env.Client, "BridgeDeliveryState = 'delivered' AND ExecutionStatus = 'Completed'");

        stuck.Should().Equal("tracked-2");
        (await ListIds(env.Client, "WorkflowType = 'TrackedWorkflow'", limit: 0)).Should().HaveCount(2, "a limit of 0 means none");
        (await ListIds(env.Client, "WorkflowType = 'TrackedWorkflow'", limit: 1)).Should().HaveCount(1);
        done.Should().Equal("tracked-1");
        env.Workflow("tracked-1").SearchAttribute<string>("BridgeDeliveryState").Should().Be("delivered");
        env.Workflow("tracked-1").BillableActions.SearchAttributeUpserts.Should().Be(2);
        (await env.Client.GetWorkflowHandle("tracked-2").DescribeAsync()).TypedSearchAttributes
            .Get(TrackedWorkflow.State).Should().Be("retrying");
        await env.Client.GetWorkflowHandle("tracked-2").TerminateAsync();
    }

    [Fact]
    public async Task ManyWorkflowsAtOnceAreDrivenUntilIdle()
    {
        var activities = new KitActivities();
        await using var env = KitEnvironment.Create(activities);
        for (var i = 0; i < 20; i++)
        {
            await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options($"target-{i}"));
            await env.Client.StartWorkflowAsync((RelayWorkflow wf) => wf.RunAsync($"target-{i}"), Options($"relay-{i}"));
        }

        await env.RunUntilIdleAsync();

        env.Workflows.Should().HaveCount(40).And.OnlyContain(w => w.Status == WorkflowExecutionStatus.Completed);
        env.TotalBillableActions.Signals.Should().Be(20);
    }

    private static async Task<List<string>> ListIds(ITemporalClient client, string query, int limit = 0)
    {
        var ids = new List<string>();
        await foreach (var execution in client.ListWorkflowsAsync(query, new WorkflowListOptions { Limit = limit }))
        {
            ids.Add(execution.Id);
        }
        return ids;
    }
}
