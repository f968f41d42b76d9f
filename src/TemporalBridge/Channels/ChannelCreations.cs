using TemporalBridge.Redis;

namespace TemporalBridge.Channels;

/// <summary>
/// Which VCS channel a channel workflow run created, so a retry of its create call finds it instead of creating a
/// second one (vcita offers no idempotency key). Who owns a channel uid is <see cref="Temporal.UidOwners"/>' to answer.
/// </summary>
public sealed class ChannelCreations(CacheCall cache)
{
    /// <summary>Only retries of one create call need it: they give up long before.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Task RecordAsync(string run, string channelUid) =>
        cache.WriteAsync(Use, db => db.StringSetAsync(Key(run), channelUid, Lifetime));

    /// <summary>The channel uid an earlier attempt of <paramref name="run"/> created, if Redis still has it.</summary>
    public async Task<string?> FindCreatedByAsync(string run) =>
        await cache.ReadAsync(Use, db => db.StringGetAsync(Key(run)));

    /// <summary>For the log when Redis fails; a retried create then makes another channel, which vcita shows twice.</summary>
    private const string Use = "channel creations";

    private static string Key(string run) => $"tb:vcita:channel-created-by:{run}";
}
