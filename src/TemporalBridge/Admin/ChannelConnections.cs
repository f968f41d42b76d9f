using Microsoft.Extensions.Options;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;

namespace TemporalBridge.Admin;

/// <summary>
/// The admin API's side of the channel workflows: connect (start), list (visibility + each one's <c>State</c>
/// query) and disconnect (signal). Temporal is the only record of which channels exist; nothing is kept here.
/// </summary>
public sealed class ChannelConnections(ITemporalClient temporal, IAccountCredentials channelCredentials, IOptions<TemporalOptions> options)
{
    /// <summary>How many <c>State</c> queries a listing runs at once.</summary>
    private const int ListQueryParallelism = 8;

    /// <summary>The channel is connected (newly, or already for this business), or the number belongs to another business.</summary>
    public sealed record ConnectResult(ChannelConnection? Connection, string? OtherBusinessUid);

    /// <summary>
    /// Starts the channel workflow of <paramref name="input"/>'s account. Its id is built from the account alone, so
    /// connecting twice is one connection (id conflict policy UseExisting), and an account already connected to
    /// another business is refused instead of silently kept by the other one.
    /// </summary>
    public async Task<ConnectResult> ConnectAsync(ChannelInput input, CancellationToken cancellationToken)
    {
        var id = WorkflowIds.Channel(input.Provider, input.AccountId);
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        var running = temporal.GetWorkflowHandle<ChannelWorkflow>(id);
        if (await RunningStateAsync(running, rpc) is { } existing)
        {
            if (existing.BusinessUid != input.BusinessUid)
            {
                return new(null, existing.BusinessUid);
            }
            if (input.Credentials is { } credentials)
            {
                // Connecting again with a token is how a new one replaces the old (a rotated or re-issued token).
                await running.SignalAsync(wf => wf.ReplaceCredentialsAsync(credentials), new WorkflowSignalOptions { Rpc = rpc });
                channelCredentials.Forget(input.Provider, input.AccountId);
            }
            else if (existing.NeedsReconnection)
            {
                // Without a token of its own: the provider's default was renewed, and what waited may go on.
                await running.SignalAsync(wf => wf.ConnectedAgainAsync(), new WorkflowSignalOptions { Rpc = rpc });
            }
            if (existing.WindowTemplate != input.WindowTemplate)
            {
                // Connecting again is how an operator changes the channel's settings.
                await running.SignalAsync(wf => wf.SetWindowTemplateAsync(new WindowTemplateSetting(input.WindowTemplate)), new WorkflowSignalOptions { Rpc = rpc });
            }
            return new(new ChannelConnection(id, existing.Status), null);
        }

        var handle = await temporal.StartWorkflowAsync(
            (ChannelWorkflow wf) => wf.RunAsync(input),
            new WorkflowOptions(id, options.Value.TaskQueue)
            {
                IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
                // The workflow sets these itself on its first task; setting them at the start as well makes the
                // owner visible at once: to the check below, and to a listing filtered by business.
                TypedSearchAttributes = new SearchAttributeCollection.Builder()
                    .Set(BridgeSearchAttributes.BusinessUid, input.BusinessUid)
                    .Set(BridgeSearchAttributes.Provider, input.Provider)
                    .ToSearchAttributeCollection(),
                Rpc = rpc,
            });

        // Another connect may have started this id between the check and the start; UseExisting then answered with
        // its run. The owner recorded at its start says whether that was for this business.
        var description = await handle.DescribeAsync(new WorkflowDescribeOptions { Rpc = rpc });
        if (description.TypedSearchAttributes.TryGetValue(BridgeSearchAttributes.BusinessUid, out var owner) && owner != input.BusinessUid)
        {
            return new(null, owner);
        }

        var status = description.TypedSearchAttributes.TryGetValue(BridgeSearchAttributes.ChannelStatus, out var known) ? known : ChannelStatus.Creating;
        return new(new ChannelConnection(id, status), null);
    }

