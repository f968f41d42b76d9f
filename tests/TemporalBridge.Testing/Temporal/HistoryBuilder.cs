using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.TaskQueue.V1;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// Writes one workflow run's history event by event, exactly as a Temporal server would for the commands the kit
/// mirrors. Event ids are contiguous from 1 and every event carries the simulated clock's time, so
/// <c>Workflow.UtcNow</c> (the time of the latest WorkflowTaskStarted) follows the kit's clock.
/// </summary>
public sealed class HistoryBuilder(string taskQueue, string @namespace, Func<DateTime> clock)
{
    /// <summary>Core SDK flags the history claims were in use. Flag 1 makes replay check activity ids and
    /// types of completed workflow tasks; without it a changed activity would slip through.</summary>
    private static readonly uint[] CoreUsedFlags = [1, 2, 3];

    private readonly List<HistoryEvent> events = [];

    public IReadOnlyList<HistoryEvent> Events => events;
    public long LastWorkflowTaskScheduled { get; private set; }
    public long LastWorkflowTaskStarted { get; private set; }
    public long LastWorkflowTaskCompleted { get; private set; }

    public HistoryEvent Add(EventType type, Action<HistoryEvent> fill)
    {
        var e = new HistoryEvent { EventId = events.Count + 1, EventType = type, EventTime = Timestamp.FromDateTime(clock()) };
        fill(e);
        events.Add(e);
        return e;
    }

    public long Started(WorkflowExecutionStartedEventAttributes attributes)
    {
        // Both are required by the SDK: without a task queue the core panics and replay never returns,
        // without a workflow task timeout it throws.
        attributes.TaskQueue ??= new TaskQueue { Name = taskQueue };
        attributes.WorkflowTaskTimeout ??= Duration.FromTimeSpan(TimeSpan.FromSeconds(10));
        attributes.Attempt = Math.Max(1, attributes.Attempt);
        return Add(EventType.WorkflowExecutionStarted, e => e.WorkflowExecutionStartedEventAttributes = attributes).EventId;
    }

    public void WorkflowTaskScheduledAndStarted(bool suggestContinueAsNew = false)
    {
        LastWorkflowTaskScheduled = Add(EventType.WorkflowTaskScheduled, e => e.WorkflowTaskScheduledEventAttributes = new()
        {
            TaskQueue = new TaskQueue { Name = taskQueue },
            StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            Attempt = 1,
        }).EventId;
        LastWorkflowTaskStarted = Add(EventType.WorkflowTaskStarted, e => e.WorkflowTaskStartedEventAttributes = new()
        {
            ScheduledEventId = LastWorkflowTaskScheduled,
            Identity = "offline-kit",
            SuggestContinueAsNew = suggestContinueAsNew,
        }).EventId;
    }

    public void RemoveLastWorkflowTaskStarted()
    {
        if (events.Count == 0 || events[^1].EventType != EventType.WorkflowTaskStarted)
        {
            throw new InvalidOperationException("The history does not end with a started workflow task.");
        }
        events.RemoveAt(events.Count - 1);
    }

    /// <param name="langFlags">The SDK's own flags the task used, as the worker reported them (see
    /// <see cref="WorkflowTaskRecorder.LangFlags"/>).</param>
    public void WorkflowTaskCompleted(IEnumerable<uint>? langFlags = null) =>
        LastWorkflowTaskCompleted = Add(EventType.WorkflowTaskCompleted, e => e.WorkflowTaskCompletedEventAttributes = new()
        {
            ScheduledEventId = LastWorkflowTaskScheduled,
            StartedEventId = LastWorkflowTaskStarted,
            Identity = "offline-kit",
            SdkMetadata = new() { CoreUsedFlags = { CoreUsedFlags }, LangUsedFlags = { langFlags ?? [] } },
        }).EventId;

    public long ActivityScheduled(string activityId, string activityType, Payloads input, ActivityTaskScheduledEventAttributes? extra = null)
    {
        var attributes = extra ?? new ActivityTaskScheduledEventAttributes();
        attributes.ActivityId = activityId;
        attributes.ActivityType = new ActivityType { Name = activityType };
        attributes.TaskQueue ??= new TaskQueue { Name = taskQueue };
        attributes.Input = input;
        attributes.WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted;
        return Add(EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes = attributes).EventId;
    }

    /// <summary>A server writes ActivityTaskStarted only when the activity closes, with the final attempt number.</summary>
    public long ActivityStarted(long scheduledEventId, int attempt, Failure? lastFailure) =>
        Add(EventType.ActivityTaskStarted, e => e.ActivityTaskStartedEventAttributes = new()
        {
            ScheduledEventId = scheduledEventId,
            Attempt = attempt,
            Identity = "offline-kit",
            LastFailure = lastFailure,
        }).EventId;

