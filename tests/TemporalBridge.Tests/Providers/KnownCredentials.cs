using System.Collections.Concurrent;
using TemporalBridge.Providers;

namespace TemporalBridge.Tests.Providers;

/// <summary>
/// Stands in for the channel workflows' credentials where a test runs a provider's client without Temporal: answers
/// the tokens the test gave, and records which accounts the client asked to forget.
/// </summary>
internal sealed class KnownCredentials : IAccountCredentials
{
    public ConcurrentDictionary<(string Provider, string AccountId), ProviderCredentials> Tokens { get; } = new();

    public ConcurrentQueue<(string Provider, string AccountId)> Forgotten { get; } = new();

    public Task<ProviderCredentials?> FindAsync(string provider, string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(Tokens.TryGetValue((provider, accountId), out var credentials) ? credentials : null);

    public void Forget(string provider, string accountId) => Forgotten.Enqueue((provider, accountId));
}
