using TemporalBridge.Privacy;
using TemporalBridge.Redis;

namespace TemporalBridge.Sessions;

/// <summary>
/// Which vcita contact a messaging user maps to, per business: spares vcita a client search per new session. Only
/// a cache (the session workflow keeps its contact durably); keys hold the user's pseudonym, not their number or id.
/// </summary>
public sealed class ContactCache(CacheCall cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public async Task<string?> FindAsync(string businessUid, string provider, string clientId) =>
        await cache.ReadAsync(Use, db => db.StringGetAsync(Key(businessUid, provider, clientId)));

    public Task RecordAsync(string businessUid, string provider, string clientId, string contactUid) =>
        cache.WriteAsync(Use, db => db.StringSetAsync(Key(businessUid, provider, clientId), contactUid, Lifetime));

    /// <summary>For the log when Redis fails; vcita is then searched for the contact.</summary>
    private const string Use = "contact lookups";

    private static string Key(string businessUid, string provider, string clientId) =>
        $"tb:contact:{businessUid}:{provider}:{ClientPseudonyms.Of(clientId)}";
}
