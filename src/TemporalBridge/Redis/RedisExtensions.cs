using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TemporalBridge.Hosting;

namespace TemporalBridge.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// One multiplexer for the whole process (it is thread-safe and meant to be shared), created on first use, and
    /// <see cref="CacheCall"/>, through which every cache lookup uses it. Configured so that an unreachable Redis
    /// fails fast and never holds a webhook up:
    /// <list type="bullet">
    /// <item>AbortOnConnectFail=false lets the service start while Redis is down: the multiplexer keeps reconnecting
    /// in the background, and /health/ready reports Redis as degraded until it is back.</item>
    /// <item>BacklogPolicy.FailFast: while disconnected a command fails at once (a cache miss) instead of queueing
    /// for seconds.</item>
    /// <item>Short connect and command timeouts (<see cref="RedisOptions"/>), for a Redis that accepts connections
    /// but does not answer: the client's defaults (5 s each) would be paid per lookup.</item>
    /// </list>
    /// </summary>
    public static void AddRedis(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<RedisOptions>(RedisOptions.Section);
        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
            ConnectionMultiplexer.Connect(Configuration(services.GetRequiredService<IOptions<RedisOptions>>().Value)));
        builder.Services.AddSingleton<CacheCall>();
    }

    internal static ConfigurationOptions Configuration(RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Connection);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = options.ConnectTimeoutMs;
        configuration.SyncTimeout = options.TimeoutMs;
        configuration.AsyncTimeout = options.TimeoutMs;
        // One attempt per connect: the multiplexer reconnects in the background anyway.
        configuration.ConnectRetry = 1;
        return configuration;
    }
}
