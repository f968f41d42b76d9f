using Temporalio.Activities;
using Temporalio.Exceptions;

namespace TemporalBridge.Testing.Tests.Workflows;

/// <summary>Activities whose behaviour each self-test sets: how many attempts fail, and how.</summary>
public sealed class KitActivities
{
    private int flakyCalls;

    /// <summary>Attempts that fail before one succeeds.</summary>
    public int FailuresBeforeSuccess { get; set; }

    public List<int> AttemptsSeen { get; } = [];
    public List<string> Delivered { get; } = [];

    [Activity]
    public string Echo(string text) => $"echo:{text}";

    [Activity]
    public string Flaky(string text)
    {
        AttemptsSeen.Add(ActivityExecutionContext.Current.Info.Attempt);
        if (++flakyCalls <= FailuresBeforeSuccess)
        {
            throw new InvalidOperationException($"transient failure {flakyCalls}");
        }
        return $"ok:{text}";
    }

    [Activity]
    public string Rejecting(string text)
    {
        AttemptsSeen.Add(ActivityExecutionContext.Current.Info.Attempt);
        throw new ApplicationFailureException($"rejected {text}", "Rejected", nonRetryable: true, details: ["detail-1"]);
    }

    [Activity]
    public async Task<string> Hanging(string text)
    {
        AttemptsSeen.Add(ActivityExecutionContext.Current.Info.Attempt);
        await Task.Delay(Timeout.Infinite, ActivityExecutionContext.Current.CancellationToken);
        return text;
    }

    [Activity]
    public void Deliver(string message) => Delivered.Add(message);
}
