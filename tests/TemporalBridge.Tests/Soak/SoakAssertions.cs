using TemporalBridge.Channels;
using TemporalBridge.Deliveries;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Temporal;
using TemporalBridge.Tests.CommunicationApp;
using TemporalBridge.Tests.Conversations;
using Temporalio.Api.Enums.V1;

namespace TemporalBridge.Tests.Soak;

/// <summary>What must hold at the end of a soak run, each check naming what it found wrong.</summary>
internal sealed class SoakAssertions(SoakPlan plan, SoakObservations seen, OfflineTemporalEnvironment temporal, string channelUid)
{
    private static readonly IReadOnlyList<string> VcitaOrder = ["sent", "received", "read"];

    /// <summary>Every client message is in vcita once, each conversation's in the order the client wrote them.</summary>
    public void EveryClientMessageInVcitaOnceInOrder()
    {
        var inVcita = seen.InboundInVcita();
        foreach (var conversation in plan.Conversations)
        {
            inVcita.GetValueOrDefault(SoakTraffic.SessionId(conversation), []).Should().Equal(
                conversation.Inbound.Select(m => m.Text), $"client {conversation.Index}'s messages reach vcita once each, in order");
        }
        inVcita.Values.Sum(m => m.Count).Should().Be(plan.AllInbound.Count());
    }

    /// <summary>Every staff message reached its client once (one accepted Graph send), each conversation's in the order staff wrote them.</summary>
    public void EveryStaffMessageSentOnceInOrder()
    {
        var received = seen.ReceivedByUser();
        foreach (var conversation in plan.Conversations)
        {
            received.GetValueOrDefault(conversation.WaId, []).Should().Equal(
                conversation.Staff.Select(m => m.Text), $"client {conversation.Index} receives each staff message once, in order");
        }
        seen.AcceptedSends().Should().HaveCount(plan.AllStaff.Count());
    }

    /// <summary>
    /// vcita was told each staff message's statuses forward only (shuffled and repeated webhooks never move one
    /// back), ending where WhatsApp's furthest status puts it: read when the client read it.
    /// </summary>
    public void VcitaShowsEachStaffMessagesFinalStatus()
    {
        var statuses = seen.VcitaStatuses();
        foreach (var staff in plan.AllStaff)
        {
            var told = statuses.GetValueOrDefault(staff.MessageUid, []);
            var ranks = told.Select(s => VcitaOrder.ToList().IndexOf(s)).ToList();
            ranks.Should().NotContain(-1, $"{staff.MessageUid} got only sent/received/read: {string.Join(",", told)}");
            ranks.Should().BeInAscendingOrder($"{staff.MessageUid}'s statuses only move forward: {string.Join(",", told)}")
                .And.OnlyHaveUniqueItems($"{staff.MessageUid} is told each status once: {string.Join(",", told)}");
            told.LastOrDefault().Should().Be(staff.FinalVcitaStatus, $"{staff.MessageUid} ends as WhatsApp last reported it (planned {string.Join(",", staff.StatusOrder)})");
        }
    }

    /// <summary>WhatsApp got one read receipt for each client message staff read in vcita, and none for the others.</summary>
    public void WhatsAppShowsTheClientMessagesStaffRead()
    {
        var receipts = seen.ReadReceipts();
        foreach (var message in plan.AllInbound)
        {
            var accepted = receipts[message.Wamid].Count(c => c.StatusCode == 200);
            accepted.Should().Be(message.StaffReads ? 1 : 0, $"{message.Wamid} is marked read {(message.StaffReads ? "once" : "never")}");
            var delivery = temporal.Workflow(WorkflowIds.InboundDelivery(ProviderNames.WhatsApp, message.Wamid));
            if (message.StaffReads)
            {
                delivery.Status.Should().Be(WorkflowExecutionStatus.Completed, $"{delivery} ends once staff read it");
            }
        }
    }

