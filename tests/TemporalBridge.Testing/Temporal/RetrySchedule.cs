using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// The server's activity retry rules: what a failed attempt leads to. Defaults are the server's when the
/// workflow set no retry policy: 1 s initial interval, coefficient 2, maximum interval 100 × initial, unlimited attempts.
/// </summary>
internal static class RetrySchedule
{
    public sealed record Decision(bool Retry, TimeSpan Delay, RetryState StateIfFinal);

    public static Decision After(ScheduledActivity activity, Failure failure, DateTime now)
    {
        var policy = activity.RetryPolicy;
        var application = failure.ApplicationFailureInfo;
        if (application is { NonRetryable: true } ||
            (application != null && policy != null && policy.NonRetryableErrorTypes.Contains(application.Type)))
        {
            return new(false, TimeSpan.Zero, RetryState.NonRetryableFailure);
        }
        var maximumAttempts = policy?.MaximumAttempts ?? 0;
        if (maximumAttempts > 0 && activity.Attempt >= maximumAttempts)
        {
            return new(false, TimeSpan.Zero, RetryState.MaximumAttemptsReached);
        }
        var delay = application?.NextRetryDelay?.ToTimeSpan() ?? Backoff(policy, activity.Attempt);
        if (activity.ScheduleToCloseTimeout is { } budget && now + delay >= activity.FirstScheduledAt + budget)
        {
            return new(false, TimeSpan.Zero, RetryState.Timeout);
        }
        return new(true, delay, RetryState.InProgress);
    }

    public static TimeSpan Backoff(RetryPolicy? policy, int attemptThatFailed)
    {
        var initial = policy?.InitialInterval?.ToTimeSpan() is { Ticks: > 0 } i ? i : TimeSpan.FromSeconds(1);
        var coefficient = policy is { BackoffCoefficient: > 0 } ? policy.BackoffCoefficient : 2.0;
        var maximum = policy?.MaximumInterval?.ToTimeSpan() is { Ticks: > 0 } m ? m : initial * 100;
        var delay = initial.TotalMilliseconds * Math.Pow(coefficient, attemptThatFailed - 1);
        return TimeSpan.FromMilliseconds(Math.Min(delay, maximum.TotalMilliseconds));
    }
}
