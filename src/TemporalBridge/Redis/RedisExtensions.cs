using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TemporalBridge.Hosting;

namespace TemporalBridge.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// One multiplexer for the whole process (it is thread-safe and meant to be shared), created on first use.
    /// AbortOnConnectFail=false lets the service start while Redis is down: the multiplexer keeps reconnecting in
    /// the background, and /health/ready reports Redis as unhealthy until it is back. Redis only holds caches, so
    /// BacklogPolicy.FailFast: while disconnected a command fails at once (a cache miss) instead of queueing for
    /// seconds and holding up the webhook or probe that issued it.
    /// </summary>
    public static void AddRedis(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<RedisOptions>(RedisOptions.Section);
        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var configuration = ConfigurationOptions.Parse(
                services.GetRequiredService<IOptions<RedisOptions>>().Value.Connection);
            configuration.AbortOnConnectFail = false;
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(configuration);
        });
    }
}
