namespace TemporalBridge.Providers;

/// <summary>Finds the <see cref="IMessagingProvider"/> of a channel by the provider's name.</summary>
public sealed class MessagingProviders(IEnumerable<IMessagingProvider> providers)
{
    private readonly Dictionary<string, IMessagingProvider> byName = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IMessagingProvider Get(string provider) =>
        byName.TryGetValue(provider, out var found)
            ? found
            : throw new InvalidOperationException($"No messaging provider named '{provider}' is registered.");
}
