using TemporalBridge.Redis;
using TemporalBridge.Sessions;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Typing;

/// <summary>
/// What typing needs to know about a conversation, from its session workflow's <see cref="SessionWorkflow.State"/>
/// query, kept in Redis for a short while so a typist's stream of events does not query the workflow each time.
/// Short, because the answer changes as the conversation goes on (a new client message) and nothing tells this cache:
/// a stale answer can only point an indicator at an older message, which costs one wasted call, never a wrong message.
/// </summary>
public sealed class SessionStateCache(CacheCall cache, ITemporalClient temporal)
{
    /// <summary>Roughly one typing window: a client who writes again is seen at the next indicator or the one after.</summary>
    internal static readonly TimeSpan LatestMessageLifetime = TimeSpan.FromSeconds(30);

    /// <summary>The provider id of the client's latest message; null when the client has not written yet, or no
    /// such conversation runs.</summary>
    public async Task<string?> FindLatestClientMessageIdAsync(string sessionWorkflowId, CancellationToken cancellationToken)
    {
        var key = LatestMessageKey(sessionWorkflowId);
        if (await ReadAsync(key) is { } cached)
        {
            return cached;
        }
        var latest = (await QueryAsync(sessionWorkflowId, cancellationToken))?.LatestClientMessageId;
        if (latest != null)
        {
            await WriteAsync(key, latest, LatestMessageLifetime);
        }
        return latest;
    }

    /// <summary>The client's id as the provider knows them (their number, their page-scoped id), asked of the
    /// conversation each time: it is not kept in Redis, and the conversation's id holds only their pseudonym.</summary>
    public async Task<string?> FindClientIdAsync(string sessionWorkflowId, CancellationToken cancellationToken) =>
        (await QueryAsync(sessionWorkflowId, cancellationToken))?.Client?.Id;

    /// <summary>The client wrote again: the next indicator asks the conversation which message is now the latest.</summary>
    public Task ForgetLatestClientMessageAsync(string sessionWorkflowId) =>
        cache.WriteAsync(Use, db => db.KeyDeleteAsync(LatestMessageKey(sessionWorkflowId)));

    private async Task<SessionState?> QueryAsync(string sessionWorkflowId, CancellationToken cancellationToken)
    {
        try
        {
            return await temporal.GetWorkflowHandle<SessionWorkflow>(sessionWorkflowId).QueryAsync(
                wf => wf.State, new WorkflowQueryOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Redis is a cache here: when it is down the answer is "not cached", and the workflow is asked.</summary>
    private async Task<string?> ReadAsync(string key) => await cache.ReadAsync(Use, db => db.StringGetAsync(key));

    private Task WriteAsync(string key, string value, TimeSpan lifetime) =>
        cache.WriteAsync(Use, db => db.StringSetAsync(key, value, lifetime));

    /// <summary>For the log when Redis fails; the session workflow is then queried per typing event.</summary>
    private const string Use = "typing lookups";

    private static string LatestMessageKey(string sessionWorkflowId) => $"tb:typing:latest-client-message:{SessionIdHash.Of(sessionWorkflowId)}";
}
