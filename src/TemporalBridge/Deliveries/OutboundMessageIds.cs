using StackExchange.Redis;
using TemporalBridge.Temporal;
using TemporalBridge.Typing;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Which delivery sent a provider message, so the provider's statuses of it (which name only its id) reach that
/// delivery. A cache: when Redis has forgotten, the conversation's session workflow still knows its recent ones.
/// Also whether a send to a client is under way: its id is not known until the provider answers, and the provider
/// may report a status before that answer is back.
/// </summary>
public sealed partial class OutboundMessageIds(IConnectionMultiplexer redis, ILogger<OutboundMessageIds> logger)
{
    /// <summary>Providers report a message's read long after it was sent; a week more than the delivery waits for it.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>Longer than any send call, short enough that a crashed one is soon forgotten.</summary>
    private static readonly TimeSpan SendingLifetime = TimeSpan.FromMinutes(1);

    public async Task RecordAsync(string provider, string providerMessageId, string deliveryId) =>
        await CacheAsync(db => db.StringSetAsync(Key(provider, providerMessageId), deliveryId, Lifetime));

    /// <summary>A send to this client starts (<paramref name="sending"/>) or has its answer.</summary>
    public async Task MarkSendingAsync(string provider, string accountId, string clientId, bool sending) =>
        await CacheAsync(db => sending
            ? db.StringSetAsync(SendingKey(provider, accountId, clientId), "1", SendingLifetime)
            : db.KeyDeleteAsync(SendingKey(provider, accountId, clientId)));

    public async Task<bool> IsSendingAsync(string provider, string accountId, string clientId) =>
        await CacheAsync(db => db.KeyExistsAsync(SendingKey(provider, accountId, clientId)));

    private async Task<T> CacheAsync<T>(Func<IDatabase, Task<T>> call)
    {
        try
        {
            return await call(redis.GetDatabase());
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(e);
            return default!;
        }
    }

    /// <summary>The delivery's workflow id, or null when not cached (or Redis is down).</summary>
    public async Task<string?> FindAsync(string provider, string providerMessageId)
    {
        try
        {
            return await redis.GetDatabase().StringGetAsync(Key(provider, providerMessageId));
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(e);
            return null;
        }
    }

    private static string Key(string provider, string providerMessageId) => $"tb:{provider}:sent:{providerMessageId}:delivery";

    /// <summary>Keyed by a hash of the conversation: no phone number in keys.</summary>
    private static string SendingKey(string provider, string accountId, string clientId) =>
        $"tb:{provider}:sending:{SessionIdHash.Of(WorkflowIds.Session(provider, accountId, clientId))}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable for sent-message lookups; the conversation is asked instead")]
    private partial void LogCacheUnavailable(Exception exception);
}
