using System.Diagnostics;

namespace TemporalBridge.Telemetry;

/// <summary>
/// Times one hand-over of a webhook's event to Temporal, from where the hand-over starts until it returns. The
/// outcome is <c>error</c> unless the hand-over says otherwise, so a call that throws (Temporal unreachable) is
/// recorded as one.
/// </summary>
public sealed class HandOverTiming : IDisposable
{
    private readonly BridgeMetrics metrics;
    private readonly string kind;
    private readonly long started = Stopwatch.GetTimestamp();
    private string outcome = HandOverOutcomes.Error;

    internal HandOverTiming(BridgeMetrics metrics, string kind)
    {
        this.metrics = metrics;
        this.kind = kind;
    }

    /// <summary>Notes how the hand-over ended and passes its result on: <c>return timing.Ended(result, outcome)</c>.</summary>
    public T Ended<T>(T result, string endedAs)
    {
        outcome = endedAs;
        return result;
    }

    public void Dispose() => metrics.HandOverTook(kind, outcome, Stopwatch.GetElapsedTime(started));
}

/// <summary>The values of the hand-over duration's <c>outcome</c> tag.</summary>
public static class HandOverOutcomes
{
    /// <summary>Temporal has the event.</summary>
    public const string Accepted = "accepted";

    /// <summary>No workflow of this bridge owns what the event names: answered 404, or acknowledged and dropped.</summary>
    public const string Unknown = "unknown";

    /// <summary>The hand-over threw (Temporal or Redis unreachable): the caller is answered 5xx and sends it again.</summary>
    public const string Error = "error";
}

/// <summary>The values of the hand-over duration's <c>kind</c> tag: which webhook event was handed over.</summary>
public static class HandOverKinds
{
    /// <summary>A provider webhook's events, all of them (client messages, statuses, typing).</summary>
    public const string ProviderEvents = "provider_events";

    /// <summary>A provider's statuses of sent messages, to their deliveries (part of <see cref="ProviderEvents"/>).</summary>
    public const string ProviderStatus = "provider_status";

    /// <summary>vcita's staff message, to its conversation.</summary>
    public const string StaffMessage = "staff_message";

    /// <summary>vcita's status of a client message, to its delivery.</summary>
    public const string MessageStatus = "message_status";

    /// <summary>vcita's status of a session, to the session.</summary>
    public const string SessionStatus = "session_status";

    /// <summary>vcita's staff typing, passed on to the provider.</summary>
    public const string Typing = "typing";
}
