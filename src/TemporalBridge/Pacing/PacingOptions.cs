using System.ComponentModel.DataAnnotations;

namespace TemporalBridge.Pacing;

/// <summary>
/// The <c>Pacing</c> section: how fast the worker calls the providers, so it keeps under their limits instead of
/// being refused by them. The limits are shared by every worker replica through Redis. The defaults are the
/// providers' published limits.
/// </summary>
public sealed class PacingOptions
{
    public const string Section = "Pacing";

    /// <summary>Graph API message calls per second per business phone number (Meta's default throughput: 80).</summary>
    [Range(1, 10_000, ErrorMessage = "Pacing:WhatsAppMessagesPerSecond must be between 1 and 10000 (environment variable Pacing__WhatsAppMessagesPerSecond)")]
    public int WhatsAppMessagesPerSecond { get; set; } = 80;

    /// <summary>Seconds between two messages to the same client from one number, once the burst is used (Meta: about 6).</summary>
    [Range(0.001, 3600, ErrorMessage = "Pacing:WhatsAppPairIntervalSeconds must be between 0.001 and 3600 (environment variable Pacing__WhatsAppPairIntervalSeconds)")]
    public double WhatsAppPairIntervalSeconds { get; set; } = 6;

    /// <summary>Messages to one client that may go at once before the pair interval applies: Meta lets short bursts
    /// borrow from the interval, and staff often send two or three lines in a row.</summary>
    [Range(1, 100, ErrorMessage = "Pacing:WhatsAppPairBurst must be between 1 and 100 (environment variable Pacing__WhatsAppPairBurst)")]
    public int WhatsAppPairBurst { get; set; } = 5;

    /// <summary>Send API calls per second per Facebook Page. Meta allows about 300 text calls a second, but the Page
    /// Inbox stalls above about 40 messages a second, and staff read their Page there too.</summary>
    [Range(1, 300, ErrorMessage = "Pacing:MessengerMessagesPerSecond must be between 1 and 300 (environment variable Pacing__MessengerMessagesPerSecond)")]
    public int MessengerMessagesPerSecond { get; set; } = 40;

    /// <summary>vcita API requests per second per access token (vcita's gateway hints about 8).</summary>
    [Range(1, 10_000, ErrorMessage = "Pacing:VcitaRequestsPerSecond must be between 1 and 10000 (environment variable Pacing__VcitaRequestsPerSecond)")]
    public int VcitaRequestsPerSecond { get; set; } = 8;

    /// <summary>
    /// The longest a call waits for its turn inside an activity. A longer wait is not taken: the call fails as
    /// throttled and Temporal retries it later, so a busy number does not hold worker slots.
    /// </summary>
    [Range(0, 60, ErrorMessage = "Pacing:MaxWaitSeconds must be between 0 and 60 (environment variable Pacing__MaxWaitSeconds)")]
    public double MaxWaitSeconds { get; set; } = 10;

    public TimeSpan MaxWait => TimeSpan.FromSeconds(MaxWaitSeconds);
}
