using TemporalBridge.Redis;
using Temporalio.Client;
using Temporalio.Common;

namespace TemporalBridge.Temporal;

/// <summary>A kind of vcita uid that one workflow owns, and how Temporal finds the owner without Redis.</summary>
/// <param name="Name">Used in Redis keys, e.g. "session".</param>
/// <param name="WorkflowType">The owning workflow's type.</param>
/// <param name="Attribute">The search attribute the owner sets to the uid.</param>
public sealed record UidKind(string Name, string WorkflowType, SearchAttributeKey<string> Attribute);

/// <summary>
/// Which workflow owns a vcita uid. Redis answers fast; the owner's search attribute is the durable truth behind
/// it, so a Redis flush only costs a slower lookup. vcita may report on a uid before the call that created it has
/// returned to the bridge: while a creation of that kind is under way, an unknown uid is looked up again for a short
/// while (its owner is recorded the moment vcita answers), so the report is delivered, not lost.
/// </summary>
public sealed class UidOwners(CacheCall cache, ITemporalClient temporal)
{
    internal static readonly TimeSpan CreationRaceWait = TimeSpan.FromSeconds(10);

    /// <summary>Long enough to outlive any pause; the mapping is rebuilt from Temporal on a miss anyway.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>How long a creation counts as under way: a create call gives up long before.</summary>
    private static readonly TimeSpan CreationMarkLifetime = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan LookAgainEvery = TimeSpan.FromMilliseconds(100);

    public Task RecordAsync(UidKind kind, string uid, string workflowId) =>
        cache.WriteAsync(Use, db => db.StringSetAsync(OwnerKey(kind, uid), workflowId, Lifetime));

    /// <summary>The uid's owner has ended (the channel was deleted): its lookups answer nothing from now on.</summary>
    public Task ForgetAsync(UidKind kind, string uid) => cache.WriteAsync(Use, db => db.KeyDeleteAsync(OwnerKey(kind, uid)));

    /// <summary>Says a workflow is about to create a uid of this kind: see <see cref="FindAsync"/>.</summary>
    public Task MarkCreationAsync(UidKind kind) =>
        cache.WriteAsync(Use, db => db.StringSetAsync(CreationKey(kind), "1", CreationMarkLifetime));

    /// <summary>The id of the running workflow that owns <paramref name="uid"/>, or null; waits out the creation race.</summary>
    public async Task<string?> FindAsync(UidKind kind, string uid, CancellationToken cancellationToken)
    {
        var owner = await FindNowAsync(kind, uid);
        if (owner == null && await cache.ReadAsync(Use, db => db.KeyExistsAsync(CreationKey(kind)), unavailable: false))
        {
            var deadline = DateTime.UtcNow + CreationRaceWait;
            while (owner == null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(LookAgainEvery, cancellationToken);
                owner = await FindNowAsync(kind, uid);
            }
        }
        return owner;
    }

    private async Task<string?> FindNowAsync(UidKind kind, string uid)
    {
        var cached = await cache.ReadAsync(Use, db => db.StringGetAsync(OwnerKey(kind, uid)));
        if (cached.HasValue)
        {
            return cached;
        }
        var query = $"WorkflowType = '{kind.WorkflowType}' AND ExecutionStatus = 'Running' AND {kind.Attribute.Name} = '{Quote(uid)}'";
        await foreach (var execution in temporal.ListWorkflowsAsync(query, new WorkflowListOptions { Limit = 1 }))
        {
            await RecordAsync(kind, uid, execution.Id);
            return execution.Id;
        }
        return null;
    }

    /// <summary>For the log when Redis fails; the owner is then found through its search attribute.</summary>
    private const string Use = "uid lookups";

    /// <summary>Uids come from vcita's URLs: a quote must not end the visibility query's string literal.</summary>
    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static string OwnerKey(UidKind kind, string uid) => $"tb:vcita:{kind.Name}:{uid}:owner";

    private static string CreationKey(UidKind kind) => $"tb:vcita:{kind.Name}:creating";
}