    /// <summary>
    /// No workflow failed, none is left retrying or given up, no conversation is blocked, and every delivery whose
    /// message reached its final status has finished.
    /// </summary>
    public void NothingIsStuck()
    {
        temporal.Workflows.Should().OnlyContain(
            w => w.Status == WorkflowExecutionStatus.Running || w.Status == WorkflowExecutionStatus.Completed
                || w.Status == WorkflowExecutionStatus.ContinuedAsNew,
            "no workflow failed or was terminated");
        var deliveries = temporal.Workflows.Where(w => w.WorkflowType.EndsWith("DeliveryWorkflow", StringComparison.Ordinal)).ToList();
        deliveries.Should().HaveCount(plan.MessageCount, "one delivery per message: duplicates start none");
        deliveries.Select(d => d.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name))
            .Should().OnlyContain(state => state == DeliveryStates.Delivering || state == DeliveryStates.Delivered, "no delivery is left retrying or failed");
        foreach (var conversation in plan.Conversations)
        {
            var session = temporal.Workflow(SoakTraffic.SessionId(conversation));
            session.IsOpen.Should().BeTrue($"{session} lives on");
            session.SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().BeNull($"{session} is not blocked");
        }
        foreach (var staff in plan.AllStaff.Where(s => s.ClientReads))
        {
            var id = WorkflowIds.OutboundDelivery(channelUid, staff.MessageUid);
            temporal.Workflow(id).Status.Should().Be(WorkflowExecutionStatus.Completed, $"{id} ends once the client read it");
        }
    }

    /// <summary>
    /// No history holds a message text, a profile name, a token or a secret in plaintext, and no payload holds a
    /// client's number (workflow ids do, by design; they are not payloads). Every payload went through the codec.
    /// </summary>
    public void NoHistoryHoldsPlaintext()
    {
        var events = RecordedHistory.EventsOf(temporal);
        var payloads = events.SelectMany(RecordedHistory.In).ToList();
        payloads.Should().HaveCountGreaterThan(plan.MessageCount * 3);
        payloads.Should().OnlyContain(p => p.Metadata["encoding"].ToStringUtf8() == "binary/encrypted", "every payload goes through the codec");

        var secrets = new PlaintextScanner(MessageTextsNamesAndSecrets());
        secrets.FoundIn(RecordedHistory.Bytes(events)).Should().BeEmpty($"no history holds any of {secrets.Count} texts, names and secrets");
        new PlaintextScanner(plan.Conversations.Select(c => c.WaId)).FoundIn(RecordedHistory.Bytes(payloads))
            .Should().BeEmpty("no payload holds a client's number");
    }

    /// <summary>The bridge's logs hold no message text, profile name, token or secret, and only masked numbers.</summary>
    public static void NoLogHoldsPlaintext(SoakPlan plan, string logs)
    {
        logs.Should().NotBeEmpty();
        var scanner = new PlaintextScanner([.. MessageTextsNamesAndSecrets(plan), VcitaBridgeHost.WhatsAppAppSecret, .. plan.Conversations.Select(c => c.WaId)]);
        scanner.FoundIn(logs).Should().BeEmpty($"no log line holds any of {scanner.Count} texts, names, secrets and numbers");
    }

    private IEnumerable<string> MessageTextsNamesAndSecrets() => MessageTextsNamesAndSecrets(plan);

    /// <summary>Whole texts and names, and their marker words, which would show a text cut short too.</summary>
    private static IEnumerable<string> MessageTextsNamesAndSecrets(SoakPlan plan) =>
    [
        .. plan.AllInbound.Select(m => m.Text), .. plan.AllStaff.Select(m => m.Text), .. plan.Conversations.Select(c => c.Name),
        SoakPlan.TextMarker, SoakPlan.NameMarker, VcitaBridgeHost.WhatsAppAccessToken, VcitaBridgeHost.WebhookSecret,
    ];
}
