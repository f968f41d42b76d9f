using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Testing.Tests.Workflows;

public sealed record ActivityCall(string Activity, string Text, int MaximumAttempts = 0, int StartToCloseMs = 60_000);

/// <summary>Calls one activity with a given retry policy and reports what the workflow saw.</summary>
[Workflow]
public sealed class CallActivityWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(ActivityCall call)
    {
        var options = new ActivityOptions
        {
            StartToCloseTimeout = TimeSpan.FromMilliseconds(call.StartToCloseMs),
            RetryPolicy = new RetryPolicy
            {
                InitialInterval = TimeSpan.FromSeconds(2),
                BackoffCoefficient = 3,
                MaximumAttempts = call.MaximumAttempts,
            },
        };
        var started = Workflow.UtcNow;
        try
        {
            var result = await Workflow.ExecuteActivityAsync<string>(call.Activity, [call.Text], options);
            return $"{result} after {(Workflow.UtcNow - started).TotalSeconds:0}s";
        }
        catch (ActivityFailureException e) when (e.InnerException is ApplicationFailureException app)
        {
            return $"failed:{app.ErrorType}:{app.Message}:nonRetryable={app.NonRetryable}:details={(app.Details.Count > 0 ? app.Details.ElementAt<string>(0) : "")}:retryState={e.RetryState}";
        }
        catch (ActivityFailureException e) when (e.InnerException is TimeoutFailureException timeout)
        {
            return $"timeout:{timeout.TimeoutType}:retryState={e.RetryState}";
        }
    }
}

/// <summary>Waits for a signal or a deadline, whichever comes first, and can be asked how it is doing.</summary>
[Workflow]
public sealed class ApprovalWorkflow
{
    private readonly List<string> approvals = [];

    [WorkflowQuery]
    public string State { get; private set; } = "waiting";

    [WorkflowQuery]
    public int ApprovalCount() => approvals.Count;

    [WorkflowSignal]
    public async Task ApproveAsync(string by) => approvals.Add(by);

    [WorkflowRun]
    public async Task<string> RunAsync(int timeoutMinutes)
    {
        var started = Workflow.UtcNow;
        var approved = await Workflow.WaitConditionAsync(() => approvals.Count > 0, TimeSpan.FromMinutes(timeoutMinutes));
        State = approved ? "approved" : "expired";
        return $"{State} by {string.Join("+", approvals)} at +{(Workflow.UtcNow - started).TotalMinutes:0}m";
    }
}

/// <summary>Sleeps, then reports the workflow clock.</summary>
[Workflow]
public sealed class SleepWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(int minutes)
    {
        var before = Workflow.UtcNow;
        await Workflow.DelayAsync(TimeSpan.FromMinutes(minutes));
        return $"{before:O}|{Workflow.UtcNow:O}";
    }
}

/// <summary>Marks its progress in search attributes so operators can find it.</summary>
[Workflow]
public sealed class TrackedWorkflow
{
    public static readonly SearchAttributeKey<string> State = SearchAttributeKey.CreateKeyword("BridgeDeliveryState");
    public static readonly SearchAttributeKey<long> Attempts = SearchAttributeKey.CreateLong("BridgeDeliveryAttempts");

    private bool finish;

    [WorkflowSignal]
    public async Task FinishAsync() => finish = true;

    [WorkflowRun]
    public async Task RunAsync()
    {
        Workflow.UpsertTypedSearchAttributes(State.ValueSet("retrying"), Attempts.ValueSet(3));
        await Workflow.WaitConditionAsync(() => finish);
        Workflow.UpsertTypedSearchAttributes(State.ValueSet("delivered"));
    }
}

public sealed record CounterState(int Count, string[] Unhandled);

/// <summary>Counts signals and continues as new every three, carrying the count and the signals it has received
/// but not handled (signals already in a run's history are not delivered again to the next run).</summary>
[Workflow]
public sealed class CounterWorkflow
{
    private readonly Queue<string> pending = new();

    [WorkflowSignal]
    public async Task AddAsync(string item) => pending.Enqueue(item);

    [WorkflowQuery]
    public int Count { get; private set; }

    [WorkflowRun]
    public async Task<int> RunAsync(CounterState state)
    {
        Count = state.Count;
        foreach (var item in state.Unhandled)
        {
            pending.Enqueue(item);
        }
        for (var handled = 0; handled < 3; handled++)
        {
            await Workflow.WaitConditionAsync(() => pending.Count > 0);
            pending.Dequeue();
            Count++;
        }
        var next = new CounterState(Count, [.. pending]);
        throw Workflow.CreateContinueAsNewException((CounterWorkflow wf) => wf.RunAsync(next));
    }
}

