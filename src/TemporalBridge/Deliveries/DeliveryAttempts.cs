using TemporalBridge.Logging;
using TemporalBridge.Telemetry;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Wraps a delivery activity's work: every log line written meanwhile (by the activity or the HTTP clients it
/// calls) carries the delivery's workflow id and message uid, and a failed attempt to hand the message over is
/// counted by its error type (<see cref="BridgeMetrics.FailedAttemptsName"/>) and logged, without its message,
/// which may quote the provider's answer.
/// </summary>
public sealed partial class DeliveryAttempts(BridgeMetrics metrics, ILogger<DeliveryAttempts> logger)
{
    /// <summary>One attempt to hand the message to the other side (a post to vcita, a send to the client).</summary>
    public async Task<T> HandOverAsync<T>(string direction, string messageUid, Func<Task<T>> attempt)
    {
        var info = ActivityExecutionContext.Current.Info;
        using var scope = logger.BeginConcernScope(info.WorkflowId, messageUid);
        try
        {
            return await attempt();
        }
        catch (Exception e)
        {
            var errorType = ErrorTypeOf(e);
            metrics.AttemptFailed(direction, errorType);
            LogAttemptFailed(direction, info.Attempt, errorType);
            throw;
        }
    }

    /// <summary>Any other call of the delivery (a status to vcita, a read receipt): only the log scope.</summary>
    public async Task RunAsync(string messageUid, Func<Task> call)
    {
        using var scope = logger.BeginConcernScope(ActivityExecutionContext.Current.Info.WorkflowId, messageUid);
        await call();
    }

    /// <summary>The same names the delivery's retries and search attributes use (see <see cref="DeliveryRetries"/>).</summary>
    internal static string ErrorTypeOf(Exception e) => e switch
    {
        ApplicationFailureException { ErrorType: { } type } => type,
        TimeoutException or OperationCanceledException => "Timeout",
        _ => e.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of an {Direction} delivery failed: {ErrorType}")]
    private partial void LogAttemptFailed(string direction, int attempt, string errorType);
}
