using TemporalBridge.Providers;
using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using TemporalBridge.Vcita;
using Temporalio.Api.Enums.V1;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace TemporalBridge.Deliveries;

/// <summary>
/// One client message on its way to vcita, found in the Temporal UI by the provider's message id
/// (<see cref="WorkflowIds.InboundDelivery"/>). Posts it to VCS under a <c>message_uid</c> derived from that id (so
/// no retry or duplicate can create it twice), retrying what can succeed later; tells its session when vcita has
/// it (or when it gave up), so the conversation's next message can go; then follows vcita's statuses of the
/// message, and when staff read it, sends the client a read receipt. A message the business itself sent from outside
/// the bridge (<see cref="InboundMessage.FromBusiness"/>) is done once vcita has it: there is nothing
/// of it for staff to read or the client to be told. An edit or deletion names the message it amends
/// (<see cref="InboundMessage.Amends"/>), whose delivery is <see cref="WorkflowIds.InboundDelivery"/> of that id.
/// </summary>
[Workflow]
public sealed class InboundDeliveryWorkflow
{
    /// <summary>How long staff reading the message is waited for; after that the delivery ends as delivered.</summary>
    internal static readonly TimeSpan StatusWait = TimeSpan.FromDays(7);

    /// <summary>How long a message that vcita keeps refusing for now (5xx, a revoked token) is retried.</summary>
    internal static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);

    private readonly Queue<string> reports = new();

    [WorkflowSignal]
    public async Task ReportVcitaStatusAsync(string status) => reports.Enqueue(status);

    /// <summary>How a session starts it: see <see cref="DeliveryChildOptions"/>.</summary>
    public static ChildWorkflowOptions ChildOptions(string id, InboundDeliveryInput delivery) =>
        DeliveryChildOptions.For(id, delivery.BusinessUid, delivery.ChannelUid, delivery.Provider);

    [WorkflowRun]
    public async Task<InboundDeliveryResult> RunAsync(InboundDeliveryInput input)
    {
        var messageUid = InboundMessageUid.For(input.Provider, input.Message.ProviderMessageId);
        var post = new PostInboundMessage(input.BusinessUid, input.ChannelUid, input.ExternalUid, input.ContactUid, messageUid, input.Message);
        var posted = await DeliveryRetries.RunAsync(
            () => Workflow.ExecuteActivityAsync((InboundDeliveryActivities a) => a.PostToVcitaAsync(post), InboundDeliveryActivities.PostOptions),
            attempt => attempt,
            new RetryPlan(GiveUpAfter));
        await TellSessionAsync();
        if (posted.Failure is { } failure)
        {
            throw new ApplicationFailureException(
                $"vcita did not take the message after {posted.Attempts} attempt(s): {failure.Message}", failure.ErrorType, nonRetryable: true);
        }

        if (input.Message.FromBusiness)
        {
            return new InboundDeliveryResult(DeliveryStates.Delivered, messageUid, VcitaMessageStatus.Pending, posted.Attempts);
        }

        var status = await FollowVcitaStatusAsync();
        if (status == VcitaMessageStatus.Read)
        {
            await MarkReadAsync(input);
        }
        return new InboundDeliveryResult(DeliveryStates.Delivered, messageUid, status, posted.Attempts);
    }

    /// <summary>Waits (with one timer for the whole wait) until vcita reports a final status or time is up.</summary>
    private async Task<string> FollowVcitaStatusAsync()
    {
        var status = VcitaMessageStatus.Pending;
        using var deadline = WaitDeadline.Start(StatusWait);
        while (!VcitaMessageStatus.IsFinal(status))
        {
            await Workflow.WaitConditionAsync(() => reports.Count > 0 || deadline.Passed);
            if (reports.Count == 0)
            {
                return status;
            }
            while (reports.TryDequeue(out var reported))
            {
                status = VcitaMessageStatus.Next(status, reported);
            }
        }
        await deadline.StopAsync();
        return status;
    }

    /// <summary>Best effort: the message is in vcita either way, so a failed read receipt is recorded, not retried forever.</summary>
    private static async Task MarkReadAsync(InboundDeliveryInput input)
    {
        try
        {
            // A delivery started before it carried the client's id marks read by the message's id alone.
            var request = new MarkReadRequest(input.Provider, input.AccountId, new ClientMessageRef(input.ClientId ?? "", input.Message.ProviderMessageId));
            await Workflow.ExecuteActivityAsync((InboundDeliveryActivities a) => a.MarkReadAsync(request), InboundDeliveryActivities.MarkReadOptions);
        }
        catch (ActivityFailureException e)
        {
            Workflow.UpsertTypedSearchAttributes(
                BridgeSearchAttributes.LastErrorCode.ValueSet((e.InnerException as ApplicationFailureException)?.ErrorType ?? "mark_read_failed"));
        }
    }

    /// <summary>The session waits for this before its next message. A delivery started by hand has no session.</summary>
    private static async Task TellSessionAsync()
    {
        if (Workflow.Info.Parent is { } parent)
        {
            await Workflow.GetExternalWorkflowHandle<SessionWorkflow>(parent.WorkflowId)
                .SignalAsync(wf => wf.DeliverySettledAsync(new DeliverySettled(Workflow.Info.WorkflowId)));
        }
    }
}
