using TemporalBridge.Redis;
using TemporalBridge.Temporal;
using Temporalio.Client;

namespace TemporalBridge.Channels;

/// <summary>
/// Which channel workflow owns a vcita channel uid. Redis answers fast; Temporal's visibility (the workflow's
/// BridgeChannelUid search attribute) is the durable truth behind it, so a Redis flush only costs a slower lookup.
/// </summary>
public sealed class ChannelDirectory(CacheCall cache, ITemporalClient temporal)
{
    /// <summary>Long enough to outlive any pause; the mapping is rebuilt from Temporal on a miss anyway.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>Only retries of one create call need it: they give up long before.</summary>
    private static readonly TimeSpan CreatedByLifetime = TimeSpan.FromDays(7);

    /// <summary>Records who owns <paramref name="channelUid"/>; with <paramref name="createdByRun"/>, also which
    /// channel that workflow run created, so a retry of its create call finds it.</summary>
    public Task RecordAsync(string channelUid, string workflowId, string? createdByRun = null) =>
        cache.WriteAsync(Use, async db =>
        {
            await db.StringSetAsync(OwnerKey(channelUid), workflowId, Lifetime);
            if (createdByRun != null)
            {
                await db.StringSetAsync(CreatedByKey(createdByRun), channelUid, CreatedByLifetime);
            }
        });

    /// <summary>The channel uid an earlier attempt of <paramref name="run"/> created, if Redis still has it.</summary>
    public async Task<string?> FindChannelCreatedByAsync(string run) =>
        await cache.ReadAsync(Use, db => db.StringGetAsync(CreatedByKey(run)));

    /// <summary>The id of the running channel workflow that owns <paramref name="channelUid"/>, or null.</summary>
    public async Task<string?> FindOwnerAsync(string channelUid)
    {
        if (await cache.ReadAsync(Use, db => db.StringGetAsync(OwnerKey(channelUid))) is { HasValue: true } cached)
        {
            return cached;
        }
        var owner = await FirstRunningAsync($"{BridgeSearchAttributes.ChannelUid.Name} = '{Quote(channelUid)}'");
        if (owner != null)
        {
            await RecordAsync(channelUid, owner);
        }
        return owner;
    }

    /// <summary>Whether some channel workflow is creating its VCS channel right now (its uid is not known yet).</summary>
    public async Task<bool> AnyCreationInFlightAsync() =>
        await FirstRunningAsync($"{BridgeSearchAttributes.ChannelStatus.Name} = '{ChannelStatus.Creating}'") != null;

    public Task ForgetAsync(string channelUid) => cache.WriteAsync(Use, db => db.KeyDeleteAsync(OwnerKey(channelUid)));

    private async Task<string?> FirstRunningAsync(string condition)
    {
        var query = $"WorkflowType = '{nameof(ChannelWorkflow)}' AND ExecutionStatus = 'Running' AND {condition}";
        await foreach (var execution in temporal.ListWorkflowsAsync(query, new WorkflowListOptions { Limit = 1 }))
        {
            return execution.Id;
        }
        return null;
    }

    /// <summary>Uids come from vcita's URLs: a quote must not end the visibility query's string literal.</summary>
    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    /// <summary>For the log when Redis fails; the owner is then found through the search attribute.</summary>
    private const string Use = "channel lookups";

    private static string OwnerKey(string channelUid) => $"tb:vcita:channel:{channelUid}:owner";

    private static string CreatedByKey(string run) => $"tb:vcita:channel-created-by:{run}";
}
