using StackExchange.Redis;
using Temporalio.Client;
using TemporalBridge.Temporal;

namespace TemporalBridge.Channels;

/// <summary>
/// Which channel workflow owns a vcita channel uid. Redis answers fast; Temporal's visibility (the workflow's
/// BridgeChannelUid search attribute) is the durable truth behind it, so a Redis flush only costs a slower lookup.
/// </summary>
public sealed partial class ChannelDirectory(IConnectionMultiplexer redis, ITemporalClient temporal, ILogger<ChannelDirectory> logger)
{
    /// <summary>Long enough to outlive any pause; the mapping is rebuilt from Temporal on a miss anyway.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public async Task RecordAsync(string channelUid, string workflowId)
    {
        try
        {
            var db = redis.GetDatabase();
            await Task.WhenAll(
                db.StringSetAsync(OwnerKey(channelUid), workflowId, Lifetime),
                db.StringSetAsync(ChannelOfKey(workflowId), channelUid, Lifetime));
        }
        catch (RedisException e)
        {
            LogCacheUnavailable(e); // a cache: Temporal still knows through the search attribute
        }
    }

    /// <summary>The channel uid an earlier attempt created for <paramref name="workflowId"/>, if Redis still has it.</summary>
    public async Task<string?> FindChannelOfAsync(string workflowId)
    {
        try
        {
            return await redis.GetDatabase().StringGetAsync(ChannelOfKey(workflowId));
        }
        catch (RedisException e)
        {
            LogCacheUnavailable(e);
            return null;
        }
    }

    /// <summary>The id of the running channel workflow that owns <paramref name="channelUid"/>, or null.</summary>
    public async Task<string?> FindOwnerAsync(string channelUid)
    {
        try
        {
            if (await redis.GetDatabase().StringGetAsync(OwnerKey(channelUid)) is { HasValue: true } cached)
            {
                return cached;
            }
        }
        catch (RedisException e)
        {
            LogCacheUnavailable(e);
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

    public async Task ForgetAsync(string channelUid, string workflowId)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync([OwnerKey(channelUid), ChannelOfKey(workflowId)]);
        }
        catch (RedisException e)
        {
            LogCacheUnavailable(e);
        }
    }

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

    private static string OwnerKey(string channelUid) => $"tb:vcita:channel:{channelUid}:owner";

    private static string ChannelOfKey(string workflowId) => $"tb:vcita:channel-of:{workflowId}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable for channel lookups; falling back to Temporal")]
    private partial void LogCacheUnavailable(Exception exception);
}
