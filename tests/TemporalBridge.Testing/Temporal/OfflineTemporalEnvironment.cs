using Temporalio.Activities;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// An in-process Temporal "server" for tests, whose workflow execution is the real SDK: workflow code runs through
/// <see cref="Temporalio.Worker.WorkflowReplayer"/> on histories this class writes event by event, activities run
/// in-process with their real implementations, and time only moves when a test moves it.
/// </summary>
/// <remarks>
/// Nothing runs on its own: client calls only record what a server would (a start, a signal); the test then calls
/// <see cref="RunUntilIdleAsync"/> or <see cref="AdvanceTimeAsync"/>. Disposing replays every history once more
/// from scratch, so each test ends with a determinism check.
/// </remarks>
public sealed partial class OfflineTemporalEnvironment : IAsyncDisposable
{
    private const int MaxStepsUntilIdle = 100_000;

    private OfflineTemporalOptions options;
    private ReplayEngine engine;
    private ActivityExecutor activityExecutor;
    private Dictionary<string, WorkflowDefinition> workflowTypes;
    private int earlierWorkersReplays;
    private TimeSpan earlierWorkersReplayTime;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, SimulatedWorkflow> currentById = [];
    private readonly List<SimulatedWorkflow> executions = [];
    private readonly List<ScheduledActivity> pendingActivities = [];
    private bool replayFailed;

    public OfflineTemporalEnvironment(OfflineTemporalOptions options)
    {
        Now = options.StartTime;
        Payloads = new KitPayloads(options.DataConverter);
        (this.options, engine, workflowTypes, activityExecutor) = Worker(options, Payloads);
        ClientInterceptor = new OfflineClientInterceptor(this);
        Client = ClientInterceptor.CreateClient(options.Namespace, options.DataConverter);
    }

    /// <summary>The simulated clock: <c>Workflow.UtcNow</c> of every workflow task written now.</summary>
    public DateTime Now { get; private set; }

    /// <summary>
    /// While true, every client call fails as it does when the frontend cannot be reached (gRPC Unavailable) and
    /// changes nothing. Only the clients are cut off: the test still drives workflow tasks and time as it chooses.
    /// </summary>
    public bool Unreachable { get; set; }

    /// <summary>A client for product code: every call is answered by this environment; none opens a connection.</summary>
    public ITemporalClient Client { get; }

    /// <summary>The interceptor behind <see cref="Client"/>, for a product client built elsewhere (e.g. by DI):
    /// <c>services.Configure&lt;TemporalClientConnectOptions&gt;(o =&gt; o.Interceptors = [env.ClientInterceptor])</c>.</summary>
    public OfflineClientInterceptor ClientInterceptor { get; }

    internal KitPayloads Payloads { get; }

    /// <summary>Converts (and, with a codec, encodes) every payload in the histories written here.</summary>
    public Temporalio.Converters.DataConverter DataConverter => options.DataConverter;

    public string Namespace => options.Namespace;
    public string TaskQueue => options.TaskQueue;

    /// <summary>Every execution started, in order (an id reused after a close appears once per execution).</summary>
    public IReadOnlyList<SimulatedWorkflow> Workflows => executions;

    /// <summary>Replays run so far, and the time they took: the kit's own cost.</summary>
    public int Replays => earlierWorkersReplays + engine.Replays;
    public TimeSpan ReplayTime => earlierWorkersReplayTime + engine.ReplayTime;

    public BillableActions TotalBillableActions => executions.Aggregate(new BillableActions(), (sum, w) =>
    {
        sum.WorkflowsStarted += w.BillableActions.WorkflowsStarted;
        sum.Signals += w.BillableActions.Signals;
        sum.Queries += w.BillableActions.Queries;
        sum.Timers += w.BillableActions.Timers;
        sum.ActivityAttempts += w.BillableActions.ActivityAttempts;
        sum.SearchAttributeUpserts += w.BillableActions.SearchAttributeUpserts;
        return sum;
    });

    /// <summary>The latest execution with this workflow id.</summary>
    public SimulatedWorkflow Workflow(string workflowId) =>
        currentById.TryGetValue(workflowId, out var workflow)
            ? workflow
            : throw new KeyNotFoundException($"No workflow with id '{workflowId}' was started. Started: {string.Join(", ", currentById.Keys)}");

