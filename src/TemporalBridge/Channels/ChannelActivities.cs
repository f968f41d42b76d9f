using TemporalBridge.Temporal;
using TemporalBridge.Vcita;
using Temporalio.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Channels;

/// <summary>The channel workflow's calls to vcita, with the app token of the channel's provider.</summary>
public sealed class ChannelActivities(IVcsApi vcs, IVcitaAppTokens appTokens, UidOwners owners, ChannelCreations creations)
{
    /// <summary>Which workflow owns a VCS channel uid: where vcita's channel-status calls go.</summary>
    public static readonly UidKind ChannelUids = new("channel", nameof(ChannelWorkflow), BridgeSearchAttributes.ChannelUid);

    /// <summary>See <see cref="VcitaActivityOptions.RetriedUntilAnswered"/>.</summary>
    public static readonly ActivityOptions Options = VcitaActivityOptions.RetriedUntilAnswered(startToClose: TimeSpan.FromMinutes(1));

    /// <summary>A renaming is a hint to staff: tried for an hour, then given up.</summary>
    public static readonly ActivityOptions RenameOptions =
        VcitaActivityOptions.RetriedUntilAnswered(startToClose: TimeSpan.FromMinutes(1), giveUpAfter: TimeSpan.FromHours(1));

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
