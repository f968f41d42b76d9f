using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TemporalBridge.Redis;

/// <summary>
/// Every use of Redis as a cache goes through here. Redis only holds what Temporal (or vcita) can answer again, so a
/// call Redis cannot serve — down, refusing connections, hanging, or the multiplexer already disposed at shutdown —
/// becomes a miss or a skipped write, and the caller asks the durable source. Nothing a webhook is answered on
/// depends on Redis having worked.
/// </summary>
/// <remarks>
/// After a failure Redis is left alone for <see cref="RedisOptions.SkipAfterFailureMs"/>: a Redis that hangs would
/// otherwise cost each lookup a full timeout, several per webhook. The log says when the cache goes away and when it
/// is back, not once per call (hundreds a second under load). It names the use and the kind of failure only: the
/// client's exception messages quote commands and keys, and some keys hold provider account ids.
/// </remarks>
public sealed partial class CacheCall(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<CacheCall> logger)
{
    private readonly long skipMs = options.Value.SkipAfterFailureMs;

    /// <summary><see cref="Environment.TickCount64"/> before which Redis is not asked.</summary>
    private long skipUntil;

    /// <summary>1 while Redis is failing (between the warning and the "back" line).</summary>
    private int failing;

    /// <summary>Whether <paramref name="exception"/> means Redis could not serve the call, rather than a bug.</summary>
    /// <remarks><see cref="RedisTimeoutException"/> derives from <see cref="TimeoutException"/>, not from
    /// <see cref="RedisException"/>; <see cref="RedisConnectionException"/> and server errors do.</remarks>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisException or RedisTimeoutException or ObjectDisposedException;

    /// <summary>What <paramref name="call"/> read, or <paramref name="unavailable"/> when Redis cannot answer.</summary>
    /// <param name="use">What the cache is for, in words for the log, e.g. "channel routes"; never a key.</param>
    public async Task<T> ReadAsync<T>(string use, Func<IDatabase, Task<T>> call, T unavailable)
    {
        if (Skipping())
        {
            return unavailable;
        }

        try
        {
            var value = await call(redis.GetDatabase());
            Answered();
            return value;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            Failed(use, e);
            return unavailable;
        }
    }

    /// <summary>A string (or nothing) from Redis; <see cref="RedisValue.Null"/>, a miss, when Redis cannot answer.</summary>
    public Task<RedisValue> ReadAsync(string use, Func<IDatabase, Task<RedisValue>> call) => ReadAsync(use, call, RedisValue.Null);

    /// <summary>Runs <paramref name="call"/>, or skips it when Redis cannot take it: the cache then stays as it was
    /// (a skipped delete leaves an entry to expire by its TTL, which every key has for this reason).</summary>
    public async Task WriteAsync(string use, Func<IDatabase, Task> call)
    {
        if (Skipping())
        {
            return;
        }

        try
        {
            await call(redis.GetDatabase());
            Answered();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            Failed(use, e);
        }
    }

    /// <summary>What went wrong, without the exception's message (it can quote a command's key).</summary>
    internal static string Describe(Exception exception) => exception switch
    {
        RedisConnectionException connection => $"no connection ({connection.FailureType})",
        RedisTimeoutException => "no answer in time",
        RedisServerException => "the server refused the command",
        ObjectDisposedException => "the connection is closed",
        _ => exception.GetType().Name,
    };

    private bool Skipping() => Environment.TickCount64 < Volatile.Read(ref skipUntil);

    private void Failed(string use, Exception exception)
    {
        Volatile.Write(ref skipUntil, Environment.TickCount64 + skipMs);
        if (Interlocked.Exchange(ref failing, 1) == 0)
        {
            LogUnavailable(use, Describe(exception), skipMs);
        }
        else
        {
            LogStillUnavailable(use, Describe(exception));
        }
    }

    private void Answered()
    {
        if (Volatile.Read(ref failing) == 1 && Interlocked.Exchange(ref failing, 0) == 1)
        {
            LogBack();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis is unavailable ({Failure}) for {Use}: the bridge goes on without its cache, asking Temporal or vcita instead, and tries Redis again after {SkipMs} ms")]
    private partial void LogUnavailable(string use, string failure, long skipMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis is still unavailable ({Failure}) for {Use}")]
    private partial void LogStillUnavailable(string use, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: the cache is used again")]
    private partial void LogBack();
}
