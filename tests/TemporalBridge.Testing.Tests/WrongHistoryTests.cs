using TemporalBridge.Testing.Temporal;
using TemporalBridge.Testing.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Client;

namespace TemporalBridge.Testing.Tests;

/// <summary>
/// Keeps the kit honest: for each command → event rule it mirrors, the history it wrote replays cleanly, and the
/// same history with that rule broken makes the SDK's replay fail. A kit rule that drifted from the SDK would
/// therefore break every workflow test, not pass them silently.
/// The SDK does not compare everything: timer ids, signal targets and names, search-attribute values and the
/// results a workflow only reads are not checked by replay. The kit's own assertions (signals received, search
/// attributes, results) cover those instead.
/// </summary>
public sealed class WrongHistoryTests
{
    private static WorkflowOptions Options(string id) => new(id, "offline-tests");

    [Fact]
    public async Task ScheduledActivityWithAnotherTypeFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.ExecuteWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Echo", "x")), Options("wf"));

        await ShouldRejectAsync(env, "wf", EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes.ActivityType.Name = "Flaky");
    }

    [Fact]
    public async Task ScheduledActivityWithAnotherIdFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.ExecuteWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Echo", "x")), Options("wf"));

        await ShouldRejectAsync(env, "wf", EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes.ActivityId = "7");
    }

    [Fact]
    public async Task ActivityOutcomeWrittenAsFailureInsteadOfCompletionFailsReplay()
    {
        // The delivery child starts a timer after its activity succeeds; had the activity failed, it would have failed instead.
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((ConversationWorkflow wf) => wf.RunAsync(new[] { "a" }), Options("wf"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        await ShouldRejectAsync(env, "wf/delivery-0", EventType.ActivityTaskCompleted, e =>
        {
            var completed = e.ActivityTaskCompletedEventAttributes;
            e.EventType = EventType.ActivityTaskFailed;
            e.ActivityTaskFailedEventAttributes = new()
            {
                ScheduledEventId = completed.ScheduledEventId,
                StartedEventId = completed.StartedEventId,
                Failure = new() { Message = "boom", ApplicationFailureInfo = new() { Type = "Boom", NonRetryable = true } },
                RetryState = RetryState.NonRetryableFailure,
            };
        });
    }

    [Fact]
    public async Task MissingTimerStartFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((SleepWorkflow wf) => wf.RunAsync(5), Options("wf"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        await ShouldRejectAsync(env, "wf", EventType.TimerStarted, RemoveEvent);
    }

    [Fact]
    public async Task MissingTimerCancelFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("wf"));
        await env.RunUntilIdleAsync();
        await handle.SignalAsync(wf => wf.ApproveAsync("ana"));
        await env.RunUntilIdleAsync();

        await ShouldRejectAsync(env, "wf", EventType.TimerCanceled, RemoveEvent);
    }

    [Fact]
    public async Task TimerStartedAndCancelledInOneTaskLeavesNoEventsAndWritingThemFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((ChangeOfMindWorkflow wf) => wf.RunAsync(), Options("wf"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(2));
        var run = env.Workflow("wf").CurrentRun;
        run.Events.Where(e => e.EventType == EventType.TimerStarted).Should().ContainSingle("the cancelled timer never reached the server");
        await env.ReplayAsync("wf", Clone(run));

        var events = Clone(run);
        var firstTimer = events.First(e => e.EventType == EventType.TimerStarted);
        var index = events.IndexOf(firstTimer);
        var abandoned = firstTimer.Clone();
        abandoned.TimerStartedEventAttributes.TimerId = "1";
        abandoned.TimerStartedEventAttributes.StartToFireTimeout = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1));
        var cancelled = new HistoryEvent
        {
            EventType = EventType.TimerCanceled,
            EventTime = firstTimer.EventTime,
            TimerCanceledEventAttributes = new() { TimerId = "1", WorkflowTaskCompletedEventId = firstTimer.TimerStartedEventAttributes.WorkflowTaskCompletedEventId },
        };
        events.InsertRange(index, [abandoned, cancelled]);
        Renumber(events);
        cancelled.TimerCanceledEventAttributes.StartedEventId = abandoned.EventId;

        var replay = () => env.ReplayAsync("wf", events);

        await replay.Should().ThrowAsync<OfflineReplayException>();
    }

    [Fact]
    public async Task MissingSearchAttributeUpsertFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((TrackedWorkflow wf) => wf.RunAsync(), Options("wf"));
        await env.RunUntilIdleAsync();
        await handle.SignalAsync(wf => wf.FinishAsync());
        await env.RunUntilIdleAsync();

        await ShouldRejectAsync(env, "wf", EventType.UpsertWorkflowSearchAttributes, RemoveEvent);
    }

    [Fact]
    public async Task ChildOfAnotherTypeFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((ConversationWorkflow wf) => wf.RunAsync(new[] { "a" }), Options("wf"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        await ShouldRejectAsync(env, "wf", EventType.StartChildWorkflowExecutionInitiated,
            e => e.StartChildWorkflowExecutionInitiatedEventAttributes.WorkflowType.Name = "ApprovalWorkflow");
    }

    [Fact]
    public async Task ChildWithAnotherIdFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((ConversationWorkflow wf) => wf.RunAsync(new[] { "a" }), Options("wf"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        await ShouldRejectAsync(env, "wf", EventType.StartChildWorkflowExecutionInitiated,
            e => e.StartChildWorkflowExecutionInitiatedEventAttributes.WorkflowId = "someone-else");
    }

    [Fact]
    public async Task MissingChildStartFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((ConversationWorkflow wf) => wf.RunAsync(new[] { "a" }), Options("wf"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        await ShouldRejectAsync(env, "wf", EventType.ChildWorkflowExecutionStarted, RemoveEvent);
    }

    [Fact]
    public async Task ChildCompletionWrittenAsFailureFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((ConversationWorkflow wf) => wf.RunAsync(new[] { "a" }), Options("wf"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        await ShouldRejectAsync(env, "wf", EventType.ChildWorkflowExecutionCompleted, e =>
        {
            var completed = e.ChildWorkflowExecutionCompletedEventAttributes;
            e.EventType = EventType.ChildWorkflowExecutionFailed;
            e.ChildWorkflowExecutionFailedEventAttributes = new()
            {
                Namespace = completed.Namespace,
                InitiatedEventId = completed.InitiatedEventId,
                StartedEventId = completed.StartedEventId,
                WorkflowExecution = completed.WorkflowExecution,
                WorkflowType = completed.WorkflowType,
                Failure = new() { Message = "child failed", ApplicationFailureInfo = new() { Type = "Boom" } },
            };
        });
    }

    [Fact]
    public async Task MissingCancelRequestFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("wf"));
        await env.RunUntilIdleAsync();
        await handle.CancelAsync();
        await env.RunUntilIdleAsync();

        await ShouldRejectAsync(env, "wf", EventType.WorkflowExecutionCancelRequested, RemoveEvent);
    }

    [Fact]
    public async Task MissingSignalToAChildFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((ConversationWorkflow wf) => wf.RunAsync(new[] { "a" }), Options("wf"));
        await env.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        await ShouldRejectAsync(env, "wf", EventType.SignalExternalWorkflowExecutionInitiated, RemoveEvent);
    }

    [Fact]
    public async Task MissingExternalSignalFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("target"));
        await env.Client.ExecuteWorkflowAsync((RelayWorkflow wf) => wf.RunAsync("target"), Options("wf"));

        await ShouldRejectAsync(env, "wf", EventType.SignalExternalWorkflowExecutionInitiated, RemoveEvent);
    }

    [Fact]
    public async Task CompletionWrittenAsFailureFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.ExecuteWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Echo", "x")), Options("wf"));

        await ShouldRejectAsync(env, "wf", EventType.WorkflowExecutionCompleted, e =>
        {
            var completedBy = e.WorkflowExecutionCompletedEventAttributes.WorkflowTaskCompletedEventId;
            e.EventType = EventType.WorkflowExecutionFailed;
            e.WorkflowExecutionFailedEventAttributes = new() { Failure = new() { Message = "no" }, WorkflowTaskCompletedEventId = completedBy };
        });
    }

    [Fact]
    public async Task ContinueAsNewWrittenAsCompletionFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((CounterWorkflow wf) => wf.RunAsync(new CounterState(0, Array.Empty<string>())), Options("wf"));
        for (var i = 0; i < 3; i++)
        {
            await handle.SignalAsync(wf => wf.AddAsync("x"));
        }
        await env.RunUntilIdleAsync();

        await ShouldRejectAsync(env, "wf", EventType.WorkflowExecutionContinuedAsNew, e =>
        {
            var byTask = e.WorkflowExecutionContinuedAsNewEventAttributes.WorkflowTaskCompletedEventId;
            e.EventType = EventType.WorkflowExecutionCompleted;
            e.WorkflowExecutionCompletedEventAttributes = new() { WorkflowTaskCompletedEventId = byTask };
        }, run: 0);
    }

    [Fact]
    public async Task MissingSignalTheWorkflowActedOnFailsReplay()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("wf"));
        await env.RunUntilIdleAsync();
        await handle.SignalAsync(wf => wf.ApproveAsync("ana"));
        await env.RunUntilIdleAsync();

        await ShouldRejectAsync(env, "wf", EventType.WorkflowExecutionSignaled, e =>
            e.WorkflowExecutionSignaledEventAttributes.SignalName = "NoSuchSignal");
    }

    [Fact]
    public async Task MalformedHistoryFailsWithinTheReplayTimeoutInsteadOfHanging()
    {
        await using var env = KitEnvironment.Create(new KitActivities(), o => o.ReplayTimeout = TimeSpan.FromSeconds(2));
        await env.Client.ExecuteWorkflowAsync((CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Echo", "x")), Options("wf"));
        var events = Clone(env.Workflow("wf").CurrentRun);
        // Without a task queue the SDK's core panics and its replay never returns.
        events[0].WorkflowExecutionStartedEventAttributes.TaskQueue = null;
        var started = DateTime.UtcNow;

        var replay = () => env.ReplayAsync("wf", events);

        await replay.Should().ThrowAsync<OfflineReplayException>().WithMessage("*did not finish within 2 s*malformed*");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TheSdkInternalTheKitReadsIsStillThere()
    {
        // The kit reads each task's commands from a private SDK field; this fails loudly when an SDK update moves it.
        var ensure = () => typeof(OfflineTemporalEnvironment).Assembly
            .GetType("TemporalBridge.Testing.Temporal.WorkflowTaskRecorder")!
            .GetMethod("EnsureSdkInternalsAreReadable")!
            .Invoke(null, null);

        ensure.Should().NotThrow();
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.StartWorkflowAsync((TrackedWorkflow wf) => wf.RunAsync(), Options("wf"));
        await env.RunUntilIdleAsync();
        env.Workflow("wf").History.Should().Contain(e => e.EventType == EventType.UpsertWorkflowSearchAttributes,
            "upserts are only visible through that field");
        await env.Client.GetWorkflowHandle("wf").TerminateAsync();
    }

    /// <summary>Event ids stay contiguous, as the SDK requires; references between events are not rewritten, which
    /// only makes a wrong history more wrong.</summary>
    private static void Renumber(List<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            events[i].EventId = i + 1;
        }
    }

    private static void RemoveEvent(HistoryEvent e) => e.EventType = EventType.Unspecified;

    private static List<HistoryEvent> Clone(SimulatedRun run) => run.Events.Select(e => e.Clone()).ToList();

    /// <summary>The run's own history must replay; the same history with the first <paramref name="type"/> event
    /// changed (or removed, with ids renumbered) must not.</summary>
    private static async Task ShouldRejectAsync(
        OfflineTemporalEnvironment env, string workflowId, EventType type, Action<HistoryEvent> change, int run = -1)
    {
        var workflow = env.Workflow(workflowId);
        var target = run < 0 ? workflow.CurrentRun : workflow.Runs[run];
        await env.ReplayAsync(workflowId, Clone(target));

        var events = Clone(target);
        var victim = events.First(e => e.EventType == type);
        change(victim);
        if (victim.EventType == EventType.Unspecified)
        {
            events.Remove(victim);
            Renumber(events);
        }

        var replay = () => env.ReplayAsync(workflowId, events);

        await replay.Should().ThrowAsync<OfflineReplayException>();
    }
}
