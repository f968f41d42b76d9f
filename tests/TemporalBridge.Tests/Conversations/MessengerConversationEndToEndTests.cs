extern alias Sandbox;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Deliveries;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;
using ClientDirectory = Sandbox::TemporalBridge.Sandbox.Vcita.Platform.ClientDirectory;
using PageWebhookLog = Sandbox::TemporalBridge.Sandbox.Messenger.PageWebhookLog;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// A Messenger conversation both ways through the real bridge, the offline kit and both emulators over loopback: the
/// person's messages into vcita under their profile name, staff replies through the Send API with the Page's own
/// token, their echoes (which reach the bridge before the Send API answers) left aside, the delivery and read
/// watermarks moving every earlier staff message forward, mark_seen and typing as sender actions, the 24-hour and
/// 7-day rules, long texts in parts, and a Page Inbox reply shown once as the business's.
/// </summary>
public sealed class MessengerConversationEndToEndTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task AClientAndStaffTalkAndTheReceiptsMoveEveryEarlierStaffMessageForward()
    {
        await using var conversation = await PageConversation.StartAsync(redis);

        conversation.MessagesInVcita().Select(m => (m.Message, m.Direction)).Should().Equal([("Hello, can I book for Friday?", "client_to_business")],
            conversation.Host.Diagnostics());
        conversation.Host.Host.Sandbox.Services.GetRequiredService<ClientDirectory>().All
            .Should().Contain(c => c.FirstName == "Maria" && c.LastName == "Lopez", "the name comes from the person's profile");

        await conversation.StaffWritesAsync("staff-1", "Yes, Friday at 10:00 works.");
        await conversation.StaffWritesAsync("staff-2", "See you then!");

        var sends = conversation.SuccessfulSends();
        sends.Select(PageConversation.TextOf).Should().Equal("Yes, Friday at 10:00 works.", "See you then!");
        sends.Select(s => s.Request!.Value.GetProperty("messaging_type").GetString()).Should().AllBe("RESPONSE");
        sends.Select(s => s.Request!.Value.GetProperty("message").GetProperty("metadata").GetString())
            .Should().Equal(WorkflowIds.OutboundDelivery(conversation.PageChannelUid, "staff-1"), WorkflowIds.OutboundDelivery(conversation.PageChannelUid, "staff-2"));
        conversation.MessagesInVcita().Select(m => m.MessageUid).Should().HaveCount(3).And.Contain(["staff-1", "staff-2"],
            "staff's two messages are all vcita has of the business: their echoes are not new messages of the business's");
        var echoes = conversation.Host.Host.Sandbox.Services.GetRequiredService<PageWebhookLog>().Views().Where(w => w.Reason == "echo").ToList();
        echoes.Should().HaveCount(2).And.OnlyContain(w => w.State == "delivered");
        conversation.VcitaStatuses("staff-1").Should().Equal("sent", "received");
        conversation.VcitaStatuses("staff-2").Should().Equal("sent", "received");

        await conversation.PersonReadsAsync();

        conversation.VcitaStatuses("staff-1").Should().Equal("sent", "received", "read");
        conversation.VcitaStatuses("staff-2").Should().Equal("sent", "received", "read");
        conversation.Host.Host.Temporal.Workflow(WorkflowIds.OutboundDelivery(conversation.PageChannelUid, "staff-2")).Status
            .Should().Be(Temporalio.Api.Enums.V1.WorkflowExecutionStatus.Completed);

        await conversation.PersonReadsAsync();
        conversation.VcitaStatuses("staff-1").Should().HaveCount(3, "a receipt never moves a message twice");
    }

    [Fact]
    public async Task StaffReadingAndTypingReachThePersonAsSenderActions()
    {
        await using var conversation = await PageConversation.StartAsync(redis);
        var clientMessage = conversation.MessagesInVcita().Single().MessageUid;

        await conversation.StaffReadsAsync(clientMessage);
        (await conversation.StaffTypingAsync(typing: true)).EnsureSuccessStatusCode();
        (await conversation.StaffTypingAsync(typing: true)).EnsureSuccessStatusCode();
        (await conversation.StaffTypingAsync(typing: false)).EnsureSuccessStatusCode();

        conversation.Calls("mark_seen").Should().ContainSingle().Which.Psid.Should().Be(conversation.Psid);
        conversation.Calls("typing_on").Should().ContainSingle("Messenger shows one indicator for 20 s");
        conversation.Calls("typing_off").Should().ContainSingle().Which.StatusCode.Should().Be(200);
        conversation.Host.Host.Bridge.Logs.AllText.Should().NotContain(conversation.Psid).And.NotContain(PageConversation.PageToken);
    }

    [Fact]
    public async Task ThePersonsIdIsNowhereButTheOperatorFindsTheirConversationByIt()
    {
        await using var conversation = await PageConversation.StartAsync(redis);

        var session = conversation.Host.Vcita.Snapshot().Sessions.Single(s => s.ChannelUid == conversation.PageChannelUid);
        var found = await conversation.Host.Host.AsAdmin.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"/admin/conversations?provider=messenger&account_id={PageConversation.PageId}&client_id={conversation.Psid}");
        var unknown = await conversation.Host.Host.AsAdmin.GetAsync($"/admin/conversations?provider=messenger&account_id={PageConversation.PageId}&client_id=1111111111111111");

        session.ExternalUid.Should().NotContain(conversation.Psid).And.Be(WorkflowIds.Session(ProviderNames.Messenger, PageConversation.PageId, conversation.Psid));
        conversation.Host.Host.Temporal.Workflows.Select(w => w.WorkflowId).Should().NotContain(id => id.Contains(conversation.Psid));
        found.GetProperty("conversation_id").GetString().Should().Be(session.ExternalUid);
        found.GetProperty("session_uid").GetString().Should().Be(session.Uid);
        unknown.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        await using var redisAdmin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        var keys = redisAdmin.GetServers()[0].Keys(pattern: "*").Select(k => k.ToString()).ToList();
        keys.Should().NotBeEmpty().And.NotContain(k => k.Contains(conversation.Psid));
    }

    [Fact]
    public async Task AReplyLongerThanMessengerTakesGoesInOrderAsSeveralMessages()
    {
        await using var conversation = await PageConversation.StartAsync(redis);
        var first = string.Join(' ', Enumerable.Repeat("Friday works.", 140)); // 1,959 characters
        var second = string.Join(' ', Enumerable.Repeat("Bring the form.", 20));

        await conversation.StaffWritesAsync("staff-long", first + "\n" + second);

        conversation.SuccessfulSends().Select(PageConversation.TextOf).Should().Equal(first, second);
        conversation.VcitaStatuses("staff-long").Should().Equal("sent", "received");
    }

    [Fact]
    public async Task AfterTheWindowAStaffReplyFailsWithAReasonStaffCanRead()
    {
        await using var conversation = await PageConversation.StartAsync(redis);
        await conversation.SendApiFailsAsync("send", code: 10, subcode: 2018278);

        await conversation.StaffWritesAsync("staff-late", "Are you still there?");

        conversation.Calls("send").Should().ContainSingle("the window is not retried, and without the human-agent setting nothing else may go");
        conversation.VcitaStatuses("staff-late").Should().Equal("error");
        (await conversation.DeliveryReasonAsync("staff-late")).Should().Contain("24 hours");
        conversation.Host.Host.Temporal.Workflow(WorkflowIds.OutboundDelivery(conversation.PageChannelUid, "staff-late"))
            .SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().Be("ProviderFailure.OutsideWindow");
    }

    [Fact]
    public async Task APersonWhoIsNotAvailableFailsTheirMessageButLeavesThePageConnected()
    {
        await using var conversation = await PageConversation.StartAsync(redis);
        await conversation.SendApiFailsAsync("send", code: 551, subcode: 1545041);

        await conversation.StaffWritesAsync("staff-blocked", "Are you still there?");

        conversation.Calls("send").Should().ContainSingle("the person cannot be reached: no retry");
        conversation.VcitaStatuses("staff-blocked").Should().Equal("error");
        conversation.Host.Host.Temporal.Workflow(WorkflowIds.Channel(ProviderNames.Messenger, PageConversation.PageId))
            .SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().BeNull("one person's error says nothing about the Page's token");
    }

    [Fact]
    public async Task WithTheHumanAgentSettingAPersonsLateReplyGoesTaggedWithinSevenDays()
    {
        await using var conversation = await PageConversation.StartAsync(
            redis, web => web.UseSetting("MessengerEmulator:HumanAgentPermission", "true"), bridge => bridge.WithSetting("Messenger:HumanAgentTag", "true"));
        await conversation.SendApiFailsAsync("send", code: 10, subcode: 2018278);

        await conversation.StaffWritesAsync("staff-late", "Are you still there?");

        var calls = conversation.Calls("send");
        calls.Select(c => c.ErrorSubcode).Should().Equal(2018278, null);
        calls[1].Request!.Value.GetProperty("messaging_type").GetString().Should().Be("MESSAGE_TAG");
        calls[1].Request!.Value.GetProperty("tag").GetString().Should().Be("HUMAN_AGENT");
        conversation.VcitaStatuses("staff-late").Should().Equal("sent", "received");
    }

    [Fact]
    public async Task ARejectedTokenHoldsRepliesUntilThePageIsConnectedAgainAndThenEveryOneGoesInOrder()
    {
        await using var conversation = await PageConversation.StartAsync(redis);
        await conversation.PageTokenChangesAsync("renewed-page-token-1234");

        await conversation.StaffWritesAsync("staff-1", "Are you coming?");
        await conversation.StaffWritesAsync("staff-2", "We hold your table until 8.");

        conversation.Calls("send").Should().ContainSingle().Which.ErrorCode.Should().Be(190);
        var channel = conversation.Host.Host.Temporal.Workflow(WorkflowIds.Channel(ProviderNames.Messenger, PageConversation.PageId));
        channel.SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().Be("needs_reconnection");
        conversation.Host.Vcita.Snapshot().Channels.Single(c => c.Uid == conversation.PageChannelUid).DisplayName
            .Should().Be("Messenger Acme Bakery (needs reconnection)", "staff see why in vcita's channel picker");
        var listed = await conversation.Host.Host.AsAdmin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/admin/channels?business_uid={VcitaBridgeHost.BusinessUid}");
        var page = listed.EnumerateArray().Single(c => c.GetProperty("provider").GetString() == ProviderNames.Messenger);
        (page.GetProperty("needs_reconnection").GetBoolean(), page.GetProperty("deliveries_waiting").GetInt32()).Should().Be((true, 1));
        conversation.VcitaStatuses("staff-1").Should().BeEmpty("nothing was sent, and nothing failed: it waits");

        await conversation.ConnectPageAgainAsync("renewed-page-token-1234");

        conversation.Calls("send").Select(c => c.StatusCode).Should().Equal(401, 200, 200);
        conversation.SuccessfulSends().Select(PageConversation.TextOf).Should().Equal("Are you coming?", "We hold your table until 8.");
        conversation.VcitaStatuses("staff-1").Should().Equal("sent", "received");
        conversation.VcitaStatuses("staff-2").Should().Equal("sent", "received");
        channel.SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().BeNull();
        conversation.Host.Vcita.Snapshot().Channels.Single(c => c.Uid == conversation.PageChannelUid).DisplayName.Should().Be("Messenger Acme Bakery");
        conversation.Host.Host.Bridge.Logs.AllText.Should().NotContain("renewed-page-token-1234").And.NotContain(PageConversation.PageToken);
    }

    [Fact]
    public async Task AReactionAndATappedButtonReachVcitaAndAMessageInStandbyDoesNot()
    {
        await using var conversation = await PageConversation.StartAsync(redis);
        var hello = conversation.Host.Host.Sandbox.Services.GetRequiredService<Sandbox::TemporalBridge.Sandbox.Messenger.PageWebhookLog>().Views()
            .First(w => w.Reason == "message").Body;
        var mid = System.Text.Json.JsonDocument.Parse(hello).RootElement.GetProperty("entry")[0].GetProperty("messaging")[0].GetProperty("message").GetProperty("mid").GetString()!;

        await conversation.PersonReactsAsync(mid, "❤️");
        await conversation.PersonTapsAButtonAsync("Book Friday", "BOOK_FRIDAY");
        await conversation.PersonWritesInStandbyAsync("for the other app");

        conversation.MessagesInVcita().Select(m => m.Message).Should().Equal(
            "Hello, can I book for Friday?", "Reacted ❤️ to an earlier message", "[Button] Book Friday");
    }

    [Fact]
    public async Task APageInboxReplyReachesVcitaOnceAsTheBusinesss()
    {
        await using var conversation = await PageConversation.StartAsync(redis);

        await conversation.InboxRepliesAsync("Friday at 10, see you!");

        conversation.MessagesInVcita().Select(m => (m.Message, m.Direction)).Should().Equal(
            ("Hello, can I book for Friday?", "client_to_business"), ("Friday at 10, see you!", "business_to_client"));
    }

    [Fact]
    public async Task APageConnectedWithoutItsOwnTokenIsRefusedNamingTheField()
    {
        await using var conversation = await PageConversation.StartAsync(redis);

        var refused = await conversation.Host.Host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = VcitaBridgeHost.BusinessUid,
            provider = ProviderNames.Messenger,
            account_id = "2000000000000002",
            display_name = "Second Page",
        });

        refused.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("credentials");
        conversation.Host.Host.Temporal.Workflows.Should().NotContain(w => w.WorkflowId == WorkflowIds.Channel(ProviderNames.Messenger, "2000000000000002"));
    }
}
