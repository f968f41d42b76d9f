using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TemporalBridge.Redis;
using TemporalBridge.Testing.Redis;

namespace TemporalBridge.Tests.Redis;

/// <summary>
/// The cache helper against a real redis-server that the test stops, freezes or restarts: every kind of Redis
/// failure becomes a miss or a skipped write, fast, logged without keys; and Redis is used again once it is back.
/// </summary>
public sealed class CacheCallTests : IAsyncLifetime
{
    private const string Key = "tb:test:15551230001";

    private readonly RedisServer redis = new();
    private readonly RecordingLogger logger = new();
    private ConnectionMultiplexer multiplexer = null!;

    public async Task InitializeAsync()
    {
        await redis.InitializeAsync();
        multiplexer = await ConnectionMultiplexer.ConnectAsync(RedisExtensions.Configuration(Options(skipMs: 0)));
    }

    public async Task DisposeAsync()
    {
        await multiplexer.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task WithRedisUpReadsAndWritesGoThrough()
    {
        var cache = Cache(skipMs: 0);

        await cache.WriteAsync("tests", db => db.StringSetAsync(Key, "value"));

        (await cache.ReadAsync("tests", db => db.StringGetAsync(Key))).Should().Be((RedisValue)"value");
        logger.Lines.Should().BeEmpty();
    }

    [Fact]
    public async Task AStoppedRedisIsAMissAndASkippedWriteAtOnce()
    {
        var cache = Cache(skipMs: 0);
        redis.Stop();

        var clock = Stopwatch.StartNew();
        var read = await cache.ReadAsync("tests", db => db.StringGetAsync(Key));
        await cache.WriteAsync("tests", db => db.StringSetAsync(Key, "value"));
        var flag = await cache.ReadAsync("tests", db => db.KeyExistsAsync(Key), unavailable: true);

        read.HasValue.Should().BeFalse();
        flag.Should().BeTrue("the caller's answer for 'Redis cannot tell' is returned");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "a refused connection fails fast, it does not wait for a timeout");
        logger.Lines.Should().ContainSingle(line => line.StartsWith("Warning", StringComparison.Ordinal), "one warning per outage, not one per call")
            .Which.Should().Contain("Redis is unavailable (no connection").And.Contain("tests").And.NotContain(Key);
    }

    [Fact]
    public async Task AFrozenRedisTimesOutIntoAMissThenIsLeftAloneForAWhile()
    {
        var cache = Cache(skipMs: 60_000);
        redis.Pause();
        try
        {
            var clock = Stopwatch.StartNew();
            var read = await cache.ReadAsync("tests", db => db.StringGetAsync(Key));
            var first = clock.Elapsed;
            clock.Restart();
            var again = await cache.ReadAsync("tests", db => db.StringGetAsync(Key));
            var second = clock.Elapsed;

            read.HasValue.Should().BeFalse();
            again.HasValue.Should().BeFalse();
            first.Should().BeLessThan(TimeSpan.FromSeconds(3), "the command timeout is short");
            second.Should().BeLessThan(TimeSpan.FromMilliseconds(100), "after a failure Redis is not asked again for a while");
            logger.Lines.Should().ContainSingle(line => line.StartsWith("Warning", StringComparison.Ordinal))
                .Which.Should().Contain("no answer in time").And.NotContain(Key);
        }
        finally
        {
            redis.Resume();
        }
    }

    [Fact]
    public async Task AClosedConnectionIsAMiss()
    {
        var cache = Cache(skipMs: 0);
        await multiplexer.DisposeAsync();

        (await cache.ReadAsync("tests", db => db.StringGetAsync(Key))).HasValue.Should().BeFalse();
        await cache.WriteAsync("tests", db => db.StringSetAsync(Key, "value"));
        logger.Lines.Should().Contain(line => line.Contains("the connection is closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenRedisIsBackItIsUsedAgain()
    {
        var cache = Cache(skipMs: 0);
        redis.Stop();
        await cache.WriteAsync("tests", db => db.StringSetAsync(Key, "lost"));

        await redis.StartAgainAsync();
        // The multiplexer reconnects on its own schedule: ask until Redis answers, with a deadline.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var answered = false;
        while (!answered && DateTime.UtcNow < deadline)
        {
            answered = await cache.ReadAsync("tests", async db => await db.PingAsync() >= TimeSpan.Zero, unavailable: false);
            if (!answered)
            {
                await Task.Delay(50);
            }
        }

        answered.Should().BeTrue("Redis was started again");
        await cache.WriteAsync("tests", db => db.StringSetAsync(Key, "value"));
        (await cache.ReadAsync("tests", db => db.StringGetAsync(Key))).Should().Be((RedisValue)"value");
        logger.Lines.Should().Contain(line => line.Contains("Redis answers again", StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyFailuresOfRedisCountAsUnavailable()
    {
        CacheCall.IsUnavailable(new RedisTimeoutException(CommandFlags.None, "t", CommandStatus.Sent)).Should().BeTrue();
        CacheCall.IsUnavailable(new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "c", null!, CommandStatus.Unknown)).Should().BeTrue();
        CacheCall.IsUnavailable(new RedisServerException(RedisErrorKind.Loading, CommandFlags.None, "LOADING")).Should().BeTrue();
        CacheCall.IsUnavailable(new ObjectDisposedException("multiplexer")).Should().BeTrue();
        CacheCall.IsUnavailable(new InvalidOperationException("a bug")).Should().BeFalse("a bug must not hide as a cache miss");
    }

    private CacheCall Cache(int skipMs) => new(multiplexer, Microsoft.Extensions.Options.Options.Create(Options(skipMs)), logger);

    private RedisOptions Options(int skipMs) => new() { Connection = redis.ConnectionString, TimeoutMs = 500, ConnectTimeoutMs = 500, SkipAfterFailureMs = skipMs };

    private sealed class RecordingLogger : ILogger<CacheCall>
    {
        private readonly List<string> lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (lines)
                {
                    return [.. lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (lines)
            {
                lines.Add($"{logLevel} {formatter(state, exception)} {exception}");
            }
        }
    }
}
