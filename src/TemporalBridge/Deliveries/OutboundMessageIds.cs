using StackExchange.Redis;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Which delivery sent a provider message, so the provider's statuses of it (which name only its id) reach that
/// delivery. A cache: when Redis has forgotten, the conversation's session workflow still knows its recent ones.
/// </summary>
public sealed partial class OutboundMessageIds(IConnectionMultiplexer redis, ILogger<OutboundMessageIds> logger)
{
    /// <summary>Providers report a message's read long after it was sent; a week more than the delivery waits for it.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public async Task RecordAsync(string provider, string providerMessageId, string deliveryId)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(provider, providerMessageId), deliveryId, Lifetime);
        }
        catch (RedisException e)
        {
            LogCacheUnavailable(e);
        }
    }

    /// <summary>The delivery's workflow id, or null when not cached (or Redis is down).</summary>
    public async Task<string?> FindAsync(string provider, string providerMessageId)
    {
        try
        {
            return await redis.GetDatabase().StringGetAsync(Key(provider, providerMessageId));
        }
        catch (RedisException e)
        {
            LogCacheUnavailable(e);
            return null;
        }
    }

    private static string Key(string provider, string providerMessageId) => $"tb:{provider}:sent:{providerMessageId}:delivery";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable for sent-message lookups; the conversation is asked instead")]
    private partial void LogCacheUnavailable(Exception exception);
}
