using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace TemporalBridge.Sessions;

/// <summary>
/// Which vcita contact a messaging user maps to, per business: spares vcita a client search per new session. Only
/// a cache (the session workflow keeps its contact durably); keys hold a hash of the user's id, not the number.
/// </summary>
public sealed partial class ContactCache(IConnectionMultiplexer redis, ILogger<ContactCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public async Task<string?> FindAsync(string businessUid, string provider, string clientId)
    {
        try
        {
            return await redis.GetDatabase().StringGetAsync(Key(businessUid, provider, clientId));
        }
        catch (RedisException e)
        {
            LogCacheUnavailable(e);
            return null;
        }
    }

    public async Task RecordAsync(string businessUid, string provider, string clientId, string contactUid)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(businessUid, provider, clientId), contactUid, Lifetime);
        }
        catch (RedisException e)
        {
            LogCacheUnavailable(e);
        }
    }

    private static string Key(string businessUid, string provider, string clientId) =>
        $"tb:contact:{businessUid}:{provider}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)))}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable for contact lookups; asking vcita")]
    private partial void LogCacheUnavailable(Exception exception);
}
