using TemporalBridge.Redis;
using TemporalBridge.Temporal;
using TemporalBridge.Typing;

namespace TemporalBridge.Deliveries;

/// <summary>
/// Which delivery sent a provider message, so the provider's statuses of it (which name only its id) reach that
/// delivery. A cache: when Redis has forgotten, the conversation's session workflow still knows its recent ones.
/// Also whether a send to a client is under way: its id is not known until the provider answers, and the provider
/// may report a status before that answer is back.
/// </summary>
public sealed class OutboundMessageIds(CacheCall cache)
{
    /// <summary>Providers report a message's read long after it was sent; a week more than the delivery waits for it.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>Longer than any send call, short enough that a crashed one is soon forgotten.</summary>
    private static readonly TimeSpan SendingLifetime = TimeSpan.FromMinutes(1);

    public Task RecordAsync(string provider, string providerMessageId, string deliveryId) =>
        cache.WriteAsync(Use, db => db.StringSetAsync(Key(provider, providerMessageId), deliveryId, Lifetime));

    /// <summary>A send to this client starts (<paramref name="sending"/>) or has its answer.</summary>
    public Task MarkSendingAsync(string provider, string accountId, string clientId, bool sending) =>
        cache.WriteAsync(Use, db => sending
            ? db.StringSetAsync(SendingKey(provider, accountId, clientId), "1", SendingLifetime)
            : db.KeyDeleteAsync(SendingKey(provider, accountId, clientId)));

    /// <summary>False when Redis cannot tell: the conversation, asked as well, still knows.</summary>
    public Task<bool> IsSendingAsync(string provider, string accountId, string clientId) =>
        cache.ReadAsync(Use, db => db.KeyExistsAsync(SendingKey(provider, accountId, clientId)), unavailable: false);

    /// <summary>The delivery's workflow id, or null when not cached (or Redis is down).</summary>
    public async Task<string?> FindAsync(string provider, string providerMessageId) =>
        await cache.ReadAsync(Use, db => db.StringGetAsync(Key(provider, providerMessageId)));

    /// <summary>For the log when Redis fails; the conversation is then asked which delivery sent a message.</summary>
    private const string Use = "sent-message lookups";

    private static string Key(string provider, string providerMessageId) => $"tb:{provider}:sent:{providerMessageId}:delivery";

    /// <summary>Keyed by a hash of the conversation: no phone number in keys.</summary>
    private static string SendingKey(string provider, string accountId, string clientId) =>
        $"tb:{provider}:sending:{SessionIdHash.Of(WorkflowIds.Session(provider, accountId, clientId))}";
}
