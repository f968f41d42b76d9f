using StackExchange.Redis;
using TemporalBridge.Redis;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Channels;

/// <summary>Where a provider account's messages go in vcita: its business and VCS channel.</summary>
public sealed record ChannelRoute(string BusinessUid, string ChannelUid);

/// <summary>
/// Thrown when a provider account's channel is still being created at vcita (it has no uid yet, or vcita has not
/// confirmed it active: vcita takes sessions and messages only on an active channel, communication.json
/// paths./sessions.post.description): the webhook cannot be handed over yet, and is answered 503 so the provider
/// sends it again in a moment.
/// </summary>
public sealed class ChannelNotReadyException(string provider, string accountId)
    : Exception($"The {provider} channel of account {accountId} is still being created at vcita.");

/// <summary>
/// Finds the channel of a provider account, for the provider's webhooks. The channel workflow's id is built
/// from the account, so one describe call answers (strongly consistent, and not a billed action); Redis keeps
/// the answer for a few minutes so a busy number does not ask Temporal per webhook.
/// </summary>
public sealed class ChannelRoutes(CacheCall cache, ITemporalClient temporal)
{
    /// <summary>Short: a disconnected channel stops receiving within this time.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The account's live channel, or null when no channel of this bridge owns it.</summary>
    /// <exception cref="ChannelNotReadyException">The channel exists but vcita has not given it a uid yet.</exception>
    public async Task<ChannelRoute?> FindAsync(string provider, string accountId, CancellationToken cancellationToken)
    {
        var key = $"tb:channel-route:{provider}:{accountId}";
        if (await ReadAsync(key) is { } cached)
        {
            return cached;
        }

        WorkflowExecutionDescription description;
        try
        {
            description = await temporal.GetWorkflowHandle<ChannelWorkflow>(WorkflowIds.Channel(provider, accountId))
                .DescribeAsync(new WorkflowDescribeOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
        var attributes = description.TypedSearchAttributes;
        if (description.Status != Temporalio.Api.Enums.V1.WorkflowExecutionStatus.Running
            || (attributes.TryGetValue(BridgeSearchAttributes.ChannelStatus, out var status) && status == ChannelStatus.Deleted))
        {
            return null;
        }
        if (!attributes.TryGetValue(BridgeSearchAttributes.ChannelUid, out var channelUid)
            || !attributes.TryGetValue(BridgeSearchAttributes.BusinessUid, out var businessUid)
            || status is ChannelStatus.Pending or ChannelStatus.Creating)
        {
            throw new ChannelNotReadyException(provider, accountId);
        }
        var route = new ChannelRoute(businessUid, channelUid);
        await WriteAsync(key, route);
        return route;
    }

    private async Task<ChannelRoute?> ReadAsync(string key) =>
        await cache.ReadAsync(Use, db => db.HashGetAsync(key, [Business, Channel]), []) is [{ HasValue: true } business, { HasValue: true } channel]
            ? new ChannelRoute(business!, channel!)
            : null;

    private Task WriteAsync(string key, ChannelRoute route) =>
        cache.WriteAsync(Use, async db =>
        {
            await db.HashSetAsync(key, [new HashEntry(Business, route.BusinessUid), new HashEntry(Channel, route.ChannelUid)]);
            await db.KeyExpireAsync(key, Lifetime);
        });

    /// <summary>For the log when Redis fails; Temporal is then asked per webhook.</summary>
    private const string Use = "channel routes";

    private static readonly RedisValue Business = "business";
    private static readonly RedisValue Channel = "channel";
}
