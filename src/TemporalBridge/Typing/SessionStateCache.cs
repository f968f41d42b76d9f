using System.Text.Json;
using StackExchange.Redis;
using TemporalBridge.Sessions;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Typing;

/// <summary>
/// What typing needs to know about a conversation, from its session workflow's <see cref="SessionWorkflow.State"/>
/// query, kept in Redis for a short while so a typist's stream of events does not query the workflow each time.
/// Short, because both answers change as the conversation goes on (a new client message, a new VCS session) and
/// nothing tells this cache: a stale answer can only point an indicator at an older message or a session vcita has
/// closed, both of which cost one wasted call, never a wrong message.
/// </summary>
public sealed partial class SessionStateCache(IConnectionMultiplexer redis, ITemporalClient temporal, ILogger<SessionStateCache> logger)
{
    /// <summary>Roughly one typing window: a client who writes again is seen at the next indicator or the one after.</summary>
    internal static readonly TimeSpan LatestMessageLifetime = TimeSpan.FromSeconds(30);

    /// <summary>A conversation's VCS session changes only when vcita closes it or the number is reconnected.</summary>
    internal static readonly TimeSpan VcsSessionLifetime = TimeSpan.FromMinutes(2);

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

    /// <summary>The client wrote again: the next indicator asks the conversation which message is now the latest.</summary>
    public async Task ForgetLatestClientMessageAsync(string sessionWorkflowId)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(LatestMessageKey(sessionWorkflowId));
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(e);
        }
    }

    /// <summary>The conversation's VCS session and the business it belongs to; null before vcita has given it a
    /// session, or when no such conversation runs.</summary>
    public async Task<ConversationVcsSession?> FindVcsSessionAsync(string sessionWorkflowId, CancellationToken cancellationToken)
    {
        var key = VcsSessionKey(sessionWorkflowId);
        if (await ReadAsync(key) is { } cached)
        {
            return JsonSerializer.Deserialize(cached, TypingJsonContext.Default.ConversationVcsSession);
        }
        if (await QueryAsync(sessionWorkflowId, cancellationToken) is not { SessionUid: { } sessionUid } state)
        {
            return null;
        }
        var session = new ConversationVcsSession(sessionUid, state.BusinessUid);
        await WriteAsync(key, JsonSerializer.Serialize(session, TypingJsonContext.Default.ConversationVcsSession), VcsSessionLifetime);
        return session;
    }

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
    private async Task<string?> ReadAsync(string key)
    {
        try
        {
            return await redis.GetDatabase().StringGetAsync(key);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(e);
            return null;
        }
    }

    private async Task WriteAsync(string key, string value, TimeSpan lifetime)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(key, value, lifetime);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(e);
        }
    }

    private static string LatestMessageKey(string sessionWorkflowId) => $"tb:typing:latest-client-message:{SessionIdHash.Of(sessionWorkflowId)}";

    private static string VcsSessionKey(string sessionWorkflowId) => $"tb:typing:vcs-session:{SessionIdHash.Of(sessionWorkflowId)}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable for typing lookups; asking the session workflow")]
    private partial void LogCacheUnavailable(Exception exception);
}

/// <summary>Where a client's typing goes in vcita: their conversation's VCS session, and the business whose token
/// may report on it.</summary>
public sealed record ConversationVcsSession(string SessionUid, string BusinessUid);