    /// <summary>Executes workflow tasks and due activity attempts until nothing can happen without a signal or
    /// the clock moving.</summary>
    public async Task RunUntilIdleAsync()
    {
        for (var step = 0; ; step++)
        {
            if (step > MaxStepsUntilIdle)
            {
                throw new InvalidOperationException(
                    $"Workflows did not become idle after {MaxStepsUntilIdle} steps: one loops without waiting on anything.");
            }
            ScheduledActivity? due;
            await gate.WaitAsync();
            try
            {
                if (await StepOneWorkflowAsync() || FireDueTimers())
                {
                    continue;
                }
                due = pendingActivities.Where(a => a.DueAt <= Now).MinBy(a => a.DueAt);
                if (due == null)
                {
                    return;
                }
                pendingActivities.Remove(due);
            }
            finally
            {
                gate.Release();
            }
            // Outside the gate: an activity may itself call the client (signal another workflow, say).
            var outcome = await activityExecutor.RunAttemptAsync(due, Now);
            await gate.WaitAsync();
            try
            {
                RecordAttempt(due, outcome);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Moves the clock forward, firing timers and activity retries in time order, each followed by
    /// whatever it makes happen.</summary>
    public async Task AdvanceTimeAsync(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var target = Now + by;
        await RunUntilIdleAsync();
        while (NextDueTime() is { } next && next <= target)
        {
            await gate.WaitAsync();
            try
            {
                Now = next > Now ? next : Now;
                _ = FireDueTimers();
            }
            finally
            {
                gate.Release();
            }
            await RunUntilIdleAsync();
        }
        Now = target;
        await RunUntilIdleAsync();
    }

    /// <summary>
    /// A worker restart: the workflow code and activities of <paramref name="worker"/> (a new process's) replace the
    /// running worker's. Nothing of the old worker is used again: every workflow goes on from its history alone, and
    /// activity attempts not yet run are run by the new worker. Histories, timers and the clock stay, as on a server.
    /// The new worker must read the histories written so far (same namespace and task queue, a payload codec with
    /// the same keys); a replay that fails says so.
    /// </summary>
    public async Task RestartWorkerAsync(OfflineTemporalOptions worker)
    {
        if (worker.Namespace != options.Namespace || worker.TaskQueue != options.TaskQueue)
        {
            throw new ArgumentException(
                $"A restarted worker polls the same namespace and task queue ({options.Namespace}/{options.TaskQueue}), " +
                $"not {worker.Namespace}/{worker.TaskQueue}.", nameof(worker));
        }

        await gate.WaitAsync();
        try
        {
            earlierWorkersReplays += engine.Replays;
            earlierWorkersReplayTime += engine.ReplayTime;
            (options, engine, workflowTypes, activityExecutor) = Worker(worker, Payloads);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Replays every history written so far once more from scratch; throws if the SDK rejects one.</summary>
    public async Task VerifyDeterminismAsync()
    {
        foreach (var run in executions.SelectMany(w => w.Runs))
        {
            await engine.VerifyAsync(run);
        }
    }

    /// <summary>Replays any history through this environment's workflows; throws <see cref="OfflineReplayException"/>
    /// if the SDK rejects it or the replay does not finish in time.</summary>
    public Task ReplayAsync(string workflowId, IEnumerable<Temporalio.Api.History.V1.HistoryEvent> history) =>
        engine.ReplayAsync(workflowId, history);

    public async ValueTask DisposeAsync()
    {
        // A test that already failed on a replay would only see the same failure again.
        if (!replayFailed)
        {
            await VerifyDeterminismAsync();
        }
        gate.Dispose();
    }

    /// <summary>What one worker brings: its workflow code (run by the replay engine) and its activities.</summary>
    private static (OfflineTemporalOptions, ReplayEngine, Dictionary<string, WorkflowDefinition>, ActivityExecutor) Worker(
        OfflineTemporalOptions options, KitPayloads payloads)
    {
        var activities = new Dictionary<string, ActivityDefinition>();
        foreach (var activity in options.Activities)
        {
            activities[activity.Name ?? throw new ArgumentException("Dynamic activities are not supported offline.")] = activity;
        }

        return (
            options,
            new ReplayEngine(options),
            options.Workflows.Where(w => w.Name != null).ToDictionary(w => w.Name!),
            new ActivityExecutor(activities, options.DataConverter, payloads, options.ActivityTimeoutScale, options.LoggerFactory));
    }

    private async Task<bool> StepOneWorkflowAsync()
    {
        foreach (var workflow in executions)
        {
            var run = workflow.CurrentRun;
            if (run.TaskQueue != options.TaskQueue)
            {
                continue; // no worker here polls that task queue: as on a server, it waits forever
            }
            if (run.WorkflowTaskOpen)
            {
                IReadOnlyList<RecordedCommand> commands;
                try
                {
                    commands = await engine.ExecuteWorkflowTaskAsync(run);
                }
                catch (OfflineReplayException)
                {
                    replayFailed = true;
                    throw;
                }
                ApplyCommands(run, run.NewCommands(commands), engine.LangFlagsOfLastTask);
                return true;
            }
            if (run.HasPendingEvents)
            {
                run.WritePendingEvents();
                return true;
            }
        }
        return false;
    }

    private DateTime? NextDueTime()
    {
        var timers = OpenRuns().SelectMany(r => r.Timers.Values).Select(t => (DateTime?)t.FireAt);
        var retries = pendingActivities.Select(a => (DateTime?)a.DueAt);
        return timers.Concat(retries).Min();
    }

    /// <summary>Fires every timer due by now (a zero-length one is due at once); true if any fired.</summary>
    private bool FireDueTimers()
    {
        var fired = false;
        foreach (var run in OpenRuns())
        {
            foreach (var (seq, timer) in run.Timers.Where(t => t.Value.FireAt <= Now).OrderBy(t => t.Value.FireAt).ToList())
            {
                run.Timers.Remove(seq);
                run.Deliver(() => run.History.TimerFired(timer.TimerId, timer.StartedEventId));
                fired = true;
            }
        }
        return fired;
    }

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new RpcException(RpcException.StatusCode.Unavailable, "the test made the offline Temporal unreachable", null);
        }
    }

    private IEnumerable<SimulatedRun> OpenRuns() => executions.Select(w => w.CurrentRun).Where(r => r.IsOpen).ToList();

    internal async Task<T> WithGateAsync<T>(Func<T> action)
    {
        ThrowIfUnreachable();
        await gate.WaitAsync();
        try
        {
            return action();
        }
        finally
        {
            gate.Release();
        }
    }

    internal async Task<T> WithGateAsync<T>(Func<Task<T>> action)
    {
        ThrowIfUnreachable();
        await gate.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            gate.Release();
        }
    }
}
