using Temporalio.Workflows;

namespace TemporalBridge.Deliveries;

/// <summary>
/// One timer for a whole wait made of many smaller ones (a delivery waiting for status after status): Temporal
/// bills every timer, so the deadline is started once and cancelled when the wait ends early, instead of a timeout
/// on each condition. Workflow code only.
/// </summary>
internal sealed class WaitDeadline : IDisposable
{
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
    private readonly Task timer;

    private WaitDeadline(TimeSpan after) => timer = RunAsync(after);

    /// <summary>True once the deadline has passed.</summary>
    public bool Passed { get; private set; }

    public static WaitDeadline Start(TimeSpan after) => new(after);

    /// <summary>The wait ended before the deadline: cancels the timer.</summary>
    public async Task StopAsync()
    {
        stop.Cancel(); // synchronously: CancelAsync would run the callbacks off the workflow's scheduler
        await timer;
    }

    public void Dispose() => stop.Dispose();

    private async Task RunAsync(TimeSpan after)
    {
        try
        {
            await Workflow.DelayAsync(after, stop.Token);
            Passed = true;
        }
        catch (TaskCanceledException)
        {
            // The wait ended first.
        }
    }
}
