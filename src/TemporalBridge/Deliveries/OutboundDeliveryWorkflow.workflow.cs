using TemporalBridge.Providers;
using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Deliveries;

/// <summary>
/// One staff message on its way to the client, found in the Temporal UI by vcita's <c>message_uid</c>
/// (<see cref="WorkflowIds.OutboundDelivery"/>): the mirror of <see cref="InboundDeliveryWorkflow"/>. Sends it
/// through the provider, retrying what can succeed later (the pair rate limit with its own slower backoff; a
/// rejected access token puts its channel in need of reconnection and waits, up to a week, until the account is
/// connected again); outside the customer-service window sends the channel's template where the provider has them.
/// The send itself tells vcita <c>sent</c> once the provider has accepted the message, so the provider's own
/// <c>sent</c> changes nothing and costs nothing. Tells its session when the send is done (or given up), so the
/// conversation's next staff message may go; then follows the provider's later statuses of the message
/// forward-only, reports each to vcita, and keeps what the provider says the message costs. A failed delivery waits
/// a week for an operator's retry (<see cref="RetryAsync"/>), which sends it again for real.
/// </summary>
[Workflow]
public sealed class OutboundDeliveryWorkflow
{
    /// <summary>How long a send that keeps failing for now is retried: the conversation's later staff messages wait
    /// meanwhile, and after a day a reply has lost its moment (and the client's window has closed anyway).</summary>
    internal static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);

    /// <summary>How long the provider's statuses are followed.</summary>
    internal static readonly TimeSpan StatusWait = TimeSpan.FromDays(7);

    /// <summary>How long a failed delivery stays open for an operator's retry before it ends as failed.</summary>
    internal static readonly TimeSpan OperatorRetryWait = TimeSpan.FromDays(7);

    /// <summary>The pair rate limit (one message to one client about every 6 s) is retried after 4ⁿ seconds.</summary>
    private static readonly TimeSpan PairLimitFirstPause = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan PairLimitLongestPause = TimeSpan.FromMinutes(15);

    /// <summary>A restricted account needs a person: try again every half hour until then (or at once when asked).</summary>
    private static readonly TimeSpan OperatorPause = TimeSpan.FromMinutes(30);

    /// <summary>A rejected token waits for the account to be connected again, which wakes the delivery at once; the
    /// re-checks meanwhile (1 min, doubling up to 6 h) only bound how long a lost wake-up, or a token a worker still
    /// had cached as the account was connected again, could hold it.</summary>
    private static readonly TimeSpan ReconnectionFirstPause = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ReconnectionPause = TimeSpan.FromHours(6);

    /// <summary>What the provider declined for now it asks not to be sent again within a day.</summary>
    private static readonly TimeSpan DeferredPause = TimeSpan.FromDays(1);

    private readonly Queue<ProviderStatusReport> reports = new();
    private bool retryRequested;

    /// <summary>The text's next part to send (see <see cref="SendRemainingPartsAsync"/>).</summary>
    private int nextPart;

    /// <summary>Whether a part's send told vcita <c>sent</c>.</summary>
    private bool vcitaToldSent;


    private OutboundDeliveryView view = new(DeliveryStates.Delivering, ProviderMessageId: null, VcitaMessageStatus.Pending, Attempts: 0, Reason: null);

    /// <summary>Where the delivery is, and why when it is stuck: what the admin API lists.</summary>
    [WorkflowQuery]
    public OutboundDeliveryView State => view;

    /// <summary>The provider's statuses of the message, as its webhooks reported them.</summary>
    [WorkflowSignal]
    public async Task ReportProviderStatusAsync(IReadOnlyList<ProviderStatusReport> batch)
    {
        foreach (var report in batch)
        {
            reports.Enqueue(report);
        }
    }

    /// <summary>An operator asks to send a failed (or waiting) message again now.</summary>
    [WorkflowSignal]
    public async Task RetryAsync() => retryRequested = true;

    /// <summary>How a session starts it: see <see cref="DeliveryChildOptions"/>.</summary>
    public static ChildWorkflowOptions ChildOptions(string id, OutboundDeliveryInput delivery) =>
        DeliveryChildOptions.For(id, delivery.BusinessUid, delivery.Message.ChannelUid, delivery.Provider);

    [WorkflowRun]
    public async Task<OutboundDeliveryResult> RunAsync(OutboundDeliveryInput input)
    {
        // Deliveries started before channels could need reconnection keep the rules their histories were made with.
        var plan = input.WaitsForReconnection
            ? new RetryPlan(GiveUpAfter)
            {
                PauseAfter = round => IsTokenRejected(round.Failure.ErrorType) ? DeliveryRetries.Growing(round.Round, ReconnectionFirstPause, ReconnectionPause) : PauseAfter(round),
                LongerFor = failure => IsTokenRejected(failure.ErrorType) ? OperatorRetryWait : null,
                WakeUp = () => retryRequested,
                Woken = () => retryRequested = false,
            }
            : new RetryPlan(GiveUpAfter) { PauseAfter = PauseAfter, WakeUp = () => retryRequested };
        for (var operatorRetries = 0; ; operatorRetries++)
        {
            retryRequested = false;
            var sent = await SendRemainingPartsAsync(input, plan);
            view = view with { Attempts = view.Attempts + sent.Attempts };
            await TellSessionAsync(sent.Result);

            string errorType;
            if (sent.Result is { } accepted)
            {
                if (input.WaitsForReconnection)
                {
                    // A wake-up that came with the send (the channel reconnected as an operator retried) is spent.
                    retryRequested = false;
                }
                if (operatorRetries > 0)
                {
                    Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.DeliveryState.ValueSet(DeliveryStates.Delivered));
                }
                view = view with { State = DeliveryStates.Delivered, ProviderMessageId = accepted.ProviderMessageId, Reason = null };
                ProviderDeliveryStatus? told = null;
                if (vcitaToldSent)
                {
                    told = ProviderDeliveryStatus.Sent;
                    view = view with { VcitaStatus = VcitaMessageStatus.Sent };
                }
                var (status, error) = await FollowProviderStatusAsync(input, accepted.ProviderMessageId, told);
                if (status != ProviderDeliveryStatus.Failed)
                {
                    return new OutboundDeliveryResult(
                        DeliveryStates.Delivered, input.Message.MessageUid, accepted.ProviderMessageId, view.VcitaStatus, view.Attempts)
                    {
                        Pricing = view.Pricing,
                    };
                }
                errorType = ReportedErrorCode(input.Provider, error);
                // The provider took the message and then lost it: an operator's retry sends all of it again.
                nextPart = 0;
            }
            else
            {
                errorType = sent.Failure!.ErrorType;
                var reason = FailureReasons.ForSendFailure(input.Provider, errorType);
                view = view with { Reason = reason };
                await ReportToVcitaAsync(input, VcitaMessageStatus.Error);
            }

            view = view with { State = DeliveryStates.Failed };
            if (!await Workflow.WaitConditionAsync(() => retryRequested, OperatorRetryWait))
            {
                throw new ApplicationFailureException(view.Reason ?? errorType, errorType, nonRetryable: true);
            }
            view = view with { State = DeliveryStates.Delivering, VcitaStatus = VcitaMessageStatus.Pending, ProviderMessageId = null };
            vcitaToldSent = false;
            Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.DeliveryState.ValueSet(DeliveryStates.Delivering));
        }
    }

    /// <summary>
    /// Sends the text's parts from <see cref="nextPart"/> on, one activity each (one for a text the provider takes
    /// whole), each with its own <see cref="DeliveryRetries"/>: answers the last part's outcome, or the first failed
    /// one's, with the attempts of all. A failed part stays next, so an operator's retry goes on from it.
    /// vcita is told <c>sent</c> by the first part's send (or, when vcita was away then, by the next one's).
    /// </summary>
    private async Task<CallOutcome<SentToClient>> SendRemainingPartsAsync(OutboundDeliveryInput input, RetryPlan plan)
    {
        var attempts = 0;
        while (true)
        {
            var sentToVcita = vcitaToldSent
                ? null
                : new VcitaStatusUpdate(input.BusinessUid, input.Message.ChannelUid, input.Message.MessageUid, VcitaMessageStatus.Sent);
            var send = new SendToClient(input.Provider, input.AccountId, input.Client, input.Message.Text, sentToVcita) { Part = nextPart };
            var outcome = await DeliveryRetries.RunAsync(
                () => Workflow.ExecuteActivityAsync((OutboundDeliveryActivities a) => a.SendAsync(send), OutboundDeliveryActivities.SendOptions),
                s => s.Attempt,
                plan);
            attempts += outcome.Attempts;
            if (outcome.Result is not { } sent)
            {
                return outcome with { Attempts = attempts };
            }
            vcitaToldSent |= sent.VcitaToldSent;
            if (++nextPart >= sent.Parts)
            {
                return outcome with { Attempts = attempts };
            }
        }
    }

    /// <summary>
    /// Follows the provider's statuses of <paramref name="providerMessageId"/> (those of an earlier send, before an
    /// operator's retry, change nothing) until read, failed, or a week has passed, with one timer. Each status that
    /// moves the message forward from <paramref name="told"/> (what vcita knows already) goes to vcita, in order; one
    /// that would move it back is dropped. The first price the provider names is kept.
    /// </summary>
    private async Task<(ProviderDeliveryStatus? Status, ProviderError? Error)> FollowProviderStatusAsync(
        OutboundDeliveryInput input, string providerMessageId, ProviderDeliveryStatus? told)
    {
        var status = told;
        ProviderError? error = null;
        using var deadline = WaitDeadline.Start(StatusWait);
        while (status is null || !ProviderDeliveryStatuses.IsFinal(status.Value))
        {
            await Workflow.WaitConditionAsync(() => reports.Count > 0 || deadline.Passed);
            if (reports.Count == 0)
            {
                return (status, error);
            }
            // Statuses reported together are taken in the provider's time order (then in the forward order).
            var arrived = reports.Where(r => r.ProviderMessageId == providerMessageId).OrderBy(r => r.At).ThenBy(r => r.Status).ToList();
            reports.Clear();
            foreach (var report in arrived)
            {
                if (view.Pricing is null && report.Pricing is { } pricing)
                {
                    view = view with { Pricing = pricing };
                }

                var next = ProviderDeliveryStatuses.Next(status, report.Status);
                if (next == status)
                {
                    continue;
                }
                status = next;
                if (next == ProviderDeliveryStatus.Failed)
                {
                    error = report.Error;
                    view = view with { Reason = FailureReasons.ForReportedFailure(input.Provider, error) };
                    Workflow.UpsertTypedSearchAttributes(
                        BridgeSearchAttributes.DeliveryState.ValueSet(DeliveryStates.Failed),
                        BridgeSearchAttributes.LastErrorCode.ValueSet(ReportedErrorCode(input.Provider, error)));
                }
                await ReportToVcitaAsync(input, ProviderDeliveryStatuses.ToVcita(next));
            }
        }
        await deadline.StopAsync();
        return (status, error);
    }

    /// <summary>Best effort past a day of trying: a status vcita refuses for good (the message deleted there) is dropped.</summary>
    private async Task ReportToVcitaAsync(OutboundDeliveryInput input, string status)
    {
        var update = new VcitaStatusUpdate(input.BusinessUid, input.Message.ChannelUid, input.Message.MessageUid, status);
        try
        {
            await Workflow.ExecuteActivityAsync((OutboundDeliveryActivities a) => a.ReportToVcitaAsync(update), OutboundDeliveryActivities.StatusOptions);
        }
        catch (ActivityFailureException e)
        {
            Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.LastErrorCode.ValueSet(
                (e.InnerException as ApplicationFailureException)?.ErrorType ?? "status_sync_failed"));
        }
        view = view with { VcitaStatus = status };
    }

    /// <summary>The error table's pauses: the pair rate limit 4, 16, 64 … s; a rejected token or a restricted account
    /// half an hour (an operator has to act; a delivery that <see cref="OutboundDeliveryInput.WaitsForReconnection"/>
    /// waits for its channel instead); a deferral a day (once: the delivery gives up after a day); what can never
    /// succeed, none; the rest 1 → 30 min.</summary>
    private static TimeSpan? PauseAfter(FailedRound round) => round.Failure.ErrorType switch
    {
        var t when t == ProviderApiException.ToErrorType(ProviderFailure.PairRateLimited) =>
            TimeSpan.FromTicks(Math.Min(PairLimitLongestPause.Ticks, PairLimitFirstPause.Ticks * (long)Math.Pow(4, Math.Min(round.Round, 6)))),
        var t when IsTokenRejected(t) || t == ProviderApiException.ToErrorType(ProviderFailure.AccountRestricted) => OperatorPause,
        var t when t == ProviderApiException.ToErrorType(ProviderFailure.Deferred) => DeferredPause,
        _ => DeliveryRetries.GrowingPause(round),
    };

    private static bool IsTokenRejected(string errorType) => errorType == ProviderApiException.ToErrorType(ProviderFailure.TokenRejected);

    /// <summary>The provider's name and its own error code (e.g. <c>{provider}.131026</c>): what operators search for.</summary>
    private static string ReportedErrorCode(string provider, ProviderError? error) => $"{provider}.{error?.Code ?? "failed"}";

    /// <summary>The session waits for this before the conversation's next staff message, and learns which provider
    /// message this delivery sent, and when (for watermark receipts). A delivery started by hand has no session.</summary>
    private static async Task TellSessionAsync(SentToClient? sent)
    {
        if (Workflow.Info.Parent is { } parent)
        {
            var note = new DeliverySettled(Workflow.Info.WorkflowId, sent?.ProviderMessageId) { SentAt = sent?.SentAt };
            await Workflow.GetExternalWorkflowHandle<SessionWorkflow>(parent.WorkflowId).SignalAsync(wf => wf.DeliverySettledAsync(note));
        }
    }
}
