using Temporalio.Common;
using Temporalio.Workflows;

namespace TemporalBridge.Vcita;

/// <summary>How activities that call vcita are retried, shared so every workflow treats vcita alike.</summary>
public static class VcitaActivityOptions
{
    /// <summary>
    /// Transient failures (429, 5xx, timeouts) and a rejected token (renewed before the retry) are retried with
    /// backoff up to 5 minutes apart, for as long as <paramref name="giveUpAfter"/> allows (null: for as long as the
    /// workflow waits); a request vcita rejects for what it is cannot succeed by repetition.
    /// </summary>
    public static ActivityOptions RetriedUntilAnswered(TimeSpan startToClose, TimeSpan? giveUpAfter = null) => new()
    {
        StartToCloseTimeout = startToClose,
        ScheduleToCloseTimeout = giveUpAfter,
        RetryPolicy = new RetryPolicy
        {
            InitialInterval = TimeSpan.FromSeconds(1),
            BackoffCoefficient = 2,
            MaximumInterval = TimeSpan.FromMinutes(5),
            NonRetryableErrorTypes = [VcitaApiException.ToErrorType(VcitaFailure.Permanent)],
        },
    };
}