/// <summary>Parent of <see cref="DeliveryChildWorkflow"/>s: starts one per message, tells each to go with a
/// signal, waits for all, and gives up on any that takes more than an hour.</summary>
[Workflow]
public sealed class ConversationWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(string[] messages)
    {
        var children = new List<ChildWorkflowHandle<DeliveryChildWorkflow, string>>();
        foreach (var (message, i) in messages.Select((m, i) => (m, i)))
        {
            children.Add(await Workflow.StartChildWorkflowAsync(
                (DeliveryChildWorkflow child) => child.RunAsync(message),
                new ChildWorkflowOptions { Id = $"{Workflow.Info.WorkflowId}/delivery-{i}" }));
        }
        foreach (var child in children)
        {
            await child.SignalAsync(c => c.GoAsync());
        }
        var all = Workflow.WhenAllAsync(children.Select(c => c.GetResultAsync()));
        var deadline = Workflow.DelayAsync(TimeSpan.FromHours(1));
        if (await Workflow.WhenAnyAsync(all, deadline) == deadline)
        {
            return "gave up";
        }
        return string.Join(",", await all);
    }
}

[Workflow]
public sealed class DeliveryChildWorkflow
{
    private bool go;

    [WorkflowSignal]
    public async Task GoAsync() => go = true;

    [WorkflowRun]
    public async Task<string> RunAsync(string message)
    {
        await Workflow.WaitConditionAsync(() => go);
        var sent = await Workflow.ExecuteActivityAsync(
            (KitActivities a) => a.Flaky(message),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30), RetryPolicy = new() { InitialInterval = TimeSpan.FromSeconds(5) } });
        await Workflow.DelayAsync(TimeSpan.FromMinutes(1));
        return sent;
    }
}

/// <summary>Signals another workflow by id, and reports whether it was there.</summary>
[Workflow]
public sealed class RelayWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(string targetId)
    {
        try
        {
            await Workflow.GetExternalWorkflowHandle<ApprovalWorkflow>(targetId).SignalAsync(wf => wf.ApproveAsync("relay"));
            return "relayed";
        }
        catch (FailureException e)
        {
            return $"not found: {e.GetType().Name}";
        }
    }
}

/// <summary>Throws an application failure: the workflow fails.</summary>
[Workflow]
public sealed class FailingWorkflow
{
    [WorkflowRun]
    public Task RunAsync(string reason) => throw new ApplicationFailureException(reason, "Refused", nonRetryable: true);
}

/// <summary>Starts a timer and cancels it within the same workflow task, then sleeps a minute.</summary>
[Workflow]
public sealed class ChangeOfMindWorkflow
{
    [WorkflowRun]
    public async Task RunAsync()
    {
        using var cancel = new CancellationTokenSource();
        var abandoned = Workflow.DelayAsync(TimeSpan.FromHours(1), cancel.Token);
        await cancel.CancelAsync();
        try
        {
            await abandoned;
        }
        catch (OperationCanceledException)
        {
            // The timer was cancelled on purpose.
        }
        await Workflow.DelayAsync(TimeSpan.FromMinutes(1));
    }
}

/// <summary>Runs a <see cref="FailingWorkflow"/> child and reports what reached the parent.</summary>
[Workflow]
public sealed class SupervisorWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        try
        {
            await Workflow.ExecuteChildWorkflowAsync((FailingWorkflow child) => child.RunAsync("child says no"), new() { Id = "supervised" });
            return "child succeeded";
        }
        catch (ChildWorkflowFailureException e) when (e.InnerException is ApplicationFailureException cause)
        {
            return $"child failed: {cause.ErrorType}: {cause.Message}";
        }
    }
}

/// <summary>Counts signals forever, continuing as new whenever the server suggests it, carrying the count.</summary>
[Workflow]
public sealed class LongLivedCounterWorkflow
{
    private int pending;

    [WorkflowSignal]
    public async Task TickAsync() => pending++;

    [WorkflowQuery]
    public int Count { get; private set; }

    [WorkflowRun]
    public async Task RunAsync(int count)
    {
        Count = count;
        while (true)
        {
            await Workflow.WaitConditionAsync(() => pending > 0);
            Count += pending;
            pending = 0;
            if (Workflow.ContinueAsNewSuggested)
            {
                var carried = Count;
                throw Workflow.CreateContinueAsNewException((LongLivedCounterWorkflow wf) => wf.RunAsync(carried));
            }
        }
    }
}

/// <summary>Delivers one message, waits to be told to go on, then delivers another: a worker can restart in between.</summary>
[Workflow]
public sealed class TwoStepWorkflow
{
    private static readonly ActivityOptions Deliver = new() { StartToCloseTimeout = TimeSpan.FromSeconds(30) };
    private bool goOn;

    [WorkflowSignal]
    public async Task GoOnAsync() => goOn = true;

    [WorkflowRun]
    public async Task<string> RunAsync(string first, string second)
    {
        await Workflow.ExecuteActivityAsync((KitActivities a) => a.Deliver(first), Deliver);
        await Workflow.WaitConditionAsync(() => goOn);
        await Workflow.ExecuteActivityAsync((KitActivities a) => a.Deliver(second), Deliver);
        return $"{first}+{second}";
    }
}
