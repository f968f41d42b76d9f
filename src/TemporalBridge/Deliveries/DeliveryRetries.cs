using TemporalBridge.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Retries a delivery's hand-over call in rounds, so that what is stuck can be found: each round is a few quick
/// attempts by Temporal's retry policy (a passing hiccup costs nothing more); when a round fails, the delivery's
/// search attributes say <c>retrying</c>, how many attempts and the last error, and the next round comes after a
/// growing pause. A permanent failure, or running out of time, ends it as <c>failed</c>.
/// </summary>
public static class DeliveryRetries
{
    /// <summary>Attempts in one round: the activity options' <c>MaximumAttempts</c>.</summary>
    public const int AttemptsPerRound = 3;

    private static readonly TimeSpan FirstPause = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(30);

    /// <param name="attempt">Runs the activity once (with its own quick retries) and answers its attempt number.</param>
    public static async Task<HandOverOutcome> RunAsync(Func<Task<int>> attempt, TimeSpan giveUpAfter)
    {
        var started = Workflow.UtcNow;
        var earlierAttempts = 0;
        for (var round = 0; ; round++)
        {
            try
            {
                var attempts = earlierAttempts + await attempt();
                if (round > 0)
                {
                    Workflow.UpsertTypedSearchAttributes(
                        BridgeSearchAttributes.DeliveryState.ValueSet(DeliveryStates.Delivered),
                        BridgeSearchAttributes.DeliveryAttempts.ValueSet(attempts));
                }
                return new HandOverOutcome(attempts, Failure: null);
            }
            catch (ActivityFailureException e)
            {
                var permanent = e.RetryState == RetryState.NonRetryableFailure;
                earlierAttempts += permanent ? 1 : AttemptsPerRound;
                var failure = new HandOverFailure(ErrorType(e), e.InnerException?.Message ?? e.Message);
                var outOfTime = Workflow.UtcNow - started >= giveUpAfter;
                Workflow.UpsertTypedSearchAttributes(
                    BridgeSearchAttributes.DeliveryState.ValueSet(permanent || outOfTime ? DeliveryStates.Failed : DeliveryStates.Retrying),
                    BridgeSearchAttributes.DeliveryAttempts.ValueSet(earlierAttempts),
                    BridgeSearchAttributes.LastErrorCode.ValueSet(failure.ErrorType));
                if (permanent || outOfTime)
                {
                    return new HandOverOutcome(earlierAttempts, failure);
                }
                await Workflow.DelayAsync(Pause(round));
            }
        }
    }

    private static TimeSpan Pause(int round) =>
        TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(round, 10)));

    private static string ErrorType(ActivityFailureException e) => e.InnerException switch
    {
        ApplicationFailureException { ErrorType: { } type } => type,
        TimeoutFailureException => "Timeout",
        _ => "Unknown",
    };
}

/// <summary>How a hand-over ended: <paramref name="Failure"/> is null when the other side has the message.</summary>
public sealed record HandOverOutcome(int Attempts, HandOverFailure? Failure);

/// <summary>Why a hand-over gave up, as an operator reads it.</summary>
public sealed record HandOverFailure(string ErrorType, string Message);
