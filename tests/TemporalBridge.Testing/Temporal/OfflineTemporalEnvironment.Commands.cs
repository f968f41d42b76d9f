using Google.Protobuf;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;

namespace TemporalBridge.Testing.Temporal;

/// <summary>The command → event rules: what a server writes, and does, for each command a workflow task issues.
/// Each rule has a kit self-test in which a history that breaks it fails replay.</summary>
public sealed partial class OfflineTemporalEnvironment
{
    private void ApplyCommands(SimulatedRun run, IReadOnlyList<RecordedCommand> commands, IReadOnlyList<uint> langFlags)
    {
        run.History.WorkflowTaskCompleted(langFlags);
        run.CloseWorkflowTask();

        // The core drops a timer started and cancelled within the same task: neither reaches the server.
        var cancelledHere = commands.Where(c => c.Kind == "cancel_timer").Select(Seq).ToHashSet();
        var startedHere = commands.Where(c => c.Kind == "start_timer").Select(Seq).ToHashSet();

        foreach (var command in commands)
        {
            switch (command.Kind)
            {
                case "schedule_activity":
                    ScheduleActivity(run, command);
                    break;
                case "start_timer" when !cancelledHere.Contains(Seq(command)):
                    var delay = ProtoFields.Duration(command.Field("start_to_fire_timeout")) ?? TimeSpan.Zero;
                    var timerId = Seq(command).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    run.Timers[Seq(command)] = (timerId, run.History.TimerStarted(timerId, delay), Now + delay);
                    run.Workflow.BillableActions.Timers++;
                    break;
                case "cancel_timer" when !startedHere.Contains(Seq(command)):
                    if (run.Timers.Remove(Seq(command), out var timer))
                    {
                        run.History.TimerCanceled(timer.TimerId, timer.StartedEventId);
                    }
                    break;
                case "start_timer" or "cancel_timer":
                    break;
                case "upsert_workflow_search_attributes":
                    var attributes = ProtoFields.SearchAttributes(command.Field("search_attributes")) ?? new SearchAttributes();
                    run.History.UpsertSearchAttributes(attributes);
                    SearchAttributeValues.Apply(run.Workflow, attributes);
                    run.Workflow.BillableActions.SearchAttributeUpserts++;
                    break;
                case "start_child_workflow_execution":
                    StartChild(run, command);
                    break;
                case "signal_external_workflow_execution":
                    SignalExternal(run, command);
                    break;
                case "complete_workflow_execution":
                    var result = (Payload?)command.Field("result");
                    run.History.Completed(result == null ? null : new Payloads { Payloads_ = { result } });
                    run.Workflow.ResultPayload = result;
                    Close(run, WorkflowExecutionStatus.Completed);
                    return;
                case "fail_workflow_execution":
                    var failure = (Failure)command.Field("failure")!;
                    run.History.Failed(failure);
                    run.Workflow.Failure = failure;
                    Close(run, WorkflowExecutionStatus.Failed);
                    return;
                case "cancel_workflow_execution":
                    run.History.Canceled();
                    Close(run, WorkflowExecutionStatus.Canceled);
                    return;
                case "continue_as_new_workflow_execution":
                    ContinueAsNew(run, command);
                    return;
                default:
                    throw new NotSupportedException(
                        $"{run} issued a '{command.Kind}' command, which the offline kit does not mirror. " +
                        "Add the rule (with a self-test whose wrong history fails replay) or avoid the feature.");
            }
        }
    }

    private static uint Seq(RecordedCommand command) => (uint)command.Field("seq")!;

    private void ScheduleActivity(SimulatedRun run, RecordedCommand command)
    {
        var input = ProtoFields.Payloads(command.Field("arguments"));
        var retryPolicy = (RetryPolicy?)command.Field("retry_policy");
        var startToClose = ProtoFields.Duration(command.Field("start_to_close_timeout"));
        var scheduleToClose = ProtoFields.Duration(command.Field("schedule_to_close_timeout"));
        var scheduledEventId = run.History.ActivityScheduled(command.Text("activity_id"), command.Text("activity_type"), input, new()
        {
            StartToCloseTimeout = startToClose is { } s ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(s) : null,
            ScheduleToCloseTimeout = scheduleToClose is { } c ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(c) : null,
            RetryPolicy = retryPolicy,
        });
        var activity = new ScheduledActivity
        {
            Run = run,
            Seq = Seq(command),
            ScheduledEventId = scheduledEventId,
            ActivityId = command.Text("activity_id"),
            ActivityType = command.Text("activity_type"),
            Input = input,
            StartToCloseTimeout = startToClose ?? scheduleToClose ?? TimeSpan.FromMinutes(1),
            ScheduleToCloseTimeout = scheduleToClose,
            RetryPolicy = retryPolicy,
            FirstScheduledAt = Now,
            DueAt = Now,
        };
        run.Activities[activity.Seq] = activity;
        pendingActivities.Add(activity);
    }

