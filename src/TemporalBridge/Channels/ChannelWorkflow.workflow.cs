using TemporalBridge.Deliveries;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Channels;

/// <summary>
/// One vcita channel for one provider account, for as long as the connection lives: creates the VCS channel,
/// waits for vcita to confirm it (<c>active</c>), follows every status vcita reports, and deletes the channel on
/// disconnect. Statuses are signals, so one that arrives while the create call is still out is kept, not lost.
/// Holds the account's credentials; when a delivery finds them rejected, the channel needs reconnection: operators
/// find it by <c>BridgeLastErrorCode = 'needs_reconnection'</c> and in the admin API, staff by the channel's name in
/// vcita, and the deliveries wait until the account is connected again, which sends them on.
/// </summary>
[Workflow]
public sealed class ChannelWorkflow
{
    /// <summary>How long vcita may take to confirm a new channel before operators are told (it keeps waiting).</summary>
    internal static readonly TimeSpan ActivationWait = TimeSpan.FromMinutes(10);

    /// <summary>What <see cref="BridgeSearchAttributes.LastErrorCode"/> says while the channel needs reconnection.</summary>
    public const string NeedsReconnectionCode = "needs_reconnection";

    /// <summary>Added to the channel's name in vcita meanwhile: the reason staff see.</summary>
    internal const string NeedsReconnectionSuffix = " (needs reconnection)";

    private readonly Queue<ChannelStatusReport> reports = new();
    private readonly Queue<string> rejectedBy = new();
    private bool disconnectRequested;
    private bool reconnected;
    private bool revoked;

    [WorkflowQuery]
    public ChannelState State { get; private set; } = null!;

    [WorkflowSignal]
    public async Task ReportStatusAsync(ChannelStatusReport report) => reports.Enqueue(report);

    [WorkflowSignal]
    public async Task DisconnectAsync() => disconnectRequested = true;

    /// <summary>The operator connected the account again with another window template (or none).</summary>
    [WorkflowSignal]
    public async Task SetWindowTemplateAsync(WindowTemplateSetting setting) => State = State with { WindowTemplate = setting.Template };

    /// <summary>The account's own credentials, for the provider's client (<see cref="ChannelCredentials"/>); not part
    /// of <see cref="State"/>, which the admin API shows.</summary>
    [WorkflowQuery]
    public ProviderCredentials? Credentials { get; private set; }

