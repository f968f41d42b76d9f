namespace TemporalBridge.Providers;

/// <summary>
/// Hands what a provider's webhook reported to the workflows that own it. A provider's webhook endpoint calls this
/// after it has authenticated and parsed the request, and answers 2xx only when it returns: every event it returns
/// for is durably in Temporal's hands (or deliberately set aside, as counted). Temporal being unreachable is thrown,
/// so the endpoint answers 503 and the provider sends the webhook again.
/// </summary>
public interface IProviderEventHandOver
{
    Task<ProviderHandOverResult> HandOverAsync(IReadOnlyList<ProviderEvent> events, CancellationToken cancellationToken);
}

/// <summary>What became of one webhook's events.</summary>
/// <param name="HandedOver">Events Temporal now has (or, for typing, that were passed on).</param>
/// <param name="UnknownAccount">Events for a provider account no channel of this bridge owns: logged and dropped,
/// since the provider would otherwise retry them for days.</param>
/// <param name="NotHandled">Events nothing of this bridge owns or acts on (a status of a message another app sent, a
/// kind of event not supported): logged and dropped.</param>
public sealed record ProviderHandOverResult(int HandedOver, int UnknownAccount, int NotHandled);