    private void RecordAttempt(ScheduledActivity activity, AttemptOutcome outcome)
    {
        var run = activity.Run;
        if (!run.IsOpen)
        {
            return; // the run closed (or continued as new) while the attempt ran: nobody waits for it
        }
        var workflow = run.Workflow;
        workflow.BillableActions.ActivityAttempts++;
        workflow.activityAttempts[activity.ActivityType] = workflow.activityAttempts.GetValueOrDefault(activity.ActivityType) + 1;
        var history = run.History;
        var attempt = activity.Attempt;
        var lastFailure = activity.LastFailure;

        if (outcome is AttemptOutcome.Completed completed)
        {
            run.Activities.Remove(activity.Seq);
            run.Deliver(() => history.ActivityCompleted(
                activity.ScheduledEventId, history.ActivityStarted(activity.ScheduledEventId, attempt, lastFailure), completed.Result));
            return;
        }
        var failure = outcome switch
        {
            AttemptOutcome.Failed f => f.Failure,
            AttemptOutcome.TimedOut t => t.Failure,
            _ => throw new InvalidOperationException(outcome.ToString()),
        };
        var decision = RetrySchedule.After(activity, failure, Now);
        if (decision.Retry)
        {
            // A server writes nothing for a retry: the next attempt is only visible when the activity closes.
            activity.LastFailure = failure;
            activity.Attempt++;
            activity.DueAt = Now + decision.Delay;
            pendingActivities.Add(activity);
            return;
        }
        run.Activities.Remove(activity.Seq);
        if (outcome is AttemptOutcome.TimedOut)
        {
            run.Deliver(() => history.ActivityTimedOut(
                activity.ScheduledEventId, history.ActivityStarted(activity.ScheduledEventId, attempt, lastFailure), failure, decision.StateIfFinal));
        }
        else
        {
            run.Deliver(() => history.ActivityFailed(
                activity.ScheduledEventId, history.ActivityStarted(activity.ScheduledEventId, attempt, lastFailure), failure, decision.StateIfFinal));
        }
    }

    private void StartChild(SimulatedRun parent, RecordedCommand command)
    {
        var childId = command.Text("workflow_id");
        var childType = command.Text("workflow_type");
        var input = ProtoFields.Payloads(command.Field("input"));
        // The core's enum numbers the policies as the API does; unspecified means terminate.
        var closePolicy = (ParentClosePolicy)Convert.ToInt32(command.Field("parent_close_policy"), System.Globalization.CultureInfo.InvariantCulture);
        if (closePolicy == ParentClosePolicy.Unspecified)
        {
            closePolicy = ParentClosePolicy.Terminate;
        }
        var initiated = parent.History.ChildInitiated(childId, childType, input, closePolicy);
        var link = new SimulatedChildLink(Seq(command), initiated, childId, childType);
        parent.Children[link.Seq] = link;

        if (currentById.TryGetValue(childId, out var existing) && existing.IsOpen)
        {
            parent.Children.Remove(link.Seq);
            parent.Deliver(() => parent.History.ChildStartFailed(initiated, childId, childType));
            return;
        }
        var child = StartExecution(childId, childType, input, parent.TaskQueue,
            ProtoFields.SearchAttributes(command.Field("search_attributes")), started =>
            {
                started.ParentWorkflowNamespace = parent.Namespace;
                started.ParentWorkflowExecution = new WorkflowExecution { WorkflowId = parent.WorkflowId, RunId = parent.RunId };
                started.ParentInitiatedEventId = initiated;
            });
        child.Parent = new SimulatedParentLink(parent, link, closePolicy);
        var execution = new WorkflowExecution { WorkflowId = childId, RunId = child.CurrentRun.RunId };
        parent.Deliver(() => link.StartedEventId = parent.History.ChildStarted(initiated, execution, childType));
    }

    private void SignalExternal(SimulatedRun sender, RecordedCommand command)
    {
        var childWorkflowId = command.Text("child_workflow_id");
        var execution = command.Field("workflow_execution") as IMessage;
        var targetId = childWorkflowId.Length > 0 ? childWorkflowId : (string)ProtoFields.Get(execution!, "workflow_id")!;
        var targetRunId = childWorkflowId.Length > 0 ? "" : (string)ProtoFields.Get(execution!, "run_id")!;
        var signalName = command.Text("signal_name");
        var input = ProtoFields.Payloads(command.Field("args"));
        var initiated = sender.History.SignalExternalInitiated(targetId, targetRunId, signalName, input, childWorkflowId.Length > 0);

        if (currentById.TryGetValue(targetId, out var target) && target.IsOpen &&
            (targetRunId.Length == 0 || target.Runs.Any(r => r.RunId == targetRunId)))
        {
            DeliverSignal(target, signalName, input);
            sender.Deliver(() => sender.History.ExternalSignaled(initiated, targetId, targetRunId));
        }
        else
        {
            sender.Deliver(() => sender.History.SignalExternalFailed(initiated, targetId));
        }
    }

    private void ContinueAsNew(SimulatedRun run, RecordedCommand command)
    {
        var workflowType = command.Text("workflow_type") is { Length: > 0 } type ? type : run.WorkflowType;
        var taskQueue = command.Text("task_queue") is { Length: > 0 } queue ? queue : run.TaskQueue;
        var input = ProtoFields.Payloads(command.Field("arguments"));
        if (ProtoFields.SearchAttributes(command.Field("search_attributes")) is { } replaced)
        {
            run.Workflow.searchAttributePayloads.Clear();
            SearchAttributeValues.Apply(run.Workflow, replaced);
        }
        var newRunId = NextRunId();
        run.History.ContinuedAsNew(newRunId, workflowType, input);
        run.Status = WorkflowExecutionStatus.ContinuedAsNew;
        DropPendingWork(run);
        var pending = run.TakeInbox();
        var next = AddRun(run.Workflow, newRunId, workflowType, taskQueue, input, started =>
        {
            started.ContinuedExecutionRunId = run.RunId;
            started.Initiator = ContinueAsNewInitiator.Workflow;
        });
        next.Adopt(pending);
    }
}