    /// <summary>The account was connected again with a new token: it replaces the old one from now on, and what
    /// waited for it goes on.</summary>
    [WorkflowSignal]
    public async Task ReplaceCredentialsAsync(ProviderCredentials credentials)
    {
        if (credentials.ConnectedBy is { } connectedBy && connectedBy != Credentials?.ConnectedBy)
        {
            // Another person connected it again: theirs is now the grant their removal of the app would end.
            Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.ConnectedBy.ValueSet(connectedBy));
        }
        Credentials = credentials;
        reconnected = true;
    }

    /// <summary>The account was connected again without a token of its own (its provider's default token was renewed
    /// in the settings): what waited goes on.</summary>
    [WorkflowSignal]
    public async Task ConnectedAgainAsync() => reconnected = true;

    /// <summary>The provider rejected the account's token, or what it may do, on a send of delivery
    /// <paramref name="deliveryId"/>, which now waits for the account to be connected again.</summary>
    [WorkflowSignal]
    public async Task TokenRejectedAsync(string deliveryId) => rejectedBy.Enqueue(deliveryId);

    /// <summary>The provider took the account's access away outside of any send (the business removed the app, the
    /// person who connected it did, the account was banned or deleted): the channel needs reconnection, or ends.</summary>
    [WorkflowSignal]
    public async Task AccessRevokedAsync(AccessRevoked revocation)
    {
        if (revocation.Disconnect)
        {
            disconnectRequested = true;
        }
        else
        {
            revoked = true;
        }
    }

    [WorkflowRun]
    public async Task<ChannelState> RunAsync(ChannelInput input)
    {
        Credentials ??= input.Credentials;
        State = input.Carried ?? new ChannelState(
            input.BusinessUid, input.Provider, input.AccountId, DisplayName(input), ChannelStatus.Creating, ChannelUid: null,
            WindowTemplate: input.WindowTemplate);
        // One upsert whatever it holds: the accounts the connect page connects add two attributes, not a command.
        List<SearchAttributeUpdate> attributes =
        [
            BridgeSearchAttributes.BusinessUid.ValueSet(State.BusinessUid),
            BridgeSearchAttributes.Provider.ValueSet(State.Provider),
            BridgeSearchAttributes.ChannelStatus.ValueSet(State.Status),
        ];
        if (input.AccountGroupId is { } group)
        {
            attributes.Add(BridgeSearchAttributes.AccountGroupId.ValueSet(group));
        }
        if (Credentials?.ConnectedBy is { } connectedBy)
        {
            attributes.Add(BridgeSearchAttributes.ConnectedBy.ValueSet(connectedBy));
        }
        Workflow.UpsertTypedSearchAttributes([.. attributes]);

        if (State.ChannelUid == null)
        {
            var created = await Workflow.ExecuteActivityAsync(
                (ChannelActivities a) => a.CreateChannelAsync(new CreateChannelRequest(State.BusinessUid, State.Provider, State.DisplayName)),
                ChannelActivities.Options);
            // A status vcita sent while the call was out is already queued: it is applied after this one.
            State = State with { ChannelUid = created.ChannelUid, Status = ChannelStatus.Next(State.Status, created.Status) };
            Workflow.UpsertTypedSearchAttributes(
                BridgeSearchAttributes.ChannelUid.ValueSet(created.ChannelUid),
                BridgeSearchAttributes.ChannelStatus.ValueSet(State.Status));
        }

        while (true)
        {
            var confirmed = await Workflow.WaitConditionAsync(
                // A reconnection wakes only a channel that needs one: a channel's histories from before it could need one
                // (a token replaced while it waited for vcita's confirmation) replay as they ran.
                () => reports.Count > 0 || disconnectRequested || rejectedBy.Count > 0 || revoked || (reconnected && State.NeedsReconnection),
                State.Status == ChannelStatus.Pending ? ActivationWait : Timeout.InfiniteTimeSpan);
            if (!confirmed)
            {
                // No confirmation yet: say so where operators look, and keep waiting for it.
                State = State with { ActivationOverdue = true };
                Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.LastErrorCode.ValueSet("activation_overdue"));
                continue;
            }
            if (disconnectRequested)
            {
                return await DisconnectChannelAsync(input);
            }
            ApplyReports();
            await FollowConnectionAsync(input);
            if (State.Status == ChannelStatus.Deleted)
            {
                // vcita deleted the channel: the connection is over
                await ForgetAccountAsync(input);
                return State;
            }
            // Only with nothing pending: signals that came while a rename or a wake-up was under way are handled first.
            if (Workflow.ContinueAsNewSuggested && reports.Count == 0 && rejectedBy.Count == 0 && !revoked && !disconnectRequested && !(reconnected && State.NeedsReconnection))
            {
                // Every status report and upsert lengthens the history; a new run starts short, with what this one knew.
                var next = input with { Carried = State, Credentials = Credentials };
                throw Workflow.CreateContinueAsNewException((ChannelWorkflow wf) => wf.RunAsync(next));
            }
        }
    }

    private void ApplyReports()
    {
        var before = State;
        while (reports.TryDequeue(out var report))
        {
            State = State with { Status = ChannelStatus.Next(State.Status, report.Status) };
        }
        if (State.Status != before.Status)
        {
            var updates = new List<SearchAttributeUpdate> { BridgeSearchAttributes.ChannelStatus.ValueSet(State.Status) };
            if (before.ActivationOverdue && State.Status != ChannelStatus.Pending)
            {
                State = State with { ActivationOverdue = false };
                if (!State.NeedsReconnection)
                {
                    updates.Add(BridgeSearchAttributes.LastErrorCode.ValueUnset());
                }
            }
            Workflow.UpsertTypedSearchAttributes([.. updates]);
        }
    }

    /// <summary>
    /// A rejected token puts the channel in need of reconnection (once: the search attribute and vcita's channel name
    /// say so) and notes the delivery waiting; connecting again takes the channel out of it, gives the name back, and
    /// wakes every delivery that waited. A delivery that has ended meanwhile is not woken.
    /// </summary>
    private async Task FollowConnectionAsync(ChannelInput input)
    {
        if (reconnected)
        {
            reconnected = false;
            if (State.NeedsReconnection)
            {
                var waiting = State.WaitingDeliveries;
                State = State with { NeedsReconnection = false, WaitingDeliveries = [] };
                Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.LastErrorCode.ValueUnset());
                // The deliveries first: a vcita that is slow to rename the channel must not hold them up.
                foreach (var deliveryId in waiting)
                {
                    try
                    {
                        await Workflow.GetExternalWorkflowHandle<OutboundDeliveryWorkflow>(deliveryId).SignalAsync(wf => wf.RetryAsync());
                    }
                    catch (FailureException)
                    {
                        // Ended meanwhile (an operator gave up on it, or its week passed).
                    }
                }
                await RenameAsync(DisplayName(input));
            }
        }
        if (rejectedBy.Count > 0 || revoked)
        {
            revoked = false;
            var newly = !State.NeedsReconnection;
            State = State with { NeedsReconnection = true, WaitingDeliveries = [.. State.WaitingDeliveries.Union(rejectedBy, StringComparer.Ordinal)] };
            rejectedBy.Clear();
            if (newly)
            {
                Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.LastErrorCode.ValueSet(NeedsReconnectionCode));
                await RenameAsync(DisplayName(input) + NeedsReconnectionSuffix);
            }
        }
    }

    /// <summary>Best effort past vcita's answer: a name that could not change is only a hint lost.</summary>
    private async Task RenameAsync(string displayName)
    {
        if (State.ChannelUid == null || State.Status == ChannelStatus.Deleted)
        {
            return;
        }
        try
        {
            await Workflow.ExecuteActivityAsync(
                (ChannelActivities a) => a.RenameChannelAsync(new RenameChannelRequest(State.Provider, State.ChannelUid, displayName)),
                ChannelActivities.RenameOptions);
        }
        catch (ActivityFailureException)
        {
            // The channel's state, the search attribute and the admin API still say it.
        }
    }

    private async Task<ChannelState> DisconnectChannelAsync(ChannelInput input)
    {
        await ForgetAccountAsync(input);
        if (State.ChannelUid != null && State.Status != ChannelStatus.Deleted)
        {
            await Workflow.ExecuteActivityAsync(
                (ChannelActivities a) => a.DeleteChannelAsync(new DeleteChannelRequest(State.Provider, State.ChannelUid)),
                ChannelActivities.Options);
        }
        State = State with { Status = ChannelStatus.Deleted };
        Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.ChannelStatus.ValueSet(State.Status));
        return State;
    }

    /// <summary>
    /// The connection is over: an account the bridge subscribed is unsubscribed (best effort: a token the provider
    /// already revoked has lost the subscription with it), and the credentials are forgotten, so no query or later
    /// history holds them. Accounts connected by hand, and every channel of before, keep their histories' commands.
    /// </summary>
    private async Task ForgetAccountAsync(ChannelInput input)
    {
        if (Credentials is { Subscribed: true })
        {
            try
            {
                await Workflow.ExecuteActivityAsync(
                    (ChannelActivities a) => a.UnsubscribeAccountAsync(new UnsubscribeAccountRequest(State.Provider, State.AccountId, input.AccountGroupId)),
                    ChannelActivities.UnsubscribeOptions);
            }
            catch (ActivityFailureException)
            {
                // The provider keeps sending the account's webhooks; with no channel, the bridge answers and drops them.
            }
        }
        Credentials = null;
    }

    /// <summary>What staff see in vcita's channel picker, the provider's title and the account's display name.</summary>
    private static string DisplayName(ChannelInput input) => $"{ProviderNames.Title(input.Provider)} {input.DisplayNumber}";
}
