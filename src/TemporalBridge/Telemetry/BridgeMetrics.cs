using System.Diagnostics;
using System.Diagnostics.Metrics;
using TemporalBridge.Providers;

namespace TemporalBridge.Telemetry;

/// <summary>
/// The bridge's own instruments, on the meter <see cref="MeterName"/>. Tags are small closed sets (directions,
/// states, error types, hand-over kinds, provider names): never a phone number, a uid or text, so a series per tag
/// combination stays cheap for whatever stores them.
/// </summary>
public sealed class BridgeMetrics
{
    public const string MeterName = "TemporalBridge";

    public const string DeliveriesName = "bridge.deliveries";
    public const string FailedAttemptsName = "bridge.delivery.failed_attempts";
    public const string HandOverDurationName = "bridge.handover.duration";
    public const string WebhookBatchSizeName = "bridge.webhook.batch_size";
    public const string MessagesPricedName = "bridge.messages.priced";
    public const string ProviderErrorsName = "bridge.provider.errors";

    /// <summary>The pricing categories and types WhatsApp names (its status webhooks' <c>pricing</c>); any other value is
    /// counted as "other", so a provider cannot grow the series without bound.</summary>
    private static readonly HashSet<string> PricingCategories =
    [
        "authentication", "authentication-international", "authentication_international", "marketing", "marketing_lite",
        "referral_conversion", "service", "utility",
    ];

    private static readonly HashSet<string> PricingTypes = ["regular", "free_customer_service", "free_entry_point"];

    private readonly Counter<long> deliveries;
    private readonly Counter<long> failedAttempts;
    private readonly Histogram<double> handOverDuration;
    private readonly Histogram<int> webhookBatchSize;
    private readonly Counter<long> messagesPriced;
    private readonly Counter<long> providerErrors;

    /// <summary>From the host's meter factory, so each host (and each test's host) has its own meter instance.</summary>
    public BridgeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        deliveries = meter.CreateCounter<long>(
            DeliveriesName, "{delivery}", "Deliveries that ended, by direction and final state");
        failedAttempts = meter.CreateCounter<long>(
            FailedAttemptsName, "{attempt}", "Failed attempts to hand a message to the other side, by error type: each is retried unless the error is permanent");
        handOverDuration = meter.CreateHistogram<double>(
            HandOverDurationName, "s", "Time from receiving a webhook's event to Temporal having it (signal or start)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        webhookBatchSize = meter.CreateHistogram<int>(
            WebhookBatchSizeName, "{event}", "Events in one provider webhook call",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 250, 500, 1000] });
        messagesPriced = meter.CreateCounter<long>(
            MessagesPricedName, "{message}", "Staff messages the provider priced, by its pricing category and type (whether and how it charges)");
        providerErrors = meter.CreateCounter<long>(
            ProviderErrorsName, "{error}", "Errors a provider reported about an account rather than a message (WhatsApp's value.errors), by code");
    }

    /// <summary>A delivered message the provider named a price for, counted once, when its delivery ends.</summary>
    public void MessagePriced(string provider, MessagePricing pricing) =>
        messagesPriced.Add(1, new TagList
        {
            { "provider", provider },
            { "category", Bounded(pricing.Category, PricingCategories) },
            { "type", Bounded(pricing.Type, PricingTypes) },
            { "billable", pricing.Billable switch { true => "true", false => "false", null => "unknown" } },
        });

    /// <param name="code">The provider's error code, a number.</param>
    public void ProviderErrorReported(string provider, long code) =>
        providerErrors.Add(1, new TagList { { "provider", provider }, { "code", code.ToString(System.Globalization.CultureInfo.InvariantCulture) } });

    private static string Bounded(string? value, HashSet<string> known) =>
        value is null ? "unknown" : known.Contains(value) ? value : "other";

    /// <param name="direction"><see cref="DeliveryDirections"/>.</param>
    /// <param name="state">The delivery's end: <c>delivered</c> or <c>failed</c>.</param>
    /// <param name="status">The message's last status as vcita knows it (<c>read</c>, <c>received</c>, <c>error</c>, …).</param>
    public void DeliveryEnded(string direction, string state, string status) =>
        deliveries.Add(1, new TagList { { "direction", direction }, { "state", state }, { "status", status } });

    /// <param name="errorType">The stable error type of the failure (e.g. <c>ProviderFailure.Throttled</c>, <c>VcitaTransient</c>).</param>
    public void AttemptFailed(string direction, string errorType) =>
        failedAttempts.Add(1, new TagList { { "direction", direction }, { "error_type", errorType } });

    /// <summary>Starts timing a hand-over; <see cref="HandOverTiming.Dispose"/> records it.</summary>
    public HandOverTiming TimeHandOver(string kind) => new(this, kind);

    internal void HandOverTook(string kind, string outcome, TimeSpan elapsed) =>
        handOverDuration.Record(elapsed.TotalSeconds, new TagList { { "kind", kind }, { "outcome", outcome } });

    public void WebhookReceived(string provider, int events) =>
        webhookBatchSize.Record(events, new KeyValuePair<string, object?>("provider", provider));
}

/// <summary>The values of the <c>direction</c> tag.</summary>
public static class DeliveryDirections
{
    /// <summary>A client's message on its way to vcita.</summary>
    public const string Inbound = "inbound";

    /// <summary>A staff message on its way to the client.</summary>
    public const string Outbound = "outbound";
}
