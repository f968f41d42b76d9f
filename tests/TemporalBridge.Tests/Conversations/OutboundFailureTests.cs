using System.Net;
using System.Net.Http.Json;
using TemporalBridge.Deliveries;
using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// Staff messages when WhatsApp refuses for now or for longer: the pair rate limit's own backoff, a rejected token
/// waiting for an operator, a message that gives up letting the next one go, and what the bridge does not own.
/// </summary>
public sealed class OutboundFailureTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static string Delivery(OutboundConversation c, string messageUid) => WorkflowIds.OutboundDelivery(c.Host.ChannelUid, messageUid);

    [Fact]
    public async Task ThePairRateLimitIsRetriedAfterFourThenSixteenSeconds()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { code = 131056, count = 2 });
        await conversation.StaffWritesAsync("staff-pair", "One more thing…");
        var delivery = conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "staff-pair"));

        conversation.GraphCalls("send").Should().HaveCount(1, "the pair limit is not retried at once");
        delivery.SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().Be("ProviderFailure.PairRateLimited");
        delivery.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name).Should().Be(DeliveryStates.Retrying);

        await AdvanceAsync(conversation, TimeSpan.FromSeconds(3));
        conversation.GraphCalls("send").Should().HaveCount(1);
        await AdvanceAsync(conversation, TimeSpan.FromSeconds(1));
        conversation.GraphCalls("send").Should().HaveCount(2, "4 s after the first refusal");
        await AdvanceAsync(conversation, TimeSpan.FromSeconds(15));
        conversation.GraphCalls("send").Should().HaveCount(2);
        await AdvanceAsync(conversation, TimeSpan.FromSeconds(1));
        conversation.GraphCalls("send").Should().HaveCount(3, "16 s after the second");
        conversation.SuccessfulSends().Should().ContainSingle();
        conversation.VcitaStatuses("staff-pair").Should().Equal("sent", "received");
    }

    [Fact]
    public async Task ARejectedTokenWaitsVisiblyForAnOperatorWhoseRetrySendsAtOnce()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { code = 190, count = 1 });
        await conversation.StaffWritesAsync("staff-token", "Your appointment is tomorrow.");
        var id = Delivery(conversation, "staff-token");
        var delivery = conversation.Host.Host.Temporal.Workflow(id);

        delivery.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name).Should().Be(DeliveryStates.Retrying);
        delivery.SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().Be("ProviderFailure.TokenRejected");
        await AdvanceAsync(conversation, TimeSpan.FromMinutes(10));
        conversation.GraphCalls("send").Should().HaveCountLessThanOrEqualTo(4, "a rejected token is checked again after 1, 2, 4 … minutes only");

        var retry = await conversation.Host.Host.AsAdmin.PostAsync($"/admin/deliveries/{id}/retry", null);
        retry.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await conversation.SettleAsync();

        conversation.SuccessfulSends().Should().ContainSingle(conversation.Host.Diagnostics());
        conversation.VcitaStatuses("staff-token").Should().Equal("sent", "received");
        delivery.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name).Should().Be(DeliveryStates.Delivered);
    }

    [Fact]
    public async Task ARejectedTokenPutsTheNumberInNeedOfReconnectionAndConnectingAgainSendsWhatWaited()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { code = 190, count = 1_000 });
        await conversation.StaffWritesAsync("staff-1", "Your appointment is tomorrow.");
        await conversation.StaffWritesAsync("staff-2", "At 10:00.");
        var channel = conversation.Host.Host.Temporal.Workflow(WorkflowIds.Channel("whatsapp", ConversationHost.PhoneNumberId));

        channel.SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().Be("needs_reconnection");
        conversation.Host.Vcita.Snapshot().Channels.Single().DisplayName.Should().EndWith("(needs reconnection)");
        await AdvanceAsync(conversation, TimeSpan.FromDays(1));
        var firstDay = conversation.GraphCalls("send").Count;
        await AdvanceAsync(conversation, TimeSpan.FromDays(1));
        (conversation.GraphCalls("send").Count - firstDay).Should().BeLessThanOrEqualTo(4, "the re-checks grow to one every 6 hours");
        conversation.GraphCalls("send").Should().OnlyContain(c => c.ErrorCode == 190);
        conversation.VcitaStatuses("staff-1").Should().BeEmpty("after two days it still waits rather than fails");

        // The operator renews WhatsApp__AccessToken (Meta takes it again: the emulator's fault is cleared) and connects again.
        (await conversation.Control.DeleteAsync("/whatsapp-emulator/_control/faults")).EnsureSuccessStatusCode();
        var again = await conversation.Host.Host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = Tests.CommunicationApp.VcitaBridgeHost.BusinessUid,
            provider = "whatsapp",
            account_id = ConversationHost.PhoneNumberId,
            display_name = "+1 555 078 3881",
        });
        again.EnsureSuccessStatusCode();
        await conversation.SettleAsync();

        conversation.SuccessfulSends().Select(OutboundConversation.TextOf).Should().Equal("Your appointment is tomorrow.", "At 10:00.");
        conversation.VcitaStatuses("staff-1").Should().Equal("sent", "received");
        channel.SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().BeNull();
        conversation.Host.Vcita.Snapshot().Channels.Single().DisplayName.Should().NotContain("needs reconnection");
    }

    [Fact]
    public async Task AMessageThatGivesUpAfterADayLetsTheNextOneGo()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { http_status = 503, count = 100_000 });

        await conversation.StaffWritesAsync("staff-first", "First", settle: false);
        await conversation.StaffWritesAsync("staff-second", "Second");
        var first = conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "staff-first"));
        await conversation.UntilAsync(
            () => first.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name) == DeliveryStates.Failed,
            "the first message gives up", TimeSpan.FromMinutes(30));
        (await conversation.Control.DeleteAsync("/whatsapp-emulator/_control/faults")).EnsureSuccessStatusCode();
        await conversation.UntilAsync(() => conversation.SuccessfulSends().Count == 1, "the second is sent", TimeSpan.FromMinutes(5));

        conversation.VcitaStatuses("staff-first").Should().Equal("error");
        (await conversation.DeliveryReasonAsync("staff-first")).Should().Contain("retries ran out");
        OutboundConversation.TextOf(conversation.SuccessfulSends().Single()).Should().Be("Second");
        conversation.VcitaStatuses("staff-second").Should().Equal("sent", "received");
    }

    [Fact]
    public async Task AStaffMessageForAConversationThatDoesNotRunIs404NamingExternalUid()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);

        var response = await conversation.Host.Host.AsVcita.PostAsJsonAsync("/vcita/messages", new
        {
            external_uid = WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, "15559990000"),
            message = "Hello?",
            message_uid = "staff-nobody",
            channel_uid = conversation.Host.ChannelUid,
        });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("external_uid");
        conversation.GraphCalls("send").Should().BeEmpty();
    }

    [Fact]
    public async Task AStatusOfAMessageTheBridgeDidNotSendIsAcknowledgedAndChangesNothing()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        var before = conversation.Host.Host.Temporal.Workflows.Count;

        var response = await conversation.Control.PostAsJsonAsync(
            "/whatsapp-emulator/_control/statuses", new { wamid = "wamid.sent.by.another.app", status = "delivered", recipient_id = OutboundConversation.Maria });
        response.EnsureSuccessStatusCode();
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status_code\":200");
        await conversation.SettleAsync();

        conversation.Host.Host.Temporal.Workflows.Should().HaveCount(before);
        conversation.Host.Host.Vcita.Snapshot().StatusUpdates.Should().NotContain(u => u.Kind == "message");
    }

    [Fact]
    public async Task AConversationThatContinuesAsNewKeepsItsStaffMessagesInOrderAndItsSends()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis, kit => kit.SuggestContinueAsNewAfterEvents = 40);

        for (var i = 1; i <= 6; i++)
        {
            await conversation.StaffWritesAsync($"can-{i}", $"Part {i}", settle: false);
        }
        await conversation.SettleAsync();

        var session = conversation.Host.Host.Temporal.Workflow(conversation.SessionWorkflowId);
        session.Runs.Count.Should().BeGreaterThan(1, "the history grew past the suggestion");
        conversation.SuccessfulSends().Select(OutboundConversation.TextOf).Should().Equal(Enumerable.Range(1, 6).Select(i => $"Part {i}"));
        Enumerable.Range(1, 6).Select(i => conversation.VcitaStatuses($"can-{i}")).Should().OnlyContain(s => s.SequenceEqual(new[] { "sent", "received" }));
        var lookup = await conversation.Host.Host.Temporal.Client.GetWorkflowHandle<SessionWorkflow>(conversation.SessionWorkflowId)
            .QueryAsync(wf => wf.DeliveryOf(conversation.SuccessfulSends()[0].Wamid!));
        lookup.DeliveryId.Should().Be(Delivery(conversation, "can-1"), "sends made by an earlier run are still known");
    }

    private static async Task AdvanceAsync(OutboundConversation conversation, TimeSpan by)
    {
        await conversation.Host.Host.Temporal.AdvanceTimeAsync(by);
        await conversation.SettleAsync();
    }
}
