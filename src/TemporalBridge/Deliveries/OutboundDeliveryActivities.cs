using TemporalBridge.Businesses;
using TemporalBridge.Channels;
using TemporalBridge.Pacing;
using TemporalBridge.Providers;
using TemporalBridge.Telemetry;
using TemporalBridge.Temporal;
using TemporalBridge.Typing;
using TemporalBridge.Vcita;
using Temporalio.Activities;
using Temporalio.Common;
using Temporalio.Workflows;

namespace TemporalBridge.Deliveries;

/// <summary>An outbound delivery's calls: the message to the provider, its statuses into VCS. The mirror of
/// <see cref="InboundDeliveryActivities"/>.</summary>
public sealed partial class OutboundDeliveryActivities(
    MessagingProviders providers,
    ChannelTemplates templates,
    OutboundMessageIds sentIds,
    TypingState typing,
    IVcsApi vcs,
    BusinessVcitaCalls businessCalls,
    DeliveryAttempts attempts,
    ChannelReconnections reconnections,
    TimeProvider clock,
    ILogger<OutboundDeliveryActivities> logger,
    ProviderPacing? pacing = null)
{
    /// <summary>How long the send waits to tell vcita <c>sent</c>: a vcita slower than that hears of the message from
    /// the provider's next status instead.</summary>
    private static readonly TimeSpan TellSentWithin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// One round of <see cref="DeliveryRetries"/>: quick retries of throttling and transient failures. The rest is
    /// the workflow's to decide: what can never succeed fails the delivery, and the pair rate limit and a rejected
    /// token wait far longer than a quick retry.
    /// </summary>
    public static readonly ActivityOptions SendOptions = new()
    {
        // The Graph call's own timeout (30 s by default), the longest waits for the client's and the number's turns
        // (Pacing:MaxWaitSeconds, 10 s each by default), and telling vcita "sent" (TellSentWithin).
        StartToCloseTimeout = TimeSpan.FromSeconds(75),
        RetryPolicy = new RetryPolicy
        {
            InitialInterval = TimeSpan.FromSeconds(2),
            BackoffCoefficient = 2,
            MaximumAttempts = DeliveryRetries.AttemptsPerRound,
            NonRetryableErrorTypes =
            [
                .. ProviderCalls.NeverRetried,
                ProviderApiException.ToErrorType(ProviderFailure.PairRateLimited),
                ProviderApiException.ToErrorType(ProviderFailure.TokenRejected),
                ProviderApiException.ToErrorType(ProviderFailure.AccountRestricted),
                ProviderApiException.ToErrorType(ProviderFailure.Deferred),
            ],
        },
    };

    /// <summary>A status must reach vcita, however long vcita is away (up to a day); one it refuses for good is
    /// dropped by the workflow.</summary>
    public static readonly ActivityOptions StatusOptions =
        VcitaActivityOptions.RetriedUntilAnswered(startToClose: TimeSpan.FromSeconds(30), giveUpAfter: TimeSpan.FromDays(1));

    /// <summary>
    /// Sends one part of the text (<see cref="SendToClient.Part"/>: a text longer than the provider allows goes as
    /// <see cref="TextParts"/>, each part by its own activity so a retry never sends an earlier part again), naming this
    /// delivery to the provider so its statuses and echoes come back addressed to it; when the provider's window is
    /// closed and it takes templates, sends the channel's template instead (the text itself cannot go). Then tells
    /// vcita <c>sent</c>, best effort (see <see cref="SentToClient.VcitaToldSent"/>). For statuses that come without
    /// the delivery's id, remembers which delivery sent the new message id before answering, and says a send is under
    /// way meanwhile, so such a status racing the answer still finds its delivery. The business replied, so the
    /// provider has hidden its typing indicator: the next staff "typing" shows it again.
    /// </summary>
    [Activity]
    public Task<SentToClient> SendAsync(SendToClient request) =>
        attempts.HandOverAsync(
            DeliveryDirections.Outbound, WorkflowIds.MessageUidOfOutboundDelivery(ActivityExecutionContext.Current.Info.WorkflowId ?? "") ?? "",
            () => SendOnceAsync(request));

    private async Task<SentToClient> SendOnceAsync(SendToClient request)
    {
        var provider = providers.Get(request.Provider);
        if (pacing is not null && provider.Capabilities.Pace.PerClient is { } perClient)
        {
            // Before the "sending" mark: a message still waiting for its turn is not under way. A turn too far off
            // fails the attempt as the pair rate limit, and the workflow's backoff for that limit brings it back.
            await ProviderCalls.RunAsync(cancel => pacing.WaitForClientAsync(request.Provider, request.AccountId, request.Client.Id, perClient, cancel));
        }

        var parts = TextParts.Split(request.Text, provider.Capabilities.MaxTextLength);
        var info = ActivityExecutionContext.Current.Info;
        await sentIds.MarkSendingAsync(request.Provider, request.AccountId, request.Client.Id, sending: true);
        var sentAt = clock.GetUtcNow();
        var (id, asTemplate) = await ProviderCalls.RunAsync(async cancel =>
        {
            try
            {
                return (await provider.SendTextAsync(request.AccountId, request.Client, parts[request.Part], replyTo: null, info.WorkflowId, cancel), false);
            }
            catch (ProviderApiException e) when (e.Kind == ProviderFailure.OutsideWindow && provider.Capabilities.AfterWindow == AfterWindow.Template)
            {
                var template = await templates.FindWindowTemplateAsync(request.Provider, request.AccountId, cancel)
                    ?? throw new ProviderApiException(e.Provider, e.Kind, e.Code, "outside the customer-service window, and the channel has no template", e);
                return (await provider.SendTemplateAsync(request.AccountId, request.Client, template, info.WorkflowId, cancel), true);
            }
            catch (ProviderApiException e) when (e.Kind == ProviderFailure.TokenRejected)
            {
                // The channel needs reconnection, and wakes this delivery when it comes (see ChannelWorkflow).
                await reconnections.TokenRejectedAsync(request.Provider, request.AccountId, info.WorkflowId!, cancel);
                throw;
            }
        });
        // Nothing after the send may fail this attempt: a retry would send the message to the client again.
        await sentIds.RecordAsync(request.Provider, id, info.WorkflowId!);
        await sentIds.MarkSendingAsync(request.Provider, request.AccountId, request.Client.Id, sending: false);
        await typing.ForgetAsync(WorkflowIds.Session(request.Provider, request.AccountId, request.Client.Id));
        var told = request.Sent is { } sent && await TryTellVcitaAsync(sent);
        // The template stands for the whole message: its other parts cannot go either.
        return new SentToClient(id, asTemplate, info.Attempt, told) { Parts = asTemplate ? 1 : parts.Count, SentAt = sentAt };
    }

    /// <summary>vcita hears <c>sent</c> with the send, when it answers within <see cref="TellSentWithin"/>; any failure
    /// is only logged, since the message has gone and this attempt must not fail.</summary>
    private async Task<bool> TryTellVcitaAsync(VcitaStatusUpdate update)
    {
        using var within = CancellationTokenSource.CreateLinkedTokenSource(ActivityExecutionContext.Current.CancellationToken);
        within.CancelAfter(TellSentWithin);
        try
        {
            await businessCalls.WithTokenAsync(update.BusinessUid, async (token, cancel) =>
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancel, within.Token);
                await vcs.UpdateMessageAsync(token, update.MessageUid, new VcsUpdateMessageRequest(update.Status, update.ChannelUid), bounded.Token);
            }).WaitAsync(within.Token);
            return true;
        }
        catch (Exception e)
        {
            LogNotToldWithTheSend(update.Status, DeliveryAttempts.ErrorTypeOf(e));
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "vcita was not told '{Status}' with the send ({ErrorType}): it hears of the message from the provider's next status")]
    private partial void LogNotToldWithTheSend(string status, string errorType);

    /// <summary>Tells vcita the message's status. vcita takes no reason with it: why a message failed stays in the
    /// delivery (its state, search attributes and the admin API).</summary>
    [Activity]
    public Task ReportToVcitaAsync(VcitaStatusUpdate update) =>
        attempts.RunAsync(update.MessageUid, () => businessCalls.WithTokenAsync(update.BusinessUid, (token, cancel) => vcs.UpdateMessageAsync(
            token, update.MessageUid, new VcsUpdateMessageRequest(update.Status, update.ChannelUid), cancel)));
}
