extern alias Sandbox;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Deliveries;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// WhatsApp users write, and vcita shows it: the sandbox's WhatsApp emulator sends signed webhooks to the bridge's
/// real endpoint, the workflows run in the kit, every vcita and Graph API call goes to the emulators, and vcita's
/// confirmations come back, all over loopback HTTP.
/// </summary>
public sealed class WhatsAppInboundEndToEndTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Maria = "15551230001";
    private const string Kenji = "15551230002";
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private static async Task<ConversationHost> StartAsync(RedisServer redis)
    {
        var host = await ConversationHost.StartAsync(redis, overLoopback: true);
        await AddUserAsync(host, Maria, "Maria da Silva");
        await AddUserAsync(host, Kenji, "Kenji");
        return host;
    }

    private static async Task AddUserAsync(ConversationHost host, string waId, string name) =>
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { wa_id = waId, name })).EnsureSuccessStatusCode();

    private static object TextFrom(string waId, string id, string body, DateTimeOffset at) =>
        new { from = waId, id, type = "text", text = new { body }, timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>Sends through the emulator; every POST it made must have been answered 200 by the bridge.</summary>
    private static async Task SendAsync(ConversationHost host, string route, object body)
    {
        var response = await host.Control.PostAsJsonAsync($"/whatsapp-emulator/_control/{route}", body);
        var answer = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, answer);
        using var sent = JsonDocument.Parse(answer);
        sent.RootElement.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("status_code").GetInt32())
            .Should().OnlyContain(status => status == 200, host.Host.Bridge.Logs.AllText);
        await host.SettleAsync();
    }

    [Fact]
    public async Task AUsersFirstTextReachesVcitaWithTheContactSessionDirectionAndTime()
    {
        await using var host = await StartAsync(redis);

        await SendAsync(host, "messages", TextFrom(Maria, "wamid.e2e.first", "Hi! Do you have time on Friday?", At));

        var vcita = host.Vcita.Snapshot();
        var session = vcita.Sessions.Should().ContainSingle(host.Diagnostics()).Subject;
        var contact = host.Host.Sandbox.Services.GetRequiredService<Sandbox::TemporalBridge.Sandbox.Vcita.Platform.ClientDirectory>()
            .All.Should().ContainSingle().Subject;
        contact.Id.Should().Be(session.ContactUid);
        contact.FirstName.Should().Be("Maria");
        contact.LastName.Should().Be("da Silva");
        host.MessagesInVcita().Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            ChannelUid = host.ChannelUid,
            ContactUid = session.ContactUid,
            ExternalUid = WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, Maria),
            MessageUid = InboundMessageUid.For("whatsapp", "wamid.e2e.first"),
            Message = "Hi! Do you have time on Friday?",
            Direction = "client_to_business",
            CreatedAt = "2026-11-25 09:30:00",
        });
    }

    [Fact]
    public async Task MediaLocationsAndReactionsReachVcitaAsReadableText()
    {
        await using var host = await StartAsync(redis);

        await SendAsync(host, "webhooks", new
        {
            messages = new object[]
            {
                new { from = Maria, id = "wamid.e2e.photo", type = "image", image = new { caption = "The scratch on the door" }, timestamp = "1764063000" },
                new { from = Maria, id = "wamid.e2e.where", type = "location", location = new { latitude = 52.52, longitude = 13.405, name = "Office" }, timestamp = "1764063001" },
                new { from = Maria, id = "wamid.e2e.like", type = "reaction", reaction = new { message_id = "wamid.e2e.photo", emoji = "👍" }, timestamp = "1764063002" },
            },
        });

        host.MessagesInVcita().Select(m => m.Message).Should().Equal(
            "[Photo] The scratch on the door",
            "[Location] Office https://maps.google.com/?q=52.52,13.405",
            "Reacted 👍 to an earlier message");
    }

    [Fact]
    public async Task TheSameWebhookThreeTimesPutsEachMessageInVcitaOnce()
    {
        await using var host = await StartAsync(redis);

        await SendAsync(host, "webhooks", new
        {
            messages = new[] { TextFrom(Maria, "wamid.e2e.d1", "one", At), TextFrom(Maria, "wamid.e2e.d2", "two", At.AddSeconds(1)) },
            copies = 3,
        });

        host.MessagesInVcita().Select(m => m.Message).Should().Equal("one", "two");
    }

    [Fact]
    public async Task TwentyMessagesShuffledAcrossFivePostsArriveOnceInTheUsersOrder()
    {
        await using var host = await StartAsync(redis);
        var messages = Enumerable.Range(1, 20).Select(i => TextFrom(Maria, $"wamid.e2e.s{i:00}", $"part {i}", At.AddSeconds(i))).ToArray();

        // The webhooks all reach the bridge before its workflows run: the session sorts them by the users' clock.
        await SendAsync(host, "webhooks", new { messages, posts = 5, shuffle_seed = 11 });

        host.MessagesInVcita().Select(m => m.Message).Should().Equal(Enumerable.Range(1, 20).Select(i => $"part {i}"));
    }

    [Fact]
    public async Task StaffReadingTheMessageInVcitaSendsTheUserReadReceipt()
    {
        await using var host = await StartAsync(redis);
        await SendAsync(host, "messages", TextFrom(Maria, "wamid.e2e.read", "Are you there?", At));
        var messageUid = host.MessagesInVcita().Single().MessageUid;

        foreach (var status in new[] { "received", "read" })
        {
            var reported = await host.Control.PostAsJsonAsync(
                "/vcita-emulator/_control/callbacks/message-status", new { channel_uid = host.ChannelUid, message_uid = messageUid, status });
            reported.EnsureSuccessStatusCode();
            await host.SettleAsync();
        }

        var reads = await host.Control.GetStringAsync("/whatsapp-emulator/_control/graph-calls?operation=read");
        reads.Should().Contain("wamid.e2e.read", host.Diagnostics());
        var delivery = host.Host.Temporal.Workflow(WorkflowIds.InboundDelivery("whatsapp", "wamid.e2e.read"));
        delivery.IsOpen.Should().BeFalse("the message was read: nothing more to follow");
        (await delivery.ResultAsync<InboundDeliveryResult>())!.VcitaStatus.Should().Be("read");
    }

    [Fact]
    public async Task TwoUsersWritingAtOnceGetTwoSessions()
    {
        await using var host = await StartAsync(redis);

        await SendAsync(host, "webhooks", new { messages = new[] { TextFrom(Maria, "wamid.e2e.m", "from Maria", At), TextFrom(Kenji, "wamid.e2e.k", "from Kenji", At) } });

        host.Vcita.Snapshot().Sessions.Select(s => s.ExternalUid).Should().BeEquivalentTo(
            WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, Maria),
            WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, Kenji));
        host.MessagesInVcita().Select(m => m.Message).Should().BeEquivalentTo("from Maria", "from Kenji");
    }

    [Theory]
    [InlineData("bad")]
    [InlineData("missing")]
    public async Task AWebhookWithoutAValidSignatureIs401AndStartsNothing(string signature)
    {
        await using var host = await StartAsync(redis);
        var before = host.Host.Temporal.Workflows.Count;
        var body = """{"object":"whatsapp_business_account","entry":[{"id":"1000000000000001","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"1234567890"},"contacts":[{"profile":{"name":"Maria"},"wa_id":"15551230001"}],"messages":[{"from":"15551230001","id":"wamid.forged","timestamp":"1764063000","type":"text","text":{"body":"forged"}}]}}]}]}""";

        var response = await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/webhooks/raw", new { body, signature });
        using var sent = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        await host.SettleAsync();

        sent.RootElement.GetProperty("status_code").GetInt32().Should().Be(401);
        host.Host.Temporal.Workflows.Should().HaveCount(before);
        host.MessagesInVcita().Should().BeEmpty();
    }

    [Fact]
    public async Task AMessageToANumberNoChannelOwnsIsAcknowledgedAndStartsNothing()
    {
        await using var host = await StartAsync(redis);
        var before = host.Host.Temporal.Workflows.Count;
        var body = """{"object":"whatsapp_business_account","entry":[{"id":"1000000000000001","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"5550000000"},"contacts":[{"profile":{"name":"Maria"},"wa_id":"15551230001"}],"messages":[{"from":"15551230001","id":"wamid.elsewhere","timestamp":"1764063000","type":"text","text":{"body":"wrong number"}}]}}]}]}""";

        var response = await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/webhooks/raw", new { body, signature = "good" });
        using var sent = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        await host.SettleAsync();

        sent.RootElement.GetProperty("status_code").GetInt32().Should().Be(200);
        host.Host.Temporal.Workflows.Should().HaveCount(before);
        host.Host.Bridge.Logs.AllText.Should().Contain("no channel of this bridge owns");
    }

    /// <summary>
    /// Temporal Cloud actions for one client message in a conversation that already exists, from the webhook to
    /// the read receipt: the figure the README reports. A change to the workflows that costs more shows here.
    /// </summary>
    [Fact]
    public async Task AMessageCostsTheseTemporalActionsFromWebhookToReadReceipt()
    {
        await using var host = await StartAsync(redis);
        await SendAsync(host, "messages", TextFrom(Maria, "wamid.cost.warmup", "hello", At));
        var session = host.Host.Temporal.Workflow(WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, Maria));
        var sessionBefore = session.BillableActions.Total;

        await SendAsync(host, "messages", TextFrom(Maria, "wamid.cost", "how much?", At.AddMinutes(1)));
        var messageUid = InboundMessageUid.For("whatsapp", "wamid.cost");
        foreach (var status in new[] { "received", "read" })
        {
            (await host.Control.PostAsJsonAsync(
                "/vcita-emulator/_control/callbacks/message-status", new { channel_uid = host.ChannelUid, message_uid = messageUid, status })).EnsureSuccessStatusCode();
            await host.SettleAsync();
        }

        var delivery = host.Host.Temporal.Workflow(WorkflowIds.InboundDelivery("whatsapp", "wamid.cost"));
        var sessionActions = session.BillableActions.Total - sessionBefore;
        var breakdown = $"session +{sessionActions}, delivery {delivery.BillableActions}";
        // Session: the webhook's signal, the delivery's hand-over signal. Delivery: its start, the post, the
        // status-wait timer, vcita's read (its received changes nothing and is not handed over), the read receipt.
        sessionActions.Should().Be(2, breakdown);
        delivery.BillableActions.Total.Should().Be(5, breakdown);
    }
}
