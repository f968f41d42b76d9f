using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.Messenger.Webhooks;

/// <summary>What one Page webhook POST said, in provider-neutral events, and what of it was deliberately left aside.</summary>
/// <param name="Events">Client messages, the Page's own messages sent outside the bridge, and receipt watermarks, in
/// the order Meta listed them.</param>
/// <param name="Updates">How many events the payload held, handed over or not.</param>
/// <param name="IgnoredObject">The payload's <c>object</c> when it is not <c>page</c>: nothing in it was read.</param>
/// <param name="Skipped">Events the bridge read and left aside on purpose, with why.</param>
public sealed record PageWebhookBatch(
    IReadOnlyList<ProviderEvent> Events, int Updates, string? IgnoredObject, IReadOnlyList<SkippedEvent> Skipped);

/// <summary>One event left aside: where it is (<c>entry[0].standby[1]</c>) and why. Names no person.</summary>
public sealed record SkippedEvent(string Path, string Reason);

/// <summary>Either a batch or the problem that refused the payload.</summary>
public sealed record PageParseResult(PageWebhookBatch? Batch, PayloadProblem? Problem);