    public long ActivityCompleted(long scheduledEventId, long startedEventId, Payloads? result) =>
        Add(EventType.ActivityTaskCompleted, e => e.ActivityTaskCompletedEventAttributes = new()
        {
            ScheduledEventId = scheduledEventId,
            StartedEventId = startedEventId,
            Result = result,
            Identity = "offline-kit",
        }).EventId;

    public long ActivityFailed(long scheduledEventId, long startedEventId, Failure failure, RetryState retryState) =>
        Add(EventType.ActivityTaskFailed, e => e.ActivityTaskFailedEventAttributes = new()
        {
            ScheduledEventId = scheduledEventId,
            StartedEventId = startedEventId,
            Failure = failure,
            RetryState = retryState,
            Identity = "offline-kit",
        }).EventId;

    public long ActivityTimedOut(long scheduledEventId, long startedEventId, Failure failure, RetryState retryState) =>
        Add(EventType.ActivityTaskTimedOut, e => e.ActivityTaskTimedOutEventAttributes = new()
        {
            ScheduledEventId = scheduledEventId,
            StartedEventId = startedEventId,
            Failure = failure,
            RetryState = retryState,
        }).EventId;

    public long Signaled(string signalName, Payloads input) =>
        Add(EventType.WorkflowExecutionSignaled, e => e.WorkflowExecutionSignaledEventAttributes = new()
        {
            SignalName = signalName,
            Input = input,
            Identity = "offline-kit",
        }).EventId;

    public long CancelRequested(string reason) =>
        Add(EventType.WorkflowExecutionCancelRequested, e => e.WorkflowExecutionCancelRequestedEventAttributes = new()
        {
            Cause = reason,
            Identity = "offline-kit",
        }).EventId;

