namespace TemporalBridge.Providers.Meta.AppRemoval;

/// <summary>A Meta app the bridge is configured with, by provider: its secret signs Meta's <c>signed_request</c>s. Each
/// Meta provider registers its own, read from its settings when asked (empty: not configured).</summary>
public sealed record MetaAppSecret(string Provider, Func<string> Secret);
