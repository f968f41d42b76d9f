using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TemporalBridge.Redis;
using TemporalBridge.Testing.Redis;

namespace TemporalBridge.Tests.Pacing;

/// <summary>A connection to the class's Redis, emptied first: each pacing test starts with no turn taken.</summary>
internal static class EmptyRedis
{
    public static async Task<ConnectionMultiplexer> ConnectAsync(RedisServer redis)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        await connection.GetServer(connection.GetEndPoints()[0]).FlushAllDatabasesAsync();
        return connection;
    }

    /// <summary>The bridge's cache access over <paramref name="redis"/>, with the default settings.</summary>
    public static CacheCall Cache(IConnectionMultiplexer redis) =>
        new(redis, Options.Create(new RedisOptions()), NullLogger<CacheCall>.Instance);
}
