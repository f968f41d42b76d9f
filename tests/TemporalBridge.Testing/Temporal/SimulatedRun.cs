using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// One run of a workflow execution on the simulated server: its history, and the server-side events waiting to be
/// written. As on a real server, events that arrive while a workflow task is open are buffered and written after
/// it, followed by a new workflow task.
/// </summary>
public sealed class SimulatedRun
{
    private readonly List<(Action<SimulatedRun> Write, bool ForTheExecution)> inbox = [];
    private readonly Dictionary<string, int> commandsWritten = [];
    private bool needsWorkflowTask = true;

    private readonly int suggestContinueAsNewAfterEvents;

    internal SimulatedRun(
        SimulatedWorkflow workflow, string runId, string workflowType, string taskQueue, string @namespace, Func<DateTime> clock,
        int suggestContinueAsNewAfterEvents)
    {
        this.suggestContinueAsNewAfterEvents = suggestContinueAsNewAfterEvents;
        Workflow = workflow;
        RunId = runId;
        WorkflowType = workflowType;
        TaskQueue = taskQueue;
        Namespace = @namespace;
        History = new HistoryBuilder(taskQueue, @namespace, clock);
    }

    public SimulatedWorkflow Workflow { get; }
    public string WorkflowId => Workflow.WorkflowId;
    public string RunId { get; }
    public string WorkflowType { get; }
    public string TaskQueue { get; }
    public string Namespace { get; }
    public HistoryBuilder History { get; }
    public IReadOnlyList<HistoryEvent> Events => History.Events;

    /// <summary>Running until its close event is written; then the event's type.</summary>
    public WorkflowExecutionStatus Status { get; internal set; } = WorkflowExecutionStatus.Running;
    public bool IsOpen => Status == WorkflowExecutionStatus.Running;

    /// <summary>A workflow task has been written (scheduled and started) and not yet executed.</summary>
    internal bool WorkflowTaskOpen { get; private set; }

    internal Dictionary<uint, (string TimerId, long StartedEventId, DateTime FireAt)> Timers { get; } = [];
    internal Dictionary<uint, ScheduledActivity> Activities { get; } = [];
    internal Dictionary<uint, SimulatedChildLink> Children { get; } = [];
    internal Dictionary<uint, (long InitiatedEventId, string TargetId)> SignalsOut { get; } = [];

    /// <summary>Queues events from the server side about this run (an activity's result, a timer, a child it
    /// started); they are written when no workflow task is open, and dropped if the run closes first.</summary>
    internal void Deliver(Action writeEvents)
    {
        if (IsOpen)
        {
            inbox.Add((_ => writeEvents(), false));
        }
    }

    /// <summary>Queues events for the workflow execution rather than this run (a signal, a cancel request): if the
    /// run continues as new before they are written, they are written to the next run, as a server hands them on.</summary>
    internal void DeliverToExecution(Action<SimulatedRun> writeEvents)
    {
        if (IsOpen)
        {
            inbox.Add((writeEvents, true));
        }
    }

    internal bool HasPendingEvents => IsOpen && !WorkflowTaskOpen && (inbox.Count > 0 || needsWorkflowTask);

    /// <summary>Writes the buffered events followed by a new workflow task.</summary>
    internal void WritePendingEvents()
    {
        foreach (var (write, _) in inbox)
        {
            write(this);
        }
        inbox.Clear();
        needsWorkflowTask = false;
        History.WorkflowTaskScheduledAndStarted(suggestContinueAsNew: Events.Count >= suggestContinueAsNewAfterEvents);
        WorkflowTaskOpen = true;
    }

    internal void CloseWorkflowTask() => WorkflowTaskOpen = false;

    /// <summary>Empties the inbox of a run that is closing; answers what still waits for the execution (signals,
    /// cancel requests), which belongs to the next run if there is one. The rest was about this run and goes with it.</summary>
    internal List<Action<SimulatedRun>> TakeInbox()
    {
        var forTheExecution = inbox.Where(e => e.ForTheExecution).Select(e => e.Write).ToList();
        inbox.Clear();
        return forTheExecution;
    }

    internal void Adopt(IEnumerable<Action<SimulatedRun>> pending) => inbox.AddRange(pending.Select(write => (write, true)));

    /// <summary>
    /// Keeps the commands of the workflow task just replayed that are not yet in history. Every replay re-issues the
    /// commands of all earlier tasks, so the new ones are those past the count already written, per command kind.
    /// (The SDK's replaying flag cannot tell: after a local-activity marker, later code runs flagged as replaying.)
    /// </summary>
    internal List<RecordedCommand> NewCommands(IEnumerable<RecordedCommand> replayed)
    {
        var seen = new Dictionary<string, int>();
        var fresh = new List<RecordedCommand>();
        foreach (var command in replayed)
        {
            var index = seen.GetValueOrDefault(command.Kind);
            seen[command.Kind] = index + 1;
            if (index >= commandsWritten.GetValueOrDefault(command.Kind))
            {
                fresh.Add(command);
            }
        }
        foreach (var command in fresh)
        {
            commandsWritten[command.Kind] = commandsWritten.GetValueOrDefault(command.Kind) + 1;
        }
        return fresh;
    }

    public override string ToString() => $"{WorkflowId}/{RunId} ({WorkflowType}, {Status})";
}

/// <summary>A child started by a run: where to report its start and its close.</summary>
internal sealed record SimulatedChildLink(uint Seq, long InitiatedEventId, string ChildWorkflowId, string ChildWorkflowType)
{
    public long StartedEventId { get; set; }
}
