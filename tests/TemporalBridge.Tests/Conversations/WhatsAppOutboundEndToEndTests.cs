using System.Net.Http.Json;
using TemporalBridge.Deliveries;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// Staff answer a WhatsApp user from vcita: the vcita emulator posts the staff message to the bridge, the session
/// and delivery workflows run in the kit, the WhatsApp emulator receives the Graph call and sends its status
/// webhooks back, and the statuses reach vcita, all over loopback HTTP.
/// </summary>
public sealed class WhatsAppOutboundEndToEndTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static string Delivery(OutboundConversation c, string messageUid) => WorkflowIds.OutboundDelivery(c.Host.ChannelUid, messageUid);

    [Fact]
    public async Task AStaffReplyReachesTheUserAndTheirReadShowsInVcita()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);

        await conversation.StaffWritesAsync("staff-msg-1", "Yes, Friday at 10:00 works. See you then!");

        var send = conversation.SuccessfulSends().Should().ContainSingle(conversation.Host.Diagnostics()).Subject;
        send.Recipient.Should().Be(OutboundConversation.Maria);
        OutboundConversation.TextOf(send).Should().Be("Yes, Friday at 10:00 works. See you then!");
        conversation.VcitaStatuses("staff-msg-1").Should().Equal("sent", "received");

        await conversation.UserPhoneReportsAsync(send.Wamid!, "read");

        conversation.VcitaStatuses("staff-msg-1").Should().Equal("sent", "received", "read");
        conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "staff-msg-1")).Status.Should().Be(Temporalio.Api.Enums.V1.WorkflowExecutionStatus.Completed);
    }

    [Fact]
    public async Task ThrottledTwiceThenAcceptedIsSentOnceAndVcitaSeesSentThenReceived()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { code = 130429, count = 2 });

        await conversation.StaffWritesAsync("staff-throttled", "Your booking is confirmed.");
        await conversation.UntilAsync(() => conversation.SuccessfulSends().Count == 1, "the send is accepted");

        conversation.GraphCalls("send").Select(c => c.ErrorCode).Should().Equal(130429, 130429, null);
        conversation.SuccessfulSends().Should().ContainSingle();
        conversation.VcitaStatuses("staff-throttled").Should().Equal("sent", "received");
        conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "staff-throttled"))
            .SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name).Should().Be(DeliveryStates.Delivering);
    }

    [Fact]
    public async Task OutsideTheWindowWithoutATemplateTheMessageFailsWithAReasonStaffCanRead()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { code = 131047, count = 1 });

        await conversation.StaffWritesAsync("staff-late", "Are you still interested?");

        conversation.GraphCalls("send").Should().ContainSingle("131047 is not retried, and there is no template to send");
        conversation.VcitaStatuses("staff-late").Should().Equal("error");
        (await conversation.DeliveryReasonAsync("staff-late")).Should().Contain("24 hours").And.Contain("template");
        var delivery = conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "staff-late"));
        delivery.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name).Should().Be(DeliveryStates.Failed);
        delivery.SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().Be("ProviderFailure.OutsideWindow");
    }

    [Fact]
    public async Task OutsideTheWindowTheChannelsTemplateIsSentInstead()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        var reconnected = await conversation.Host.Host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = Tests.CommunicationApp.VcitaBridgeHost.BusinessUid,
            provider = "whatsapp",
            phone_number_id = ConversationHost.PhoneNumberId,
            display_number = "+1 555 078 3881",
            window_template = "reply_to_continue",
            window_template_language = "en_US",
        });
        reconnected.EnsureSuccessStatusCode();
        await conversation.GraphFailsAsync("send", new { code = 131047, count = 1 });

        await conversation.StaffWritesAsync("staff-template", "Are you still interested?");

        var template = conversation.SuccessfulSends().Should().ContainSingle(conversation.Host.Diagnostics()).Subject;
        template.Request!.Value.GetProperty("type").GetString().Should().Be("template");
        template.Request!.Value.GetProperty("template").GetProperty("name").GetString().Should().Be("reply_to_continue");
        conversation.VcitaStatuses("staff-template").Should().Equal("sent", "received");
    }

    [Fact]
    public async Task AnUndeliverableMessageIsAnErrorWithItsReasonAndIsNotRetried()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { code = 131026, count = 1 });

        await conversation.StaffWritesAsync("staff-undeliverable", "Hello?");
        await conversation.Host.Host.Temporal.AdvanceTimeAsync(TimeSpan.FromHours(1));
        await conversation.SettleAsync();

        conversation.GraphCalls("send").Should().ContainSingle();
        conversation.VcitaStatuses("staff-undeliverable").Should().Equal("error");
        (await conversation.DeliveryReasonAsync("staff-undeliverable")).Should().Contain("cannot receive");
        conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "staff-undeliverable"))
            .SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().Be("ProviderFailure.Undeliverable");
    }

    [Fact]
    public async Task FiveMessagesInOneBurstArriveInOrderEvenWhenTheSecondNeedsRetries()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        // The first send goes through; the second meets a service error in every quick attempt of its first round.
        await conversation.GraphFailsAsync("send", OutboundConversation.PassOne, new { code = 131000, count = DeliveryRetries.AttemptsPerRound });

        for (var i = 1; i <= 5; i++)
        {
            await conversation.StaffWritesAsync($"burst-{i}", $"Message {i} of 5", settle: false);
        }
        await conversation.UntilAsync(() => conversation.SuccessfulSends().Count == 5, "all five are sent", TimeSpan.FromMinutes(1));

        conversation.SuccessfulSends().Select(OutboundConversation.TextOf).Should().Equal(
            "Message 1 of 5", "Message 2 of 5", "Message 3 of 5", "Message 4 of 5", "Message 5 of 5");
        var second = conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "burst-2"));
        second.SearchAttribute<long>(BridgeSearchAttributes.DeliveryAttempts.Name).Should().Be(DeliveryRetries.AttemptsPerRound + 1);
        second.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name).Should().Be(DeliveryStates.Delivered);
    }

    [Fact]
    public async Task TheSameMessageUidPostedThreeTimesIsSentOnce()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);

        await conversation.StaffWritesAsync("staff-thrice", "Only once, please.", settle: false);
        for (var again = 0; again < 2; again++)
        {
            // vcita sending the same call again, as it may.
            var repeated = await conversation.Host.Host.AsVcita.PostAsJsonAsync("/vcita/messages", new
            {
                external_uid = conversation.SessionWorkflowId,
                message = "Only once, please.",
                message_uid = "staff-thrice",
                channel_uid = conversation.Host.ChannelUid,
            });
            repeated.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent, await repeated.Content.ReadAsStringAsync());
        }
        await conversation.SettleAsync();

        conversation.GraphCalls("send").Should().ContainSingle();
        conversation.VcitaStatuses("staff-thrice").Should().Equal("sent", "received");
    }

    [Fact]
    public async Task StatusesOutOfOrderAndDuplicatedEndAsRead()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await SetStatusPlanAsync(conversation, []);
        await conversation.StaffWritesAsync("staff-shuffled", "See you Friday.");
        var wamid = conversation.SuccessfulSends().Single().Wamid!;

        await conversation.UserPhoneReportsAsync(wamid, "read");
        await conversation.UserPhoneReportsAsync(wamid, "delivered");
        await conversation.UserPhoneReportsAsync(wamid, "sent");
        await conversation.UserPhoneReportsAsync(wamid, "read");

        // "sent" is told with the send itself; then read overtakes delivered and nothing moves back.
        conversation.VcitaStatuses("staff-shuffled").Should().Equal("sent", "read");
    }

    [Fact]
    public async Task AFailureAfterSentIsAnErrorWithTheProvidersReason()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await SetStatusPlanAsync(conversation, ["sent"]);
        await conversation.StaffWritesAsync("staff-failed", "Your invoice is attached.");
        var wamid = conversation.SuccessfulSends().Single().Wamid!;

        await conversation.UserPhoneReportsAsync(wamid, "failed", errorCode: 131026);

        conversation.VcitaStatuses("staff-failed").Should().Equal("sent", "error");
        (await conversation.DeliveryReasonAsync("staff-failed")).Should().Contain("131026");
        var delivery = conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "staff-failed"));
        delivery.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name).Should().Be(DeliveryStates.Failed);
        delivery.SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().Be("whatsapp.131026");
    }

    [Fact]
    public async Task StatusesThatOvertakeTheSendsAnswerReachTheirDelivery()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        (await conversation.Control.PostAsJsonAsync("/whatsapp-emulator/_control/status-plans",
            new { statuses = new[] { "sent", "delivered", "read" }, before_answer = true, count = 1 })).EnsureSuccessStatusCode();

        await conversation.StaffWritesAsync("staff-overtaken", "Your table is booked.");

        conversation.VcitaStatuses("staff-overtaken").Should().Equal(["sent", "received", "read"], conversation.Host.Diagnostics());
        conversation.Host.Host.Bridge.Logs.AllText.Should().NotContain("did not send", "every status found its delivery");
    }

    [Fact]
    public async Task AStatusWithoutItsDeliveryIdIsFoundByItsMessageId()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await SetStatusPlanAsync(conversation, []);
        await conversation.StaffWritesAsync("staff-unnamed", "See you at 10.");
        var wamid = conversation.SuccessfulSends().Single().Wamid!;

        await conversation.UserPhoneReportsAsync(wamid, "delivered", namingItsDelivery: false);
        await conversation.Host.FlushRedisAsync();
        await conversation.UserPhoneReportsAsync(wamid, "read", namingItsDelivery: false);

        // The first through the cache the send filled; the second, with the cache gone, through the conversation.
        conversation.VcitaStatuses("staff-unnamed").Should().Equal("sent", "received", "read");
    }

    [Fact]
    public async Task WhatWhatsAppSaysAMessageCostsIsKeptOnItsDelivery()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await SetStatusPlanAsync(conversation, []);
        await conversation.StaffWritesAsync("staff-priced", "Your receipt.");
        var wamid = conversation.SuccessfulSends().Single().Wamid!;

        foreach (var status in new[] { "sent", "delivered", "read" })
        {
            await conversation.UserPhoneReportsAsync(wamid, status);
        }

        var delivery = conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "staff-priced"));
        var result = await delivery.ResultAsync<OutboundDeliveryResult>();
        result!.Pricing.Should().Be(new TemporalBridge.Providers.MessagePricing(false, "service", "free_customer_service", "PMP"));
    }

    [Fact]
    public async Task AStaffMessageCostsTheseTemporalActionsFromVcitaToRead()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        var session = conversation.Host.Host.Temporal.Workflow(conversation.SessionWorkflowId);
        var sessionBefore = session.BillableActions.Total;

        // The statuses come after the send has returned (as from Meta, seconds later), so no lookup races it.
        await SetStatusPlanAsync(conversation, []);

        await conversation.StaffWritesAsync("staff-cost", "How much is it?");
        var wamid = conversation.SuccessfulSends().Single().Wamid!;
        foreach (var status in new[] { "sent", "delivered", "read" })
        {
            await conversation.UserPhoneReportsAsync(wamid, status);
        }

        var delivery = conversation.Host.Host.Temporal.Workflow(Delivery(conversation, "staff-cost"));
        var sessionActions = session.BillableActions.Total - sessionBefore;
        var breakdown = $"session +{sessionActions} (now {session.BillableActions}), delivery {delivery.BillableActions}";
        conversation.VcitaStatuses("staff-cost").Should().Equal("sent", "received", "read");
        // Session: vcita's signal, the delivery's hand-over signal. Delivery: its start, the send (which tells vcita
        // "sent" itself, so WhatsApp's own sent costs nothing), the status-wait timer, and WhatsApp's delivered and
        // read, each a signal and a report to vcita. 9 in all.
        sessionActions.Should().Be(2, breakdown);
        delivery.BillableActions.Total.Should().Be(7, breakdown);
    }

    private static async Task SetStatusPlanAsync(OutboundConversation conversation, string[] statuses) =>
        (await conversation.Control.PostAsJsonAsync("/whatsapp-emulator/_control/status-plans", new { statuses, count = 1 })).EnsureSuccessStatusCode();
}