    public long TimerStarted(string timerId, TimeSpan delay) =>
        Add(EventType.TimerStarted, e => e.TimerStartedEventAttributes = new()
        {
            TimerId = timerId,
            StartToFireTimeout = Duration.FromTimeSpan(delay),
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;

    public long TimerFired(string timerId, long startedEventId) =>
        Add(EventType.TimerFired, e => e.TimerFiredEventAttributes = new() { TimerId = timerId, StartedEventId = startedEventId }).EventId;

    public long TimerCanceled(string timerId, long startedEventId) =>
        Add(EventType.TimerCanceled, e => e.TimerCanceledEventAttributes = new()
        {
            TimerId = timerId,
            StartedEventId = startedEventId,
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
            Identity = "offline-kit",
        }).EventId;

    public long UpsertSearchAttributes(SearchAttributes searchAttributes) =>
        Add(EventType.UpsertWorkflowSearchAttributes, e => e.UpsertWorkflowSearchAttributesEventAttributes = new()
        {
            SearchAttributes = searchAttributes,
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;

    public long ChildInitiated(string workflowId, string workflowType, Payloads input, ParentClosePolicy parentClosePolicy) =>
        Add(EventType.StartChildWorkflowExecutionInitiated, e => e.StartChildWorkflowExecutionInitiatedEventAttributes = new()
        {
            Namespace = @namespace,
            WorkflowId = workflowId,
            WorkflowType = new WorkflowType { Name = workflowType },
            TaskQueue = new TaskQueue { Name = taskQueue },
            Input = input,
            ParentClosePolicy = parentClosePolicy,
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;

    public long ChildStartFailed(long initiatedEventId, string workflowId, string workflowType) =>
        Add(EventType.StartChildWorkflowExecutionFailed, e => e.StartChildWorkflowExecutionFailedEventAttributes = new()
        {
            Namespace = @namespace,
            InitiatedEventId = initiatedEventId,
            WorkflowId = workflowId,
            WorkflowType = new WorkflowType { Name = workflowType },
            Cause = StartChildWorkflowExecutionFailedCause.WorkflowAlreadyExists,
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;

    public long ChildStarted(long initiatedEventId, WorkflowExecution child, string workflowType) =>
        Add(EventType.ChildWorkflowExecutionStarted, e => e.ChildWorkflowExecutionStartedEventAttributes = new()
        {
            Namespace = @namespace,
            InitiatedEventId = initiatedEventId,
            WorkflowExecution = child,
            WorkflowType = new WorkflowType { Name = workflowType },
        }).EventId;

    /// <summary>The child's close, as its parent sees it: one event type per way a child can end.</summary>
    public long ChildClosed(
        WorkflowExecutionStatus status, long initiatedEventId, long startedEventId, WorkflowExecution child, string childType,
        Payload? result, Failure? failure)
    {
        T Common<T>(T attributes)
            where T : IMessage
        {
            // The four close events share these fields; protobuf gives them no common type, its descriptors do.
            var fields = attributes.Descriptor;
            fields.FindFieldByName("namespace").Accessor.SetValue(attributes, @namespace);
            fields.FindFieldByName("initiated_event_id").Accessor.SetValue(attributes, initiatedEventId);
            fields.FindFieldByName("started_event_id").Accessor.SetValue(attributes, startedEventId);
            fields.FindFieldByName("workflow_execution").Accessor.SetValue(attributes, child);
            fields.FindFieldByName("workflow_type").Accessor.SetValue(attributes, new WorkflowType { Name = childType });
            return attributes;
        }

        return status switch
        {
            WorkflowExecutionStatus.Completed => Add(EventType.ChildWorkflowExecutionCompleted, e =>
                e.ChildWorkflowExecutionCompletedEventAttributes = Common(new ChildWorkflowExecutionCompletedEventAttributes
                {
                    Result = result == null ? null : new Payloads { Payloads_ = { result } },
                })).EventId,
            WorkflowExecutionStatus.Failed => Add(EventType.ChildWorkflowExecutionFailed, e =>
                e.ChildWorkflowExecutionFailedEventAttributes = Common(new ChildWorkflowExecutionFailedEventAttributes
                {
                    Failure = failure,
                    RetryState = RetryState.RetryPolicyNotSet,
                })).EventId,
            WorkflowExecutionStatus.Canceled => Add(EventType.ChildWorkflowExecutionCanceled, e =>
                e.ChildWorkflowExecutionCanceledEventAttributes = Common(new ChildWorkflowExecutionCanceledEventAttributes())).EventId,
            WorkflowExecutionStatus.Terminated => Add(EventType.ChildWorkflowExecutionTerminated, e =>
                e.ChildWorkflowExecutionTerminatedEventAttributes = Common(new ChildWorkflowExecutionTerminatedEventAttributes())).EventId,
            _ => throw new InvalidOperationException($"A child cannot close as {status}."),
        };
    }

    public long SignalExternalInitiated(string workflowId, string runId, string signalName, Payloads input, bool childWorkflowOnly) =>
        Add(EventType.SignalExternalWorkflowExecutionInitiated, e => e.SignalExternalWorkflowExecutionInitiatedEventAttributes = new()
        {
            Namespace = @namespace,
            WorkflowExecution = new WorkflowExecution { WorkflowId = workflowId, RunId = runId },
            SignalName = signalName,
            Input = input,
            ChildWorkflowOnly = childWorkflowOnly,
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;

    public long ExternalSignaled(long initiatedEventId, string workflowId, string runId) =>
        Add(EventType.ExternalWorkflowExecutionSignaled, e => e.ExternalWorkflowExecutionSignaledEventAttributes = new()
        {
            Namespace = @namespace,
            InitiatedEventId = initiatedEventId,
            WorkflowExecution = new WorkflowExecution { WorkflowId = workflowId, RunId = runId },
        }).EventId;

    public long SignalExternalFailed(long initiatedEventId, string workflowId) =>
        Add(EventType.SignalExternalWorkflowExecutionFailed, e => e.SignalExternalWorkflowExecutionFailedEventAttributes = new()
        {
            Namespace = @namespace,
            InitiatedEventId = initiatedEventId,
            WorkflowExecution = new WorkflowExecution { WorkflowId = workflowId },
            Cause = SignalExternalWorkflowExecutionFailedCause.ExternalWorkflowExecutionNotFound,
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;

    public long Completed(Payloads? result) =>
        Add(EventType.WorkflowExecutionCompleted, e => e.WorkflowExecutionCompletedEventAttributes = new()
        {
            Result = result,
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;

    public long Failed(Failure failure) =>
        Add(EventType.WorkflowExecutionFailed, e => e.WorkflowExecutionFailedEventAttributes = new()
        {
            Failure = failure,
            RetryState = RetryState.RetryPolicyNotSet,
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;

    public long Canceled() =>
        Add(EventType.WorkflowExecutionCanceled, e => e.WorkflowExecutionCanceledEventAttributes = new()
        {
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;

    public long Terminated(string reason) =>
        Add(EventType.WorkflowExecutionTerminated, e => e.WorkflowExecutionTerminatedEventAttributes = new()
        {
            Reason = reason,
            Identity = "offline-kit",
        }).EventId;

    public long ContinuedAsNew(string newRunId, string workflowType, Payloads input) =>
        Add(EventType.WorkflowExecutionContinuedAsNew, e => e.WorkflowExecutionContinuedAsNewEventAttributes = new()
        {
            NewExecutionRunId = newRunId,
            WorkflowType = new WorkflowType { Name = workflowType },
            TaskQueue = new TaskQueue { Name = taskQueue },
            Input = input,
            WorkflowTaskTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            WorkflowTaskCompletedEventId = LastWorkflowTaskCompleted,
        }).EventId;
}
