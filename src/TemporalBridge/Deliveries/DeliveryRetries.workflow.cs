using TemporalBridge.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Retries a delivery's call to the other side (vcita's POST, the provider's send) in rounds, so that what is stuck can be found: each round is a few quick
/// attempts by Temporal's retry policy (a passing hiccup costs nothing more); when a round fails, the delivery's
/// search attributes say <c>retrying</c>, how many attempts and the last error, and the next round comes after a
/// pause that the <see cref="RetryPlan"/> chooses. A permanent failure, or running out of time, ends it as <c>failed</c>.
/// </summary>
public static class DeliveryRetries
{
    /// <summary>Attempts in one round: the activity options' <c>MaximumAttempts</c>.</summary>
    public const int AttemptsPerRound = 3;

    private static readonly TimeSpan FirstPause = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(30);

    /// <param name="attempt">Runs the activity once (with its own quick retries).</param>
    /// <param name="attemptNumber">The activity's attempt number within its round, read from its result.</param>
    public static async Task<CallOutcome<T>> RunAsync<T>(Func<Task<T>> attempt, Func<T, int> attemptNumber, RetryPlan plan)
    {
        var started = Workflow.UtcNow;
        var waitedLonger = false;
        var earlierAttempts = 0;
        for (var round = 0; ; round++)
        {
            try
            {
                var result = await attempt();
                var attempts = earlierAttempts + attemptNumber(result);
                if (round > 0)
                {
                    Workflow.UpsertTypedSearchAttributes(
                        BridgeSearchAttributes.DeliveryState.ValueSet(DeliveryStates.Delivered),
                        BridgeSearchAttributes.DeliveryAttempts.ValueSet(attempts));
                }
                return new CallOutcome<T>(result, attempts, Failure: null);
            }
            catch (ActivityFailureException e)
            {
                var nonRetryable = e.RetryState == RetryState.NonRetryableFailure;
                earlierAttempts += nonRetryable ? 1 : AttemptsPerRound;
                var failure = new CallFailure(ErrorType(e), e.InnerException?.Message ?? e.Message);
                var failed = new FailedRound(failure, nonRetryable, round);
                var waitsLonger = plan.LongerFor(failure) is not null;
                if (waitedLonger && !waitsLonger)
                {
                    // After a long wait for a person, a failure of another kind gets its own time to recover.
                    started = Workflow.UtcNow;
                }
                waitedLonger = waitsLonger;
                var pause = Workflow.UtcNow - started >= plan.GiveUpAfterFailure(failure) ? null : plan.PauseAfter(failed);
                Workflow.UpsertTypedSearchAttributes(
                    BridgeSearchAttributes.DeliveryState.ValueSet(pause is null ? DeliveryStates.Failed : DeliveryStates.Retrying),
                    BridgeSearchAttributes.DeliveryAttempts.ValueSet(earlierAttempts),
                    BridgeSearchAttributes.LastErrorCode.ValueSet(failure.ErrorType));
                if (pause is not { } wait)
                {
                    return new CallOutcome<T>(default, earlierAttempts, failure);
                }
                if (await Workflow.WaitConditionAsync(plan.WakeUp, wait))
                {
                    plan.Woken();
                }
            }
        }
    }

    /// <summary>The usual plan: a non-retryable failure is permanent; otherwise pause 1, 2, 4 … up to 30 minutes.</summary>
    public static TimeSpan? GrowingPause(FailedRound round) => round.NonRetryable ? null : Growing(round.Round, FirstPause, LongestPause);

    /// <summary><paramref name="first"/> doubled every round, at most <paramref name="longest"/>.</summary>
    public static TimeSpan Growing(int round, TimeSpan first, TimeSpan longest) =>
        TimeSpan.FromTicks(Math.Min(longest.Ticks, first.Ticks << Math.Min(round, 20)));

    private static string ErrorType(ActivityFailureException e) => e.InnerException switch
    {
        ApplicationFailureException { ErrorType: { } type } => type,
        TimeoutFailureException => "Timeout",
        _ => "Unknown",
    };
}

/// <summary>How long a delivery keeps trying, and how it pauses between rounds.</summary>
/// <param name="GiveUpAfter">After this long since the first attempt, a failed round is the last.</param>
public sealed record RetryPlan(TimeSpan GiveUpAfter)
{
    /// <summary>The pause after a failed round; null when the failure is permanent.</summary>
    public Func<FailedRound, TimeSpan?> PauseAfter { get; init; } = DeliveryRetries.GrowingPause;

    /// <summary>How long it keeps trying for a failure that waits for a person longer than <see cref="GiveUpAfter"/>;
    /// null for every other failure.</summary>
    public Func<CallFailure, TimeSpan?> LongerFor { get; init; } = static _ => null;

    /// <summary>Ends a pause early when it turns true (an operator asked for a retry, the account was connected again).</summary>
    public Func<bool> WakeUp { get; init; } = static () => false;

    /// <summary>Called when <see cref="WakeUp"/> ended a pause, to take the request back so the next pause is whole.</summary>
    public Action Woken { get; init; } = static () => { };

    /// <summary>After this long since the first attempt, a round failed with <paramref name="failure"/> is the last.</summary>
    public TimeSpan GiveUpAfterFailure(CallFailure failure) => LongerFor(failure) ?? GiveUpAfter;
}

/// <summary>A round that failed: why, whether Temporal was told never to retry it, and which round (from 0).</summary>
public sealed record FailedRound(CallFailure Failure, bool NonRetryable, int Round);

/// <summary>How the call ended: <paramref name="Failure"/> is null when the other side has the message.</summary>
public sealed record CallOutcome<T>(T? Result, int Attempts, CallFailure? Failure);

/// <summary>Why the call gave up, as an operator reads it.</summary>
public sealed record CallFailure(string ErrorType, string Message);
