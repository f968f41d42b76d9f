using Temporalio.Api.Common.V1;
using Temporalio.Api.Failure.V1;

namespace TemporalBridge.Testing.Temporal;

/// <summary>An activity the server holds between its ActivityTaskScheduled event and its close: it owns the
/// attempt counter, the time of the next attempt and the last failure, none of which a server writes to history
/// until the activity closes.</summary>
internal sealed class ScheduledActivity
{
    public required SimulatedRun Run { get; init; }
    public required long ScheduledEventId { get; init; }
    public required uint Seq { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityType { get; init; }
    public required Payloads Input { get; init; }
    public required TimeSpan StartToCloseTimeout { get; init; }
    public required TimeSpan? ScheduleToCloseTimeout { get; init; }
    public required RetryPolicy? RetryPolicy { get; init; }
    public required DateTime FirstScheduledAt { get; init; }

    public int Attempt { get; set; } = 1;
    public DateTime DueAt { get; set; }
    public Failure? LastFailure { get; set; }
}
