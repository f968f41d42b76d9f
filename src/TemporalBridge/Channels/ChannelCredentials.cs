using System.Collections.Concurrent;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Channels;

/// <summary>
/// A connected account's own credentials, for the provider clients in activities: asked of the account's channel
/// workflow (its <c>Credentials</c> query, encrypted by the payload codec on the way), then kept in this process's
/// memory for <see cref="Lifetime"/> so a busy account costs one query a minute, not one per message. Never written
/// to Redis or to a log. A token replaced by connecting again is used everywhere within <see cref="Lifetime"/>;
/// <see cref="Forget"/> makes the next call ask at once (after the provider rejected the token).
/// </summary>
public sealed class ChannelCredentials(ITemporalClient temporal, TimeProvider time) : IAccountCredentials
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (ProviderCredentials? Credentials, DateTimeOffset Until)> known = new(StringComparer.Ordinal);

    /// <summary>The account's credentials; null when it was connected without any, or no channel runs for it.</summary>
    public async Task<ProviderCredentials?> FindAsync(string provider, string accountId, CancellationToken cancellationToken)
    {
        var id = WorkflowIds.Channel(provider, accountId);
        if (known.TryGetValue(id, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Credentials;
        }

        ProviderCredentials? credentials;
        try
        {
            credentials = await temporal.GetWorkflowHandle<ChannelWorkflow>(id).QueryAsync(
                wf => wf.Credentials, new WorkflowQueryOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            credentials = null;
        }
        known[id] = (credentials, time.GetUtcNow() + Lifetime);
        return credentials;
    }

    public void Forget(string provider, string accountId) => known.TryRemove(WorkflowIds.Channel(provider, accountId), out _);
}