    /// <summary>The business whose running channel holds the account, or null when none does.</summary>
    public async Task<string?> OwnerAsync(string provider, string accountId, CancellationToken cancellationToken) =>
        (await RunningStateAsync(
            temporal.GetWorkflowHandle<ChannelWorkflow>(WorkflowIds.Channel(provider, accountId)),
            new RpcOptions { CancellationToken = cancellationToken }))?.BusinessUid;

    /// <summary>Whether a channel of the account group runs (its subscription at the provider serves them all).</summary>
    public async Task<bool> GroupRunsAsync(string provider, string accountGroupId, CancellationToken cancellationToken)
    {
        var query = ChannelQueries.Running(new ChannelSearch([provider], ConnectedBy: null, accountGroupId));
        await foreach (var _ in temporal.ListWorkflowsAsync(query, new WorkflowListOptions { Limit = 1, Rpc = new RpcOptions { CancellationToken = cancellationToken } }))
        {
            return true;
        }
        return false;
    }

    /// <summary>
    /// The running channels (of one business, if given), each with its live state from the workflow: visibility
    /// only finds them; its copy of the status may lag, the query's does not. Ordered by channel id.
    /// </summary>
    public async Task<IReadOnlyList<ChannelView>> ListAsync(string? businessUid, CancellationToken cancellationToken)
    {
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        var query = $"WorkflowType = '{nameof(ChannelWorkflow)}' AND ExecutionStatus = 'Running'";
        if (businessUid is not null)
        {
            // Validated by the endpoint to the uid alphabet: nothing in it can end the string literal.
            query += $" AND {BridgeSearchAttributes.BusinessUid.Name} = '{businessUid}'";
        }

        var ids = new List<string>();
        // Limit: the SDK reads 0 (the default) as "no limit"; int.MaxValue says the same to every implementation
        // of the client, the offline test kit included (it takes 0 literally).
        await foreach (var execution in temporal.ListWorkflowsAsync(query, new WorkflowListOptions { Limit = int.MaxValue, Rpc = rpc }))
        {
            ids.Add(execution.Id);
        }

        var views = new ChannelView?[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ListQueryParallelism, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var handle = temporal.GetWorkflowHandle<ChannelWorkflow>(ids[i]);
                try
                {
                    var state = await handle.QueryAsync(wf => wf.State, new WorkflowQueryOptions { Rpc = rpc });
                    views[i] = ChannelView.From(ids[i], state);
                }
                catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
                {
                    // Ended between the listing and the query: no longer a channel.
                }
            });
        return [.. views.OfType<ChannelView>().OrderBy(v => v.ChannelId, StringComparer.Ordinal)];
    }

    /// <summary>Asks the channel's workflow to end the connection (it deletes the VCS channel); false when none runs.</summary>
    public async Task<bool> DisconnectAsync(string provider, string accountId, CancellationToken cancellationToken)
    {
        var handle = temporal.GetWorkflowHandle<ChannelWorkflow>(WorkflowIds.Channel(provider, accountId));
        try
        {
            await handle.SignalAsync(wf => wf.DisconnectAsync(), new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            return true;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// The state of the account's running workflow, or null when none runs. A deleted channel counts as none: a
    /// server answers queries of a workflow that has just closed, and its final state is <c>deleted</c>.
    /// </summary>
    private static async Task<ChannelState?> RunningStateAsync(WorkflowHandle<ChannelWorkflow> handle, RpcOptions rpc)
    {
        try
        {
            var description = await handle.DescribeAsync(new WorkflowDescribeOptions { Rpc = rpc });
            if (description.Status != WorkflowExecutionStatus.Running)
            {
                return null;
            }

            var state = await handle.QueryAsync(wf => wf.State, new WorkflowQueryOptions { Rpc = rpc });
            return state.Status == ChannelStatus.Deleted ? null : state;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }
}
