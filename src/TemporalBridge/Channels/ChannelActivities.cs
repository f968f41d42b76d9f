using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Vcita;
using Temporalio.Activities;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Channels;

/// <summary>The channel workflow's calls to vcita, with the app token of the channel's provider.</summary>
public sealed class ChannelActivities(
    IVcsApi vcs, IVcitaAppTokens appTokens, UidOwners owners, ChannelCreations creations, AccountConnectors connectors, IAccountCredentials credentials, ITemporalClient temporal)
{
    /// <summary>Which workflow owns a VCS channel uid: where vcita's channel-status calls go.</summary>
    public static readonly UidKind ChannelUids = new("channel", nameof(ChannelWorkflow), BridgeSearchAttributes.ChannelUid);

    /// <summary>See <see cref="VcitaActivityOptions.RetriedUntilAnswered"/>.</summary>
    public static readonly ActivityOptions Options = VcitaActivityOptions.RetriedUntilAnswered(startToClose: TimeSpan.FromMinutes(1));

    /// <summary>A renaming is a hint to staff: tried for an hour, then given up.</summary>
    public static readonly ActivityOptions RenameOptions =
        VcitaActivityOptions.RetriedUntilAnswered(startToClose: TimeSpan.FromMinutes(1), giveUpAfter: TimeSpan.FromHours(1));

    /// <summary>Unsubscribing is tidiness at the provider: tried for an hour, then given up.</summary>
    public static readonly ActivityOptions UnsubscribeOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(1),
        ScheduleToCloseTimeout = TimeSpan.FromHours(1),
        RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromSeconds(5), BackoffCoefficient = 2, MaximumInterval = TimeSpan.FromMinutes(10) },
    };

    /// <summary>
    /// Creates the VCS channel. vcita offers no idempotency key, so a retry first looks for the channel an earlier
    /// attempt of this same run created (recorded the moment vcita answered) before creating another. Its owner is
    /// recorded before answering, and a creation is said to be under way before the call, since vcita's confirmation
    /// may arrive before the answer does.
    /// </summary>
    [Activity]
    public async Task<CreatedChannel> CreateChannelAsync(CreateChannelRequest request)
    {
        var info = ActivityExecutionContext.Current.Info;
        var run = info.WorkflowRunId ?? throw new InvalidOperationException("Channel activities run for a channel workflow only.");
        if (info.Attempt > 1 && await creations.FindCreatedByAsync(run) is { } earlier)
        {
            return new CreatedChannel(earlier, ChannelStatus.Pending);
        }
        await owners.MarkCreationAsync(ChannelUids);
        var created = await WithAppTokenAsync(request.Provider, (token, cancel) => vcs.CreateChannelAsync(
            token, new VcsCreateChannelRequest(request.BusinessUid, VcsChannelTypes.Transactional, request.DisplayName), cancel));
        await creations.RecordAsync(run, created.Channel.Uid);
        await owners.RecordAsync(ChannelUids, created.Channel.Uid, OwnWorkflowId());
        return new CreatedChannel(created.Channel.Uid, created.Channel.Status);
    }

    /// <summary>Renames the VCS channel: what staff read in vcita's channel picker.</summary>
    [Activity]
    public Task RenameChannelAsync(RenameChannelRequest request) =>
        WithAppTokenAsync(request.Provider, async (token, cancel) =>
        {
            await vcs.RenameChannelAsync(token, request.ChannelUid, new VcsRenameChannelRequest(request.DisplayName), cancel);
            return true;
        });

    /// <summary>Deletes the VCS channel; one vcita no longer knows is already gone.</summary>
    [Activity]
    public async Task DeleteChannelAsync(DeleteChannelRequest request)
    {
        try
        {
            await WithAppTokenAsync(request.Provider, async (token, cancel) =>
            {
                await vcs.DeleteChannelAsync(token, request.ChannelUid, cancel);
                return true;
            });
        }
        catch (ApplicationFailureException e) when (e.InnerException is VcitaApiException { Status: 404 })
        {
            // Already deleted on vcita's side.
        }
        await owners.ForgetAsync(ChannelUids, request.ChannelUid);
    }

    /// <summary>
    /// Stops the provider's webhooks for the account, with the token its channel still holds. A group's subscription
    /// (a WhatsApp Business Account's) serves every number of it: it stays while another channel of the group runs. A
    /// token the provider rejects has lost the subscription with it: nothing is left to do.
    /// </summary>
    [Activity]
    public async Task UnsubscribeAccountAsync(UnsubscribeAccountRequest request)
    {
        var cancel = ActivityExecutionContext.Current.CancellationToken;
        if (connectors.Find(request.Provider) is not { } connector
            || await credentials.FindAsync(request.Provider, request.AccountId, cancel) is not { } own)
        {
            return;
        }
        if (request.AccountGroupId is { } group && await OtherChannelOfGroupRunsAsync(request.Provider, group, cancel))
        {
            return;
        }
        // This process keeps no copy of them past the connection.
        credentials.Forget(request.Provider, request.AccountId);
        try
        {
            await connector.UnsubscribeAsync(request.AccountId, request.AccountGroupId, own.AccessToken, cancel);
        }
        catch (ProviderApiException e) when (e.Kind == ProviderFailure.TokenRejected)
        {
            // Revoked: the provider dropped the app's subscription with it.
        }
        catch (ProviderApiException e)
        {
            throw new ApplicationFailureException(e.Message, e, e.ErrorType, nonRetryable: e.Kind == ProviderFailure.BadRequest);
        }
    }

    /// <summary>The running channels of the providers that the person connected, or of the group: their workflow ids.</summary>
    [Activity]
    public async Task<IReadOnlyList<string>> FindChannelsAsync(ChannelSearch search)
    {
        var query = ChannelQueries.Running(search);
        var ids = new List<string>();
        await foreach (var execution in temporal.ListWorkflowsAsync(query, new WorkflowListOptions
        {
            Limit = int.MaxValue,
            Rpc = new RpcOptions { CancellationToken = ActivityExecutionContext.Current.CancellationToken },
        }))
        {
            ids.Add(execution.Id);
        }
        return ids;
    }

    private async Task<bool> OtherChannelOfGroupRunsAsync(string provider, string group, CancellationToken cancellationToken)
    {
        var query = ChannelQueries.Running(new ChannelSearch([provider], ConnectedBy: null, group), except: OwnWorkflowId());
        await foreach (var _ in temporal.ListWorkflowsAsync(query, new WorkflowListOptions { Limit = 1, Rpc = new RpcOptions { CancellationToken = cancellationToken } }))
        {
            return true;
        }
        return false;
    }

    private static string OwnWorkflowId() =>
        ActivityExecutionContext.Current.Info.WorkflowId ?? throw new InvalidOperationException("Channel activities run for a channel workflow only.");

    private async Task<T> WithAppTokenAsync<T>(string provider, Func<string, CancellationToken, Task<T>> call)
    {
        var cancel = ActivityExecutionContext.Current.CancellationToken;
        var token = await appTokens.GetAsync(provider, cancel);
        try
        {
            return await call(token, cancel);
        }
        catch (VcitaApiException e)
        {
            if (e.Kind == VcitaFailure.TokenRejected)
            {
                appTokens.Invalidate(provider, token);
            }
            throw new ApplicationFailureException(e.Message, e, e.ErrorType, nonRetryable: e.Kind == VcitaFailure.Permanent);
        }
    }
}
