using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Common;
using Temporalio.Runtime;
using Temporalio.Worker;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// Runs workflow code through the SDK's real <see cref="WorkflowReplayer"/>: the last, still-open workflow task of a
/// history executes for real and its commands are recorded. Every replay is bounded in time.
/// </summary>
internal sealed class ReplayEngine
{
    private readonly WorkflowReplayer replayer;
    private readonly WorkflowTaskRecorder recorder = new();
    private readonly TimeSpan timeout;
    private readonly Stopwatch replayTime = new();

    public ReplayEngine(OfflineTemporalOptions options)
    {
        WorkflowTaskRecorder.EnsureSdkInternalsAreReadable();
        var replayerOptions = new WorkflowReplayerOptions
        {
            Namespace = options.Namespace,
            TaskQueue = options.TaskQueue,
            DataConverter = options.DataConverter,
            LoggerFactory = options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            Runtime = QuietRuntime.Value,
            Interceptors = [.. options.Interceptors],
        };
        foreach (var workflow in options.Workflows)
        {
            replayerOptions.AddWorkflow(workflow);
        }
        recorder.Attach(replayerOptions);
        replayer = new WorkflowReplayer(replayerOptions);
        timeout = options.ReplayTimeout;
    }

    public int Replays { get; private set; }
    public TimeSpan ReplayTime => replayTime.Elapsed;

    /// <summary>Executes the open workflow task at the end of <paramref name="run"/>'s history.</summary>
    /// <summary>The SDK's logic flags the task last executed used: see <see cref="WorkflowTaskRecorder.LangFlags"/>.</summary>
    public IReadOnlyList<uint> LangFlagsOfLastTask => [.. recorder.LangFlags];

    public async Task<IReadOnlyList<RecordedCommand>> ExecuteWorkflowTaskAsync(SimulatedRun run)
    {
        await ReplayAsync(run.WorkflowId, run.Events, "executing a workflow task");
        recorder.CollectCommands();
        if (recorder.TaskFailure is { } failure)
        {
            throw new OfflineReplayException(
                $"Workflow task of {run} failed (a server would retry it forever): {failure}");
        }
        return recorder.Commands.ToList();
    }

    /// <summary>Replays a given history, e.g. a deliberately altered one in a kit self-test.</summary>
    public Task ReplayAsync(string workflowId, IEnumerable<HistoryEvent> events) => ReplayAsync(workflowId, events, "replaying a given history");

    /// <summary>Replays a whole history from scratch: the determinism check.</summary>
    public Task VerifyAsync(SimulatedRun run) =>
        CheckableHistory(run) is { } events ? ReplayAsync(run.WorkflowId, events, "replaying the whole history") : Task.CompletedTask;

    /// <summary>
    /// The SDK's replayer never returns on a history without a workflow task to end on: a run no worker has picked
    /// up yet, or one terminated between tasks. A run that never ran a task issued no command and has nothing to
    /// check; a terminated one is checked up to the last task it ran (ending on its WorkflowTaskStarted), which
    /// holds every command it issued.
    /// </summary>
    private static IEnumerable<HistoryEvent>? CheckableHistory(SimulatedRun run)
    {
        if (run.Events.All(e => e.EventType != EventType.WorkflowTaskStarted))
        {
            return null;
        }
        if (run.Status != WorkflowExecutionStatus.Terminated)
        {
            return run.Events;
        }
        var lastCompleted = run.Events.LastOrDefault(e => e.EventType == EventType.WorkflowTaskCompleted);
        return lastCompleted == null ? null : run.Events.Take((int)lastCompleted.EventId - 1);
    }

    /// <summary>
    /// Answers a query inside the workflow's own context: a throw-away copy of the history gets the hidden probe
    /// signal and a new workflow task, whose replay runs the query handler on the workflow's current state.
    /// </summary>
    public async Task<PendingQuery> QueryAsync(SimulatedRun run, PendingQuery query, DateTime now)
    {
        var events = run.Events.Select(e => e.Clone()).ToList();
        if (run.WorkflowTaskOpen)
        {
            // The open task has not run yet: the probe's task takes its place.
            events.RemoveRange(events.Count - 2, 2);
        }
        Append(events, EventType.WorkflowExecutionSignaled, now, e => e.WorkflowExecutionSignaledEventAttributes = new()
        {
            SignalName = WorkflowTaskRecorder.QueryProbeSignal,
            Input = new Temporalio.Api.Common.V1.Payloads(),
        });
        var scheduled = Append(events, EventType.WorkflowTaskScheduled, now, e => e.WorkflowTaskScheduledEventAttributes = new()
        {
            TaskQueue = new() { Name = run.TaskQueue },
            StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            Attempt = 1,
        });
        Append(events, EventType.WorkflowTaskStarted, now, e => e.WorkflowTaskStartedEventAttributes = new() { ScheduledEventId = scheduled });
        recorder.Query = query;
        try
        {
            await ReplayAsync(run.WorkflowId, events, "answering a query");
        }
        finally
        {
            recorder.Query = null;
        }
        return query.Answered ? query : throw new OfflineReplayException($"The query '{query.Name}' on {run} was not answered.");
    }

    private static long Append(List<HistoryEvent> events, EventType type, DateTime now, Action<HistoryEvent> fill)
    {
        var e = new HistoryEvent { EventId = events.Count + 1, EventType = type, EventTime = Timestamp.FromDateTime(now) };
        fill(e);
        events.Add(e);
        return e.EventId;
    }

    private async Task ReplayAsync(string workflowId, IEnumerable<HistoryEvent> events, string doing)
    {
        recorder.Reset();
        Replays++;
        replayTime.Start();
        try
        {
            var history = new WorkflowHistory(workflowId, events.ToList());
            // The SDK's cancellation token does not stop a replay stuck on a malformed history: bound it here.
            var result = await replayer.ReplayWorkflowAsync(history, throwOnReplayFailure: false).WaitAsync(timeout);
            if (result.ReplayFailure is { } failure)
            {
                throw new OfflineReplayException($"Replay of {workflowId} failed while {doing}: {failure.Message}", failure);
            }
        }
        catch (TimeoutException e)
        {
            throw new OfflineReplayException(
                $"Replay of {workflowId} did not finish within {timeout.TotalSeconds:0.#} s while {doing}: the history is malformed.", e);
        }
        finally
        {
            replayTime.Stop();
        }
    }

    /// <summary>The core logs warnings for failures tests provoke on purpose; keep its own logging to errors.</summary>
    private static readonly Lazy<TemporalRuntime> QuietRuntime = new(() => new TemporalRuntime(new TemporalRuntimeOptions
    {
        Telemetry = new TelemetryOptions { Logging = new LoggingOptions { Filter = new TelemetryFilterOptions(TelemetryFilterOptions.Level.Error) } },
    }));
}
