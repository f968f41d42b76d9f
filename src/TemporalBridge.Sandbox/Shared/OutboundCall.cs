namespace TemporalBridge.Sandbox.Shared;

/// <summary>What <see cref="OutboundLog{TCall}"/> gives a call when it is queued: its id, its reset era and the time.</summary>
public sealed record CallStamp(long Id, long Generation, DateTimeOffset QueuedAt);

/// <summary>One attempt: the bridge's status code and body, or why there was none (timeout, refused connection).</summary>
public sealed record CallAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? ResponseBody, string? Error);

/// <summary>
/// One call an emulator makes (or made) to the bridge, and every attempt at it with the bridge's answer. What is
/// sent and how it is shown differ per emulator (subclasses); how attempts change the state is the same for both.
/// <c>state</c>: queued, retrying, delivered (a 2xx answer), failed (every attempt used) or dropped (a reset first).
/// </summary>
public abstract class OutboundCall(CallStamp stamp)
{
    private readonly Lock gate = new();
    private readonly List<CallAttempt> attempts = [];
    private readonly TaskCompletionSource<CallAttempt?> firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string state = "queued";

    public long Id => stamp.Id;

    /// <summary>Which reset era this belongs to: calls from before a reset are not delivered any more.</summary>
    public long Generation => stamp.Generation;

    public DateTimeOffset QueuedAt => stamp.QueuedAt;

    /// <summary>Whether a refused attempt is tried again.</summary>
    public virtual bool Retries => true;

    /// <summary>Completes with the first attempt, or null when a reset dropped the call before it.</summary>
    public Task<CallAttempt?> FirstAttempt => firstAttempt.Task;

    public void Attempted(CallAttempt attempt, string newState)
    {
        lock (gate)
        {
            attempts.Add(attempt);
            state = newState;
        }

        firstAttempt.TrySetResult(attempt);
    }

    public void Dropped()
    {
        lock (gate)
        {
            state = "dropped";
        }

        firstAttempt.TrySetResult(null);
    }

    /// <summary>The state and attempts read together, for a view that must not mix two moments.</summary>
    protected (string State, IReadOnlyList<CallAttempt> Attempts) Progress()
    {
        lock (gate)
        {
            return (state, [.. attempts]);
        }
    }
}
