using TemporalBridge.Businesses;
using TemporalBridge.Providers;
using TemporalBridge.Telemetry;
using TemporalBridge.Vcita;
using Temporalio.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Deliveries;

/// <summary>An inbound delivery's calls: the message into VCS, the read receipt back to the provider.</summary>
public sealed class InboundDeliveryActivities(
    IVcsApi vcs, BusinessVcitaCalls businessCalls, MessagingProviders providers, DeliveryAttempts attempts)
{
    /// <summary>One round of <see cref="DeliveryRetries"/>: quick retries of what may pass; vcita rejecting the
    /// message for what it is ends the delivery at once.</summary>
    public static readonly ActivityOptions PostOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(30),
        RetryPolicy = new RetryPolicy
        {
            InitialInterval = TimeSpan.FromSeconds(1),
            BackoffCoefficient = 2,
            MaximumAttempts = DeliveryRetries.AttemptsPerRound,
            NonRetryableErrorTypes = [VcitaApiException.ToErrorType(VcitaFailure.Permanent)],
        },
    };

    /// <summary>A read receipt is worth a few tries, not days: a later one means nothing to the client.</summary>
    public static readonly ActivityOptions MarkReadOptions = new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(30),
        RetryPolicy = new RetryPolicy
        {
            InitialInterval = TimeSpan.FromSeconds(2),
            BackoffCoefficient = 2,
            MaximumAttempts = 5,
            NonRetryableErrorTypes = ProviderCalls.NeverRetried,
        },
    };

    /// <summary>
    /// Posts the client's message as <c>client_to_business</c> (or, sent by the business from outside the bridge, as
    /// <c>business_to_client</c>), dated by the provider. vcita answering that the message_uid already exists means an
    /// earlier attempt (or a duplicate webhook) got it there: done. Answers the attempt number, for the delivery's count.
    /// </summary>
    [Activity]
    public Task<int> PostToVcitaAsync(PostInboundMessage request) =>
        attempts.HandOverAsync(DeliveryDirections.Inbound, request.MessageUid, async () =>
        {
            var message = new VcsCreateMessageRequest(request.ChannelUid, request.ExternalUid, request.Message.Text, request.MessageUid)
            {
                ContactUid = request.ContactUid,
                Direction = request.Message.FromBusiness ? VcsMessageDirections.BusinessToClient : VcsMessageDirections.ClientToBusiness,
                CreatedAt = VcsCreateMessageRequest.FormatCreatedAt(request.Message.SentAt),
            };
            try
            {
                await businessCalls.WithTokenAsync(request.BusinessUid, (token, cancel) => vcs.CreateMessageAsync(token, message, cancel));
            }
            catch (VcitaApiException e) when (e.Kind == VcitaFailure.AlreadyExists)
            {
                // Already in vcita under this message_uid.
            }
            return ActivityExecutionContext.Current.Info.Attempt;
        });

    [Activity]
    public Task MarkReadAsync(MarkReadRequest request) =>
        attempts.RunAsync(
            InboundMessageUid.For(request.Provider, request.Read.ProviderMessageId!),
            () => ProviderCalls.RunAsync(cancel => providers.Get(request.Provider).MarkReadAsync(request.AccountId, request.Read, cancel)));
}
