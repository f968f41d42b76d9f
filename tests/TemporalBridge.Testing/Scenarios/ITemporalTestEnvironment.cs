using Temporalio.Client;

namespace TemporalBridge.Testing.Scenarios;

/// <summary>
/// Where a workflow scenario runs: offline through the replay kit, or on a real Temporal server. A scenario written
/// against this interface runs unchanged on both, so what passes offline is also checked on a server wherever one
/// exists.
/// </summary>
public interface ITemporalTestEnvironment : IAsyncDisposable
{
    /// <summary>"offline" or "server".</summary>
    string Kind { get; }

    ITemporalClient Client { get; }

    /// <summary>The task queue the environment's worker polls: start workflows on it.</summary>
    string TaskQueue { get; }

    /// <summary>Offline: runs until nothing can happen without a signal or time. On a server the worker runs on
    /// its own, so this returns at once.</summary>
    Task RunUntilIdleAsync();

    /// <summary>Moves time forward (time-skipping); a scenario that needs it is skipped, with the reason, on a
    /// server that cannot skip time.</summary>
    Task AdvanceTimeAsync(TimeSpan by);

    /// <summary>Waits until <paramref name="condition"/> holds: offline, after running until idle (no waiting);
    /// on a server, polling until the deadline. Fails with <paramref name="what"/> when it never holds.</summary>
    Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null);
}
