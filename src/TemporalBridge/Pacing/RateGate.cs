using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;
using TemporalBridge.Redis;

namespace TemporalBridge.Pacing;

/// <summary>One rate: <paramref name="Interval"/> between calls once <paramref name="Burst"/> calls have gone at once.</summary>
public sealed record Rate(TimeSpan Interval, int Burst)
{
    public static Rate PerSecond(int calls) => new(TimeSpan.FromSeconds(1.0 / calls), calls);
}

/// <summary>What a caller got from <see cref="RateGate.ReserveAsync"/>: a turn after <see cref="Wait"/>, or none
/// because the wait would have been longer than allowed (<see cref="Wait"/> is then how long it would have been).</summary>
public readonly record struct Turn(bool Granted, TimeSpan Wait);

/// <summary>
/// A rate limit shared by every replica, kept in Redis with the generic cell rate algorithm: one key per limited
/// thing holds the time its next call is due, and one script call reserves a turn, so a reservation is atomic and
/// costs one round trip. A caller past the burst is told how long to wait rather than refused, so calls are spread
/// out instead of retried in a herd. Keys are hashes: the things limited are phone numbers and tokens.
/// Redis is a cache here too: when it is unreachable the gate opens (<see cref="CacheCall"/> logs it), and the
/// providers' own limits, which the retries already handle, are the backstop.
/// </summary>
public sealed class RateGate(CacheCall cache, TimeProvider clock)
{
    internal const string KeyPrefix = "tb:pace:";

    // ARGV: now, interval, burst, longest wait (milliseconds). Returns {granted, wait}. A turn not granted is not
    // reserved, so a caller that gives up leaves nothing behind. The key expires once its due time has passed.
    private static readonly LuaScript Reserve = LuaScript.Prepare("""
        local now = tonumber(@now)
        local interval = tonumber(@interval)
        local due = tonumber(redis.call('GET', @key) or now)
        if due < now then due = now end
        local wait = due - now - (tonumber(@burst) - 1) * interval
        if wait < 0 then wait = 0 end
        if wait > tonumber(@maxWait) then return {0, wait} end
        redis.call('SET', @key, due + interval, 'PX', math.ceil(due + interval - now) + 1000)
        return {1, wait}
        """);

    /// <summary>Reserves the next turn of <paramref name="scope"/>:<paramref name="subject"/> at <paramref name="rate"/>.</summary>
    public async Task<Turn> ReserveAsync(string scope, string subject, Rate rate, TimeSpan maxWait)
    {
        var turn = await cache.ReadAsync<Turn?>("provider pacing", async redis =>
        {
            var result = (RedisResult[])(await redis.ScriptEvaluateAsync(Reserve, new
            {
                key = (RedisKey)Key(scope, subject),
                now = clock.GetUtcNow().ToUnixTimeMilliseconds(),
                interval = rate.Interval.TotalMilliseconds,
                burst = rate.Burst,
                maxWait = maxWait.TotalMilliseconds,
            }))!;
            return new Turn((int)result[0] == 1, TimeSpan.FromMilliseconds((double)result[1]));
        }, unavailable: null);
        return turn ?? new Turn(true, TimeSpan.Zero);
    }

    /// <summary>Waits for the next turn; false when it is further away than <paramref name="maxWait"/>.</summary>
    public async Task<Turn> WaitForTurnAsync(string scope, string subject, Rate rate, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var turn = await ReserveAsync(scope, subject, rate, maxWait);
        if (turn is { Granted: true, Wait.Ticks: > 0 })
        {
            await Task.Delay(turn.Wait, clock, cancellationToken);
        }

        return turn;
    }

    internal static string Key(string scope, string subject) =>
        KeyPrefix + scope + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));
}
