using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TemporalBridge.Tests.Sandbox.WhatsApp;

namespace TemporalBridge.Tests.Sandbox.Messenger;

/// <summary>A person's conversation with a Page as the sandbox's page shows it, and what the person sends for it: a
/// photo and a reply in Meta's webhook shapes, reactions, "seen", reads and the Page's typing.</summary>
public sealed class MessengerChatsTests : IAsyncLifetime
{
    private const string Control = "/messenger-emulator/_control";
    private const string PageId = "2000000000000001";

    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task BothSidesAppearInOrderAndAPhotoALocationAndAReplyReachTheBridgeInMetasShape()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var psid = await PersonAsync(http);
        var first = await WritesAsync(http, new { psid, text = "Do you have rye?" });
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await PageSendsAsync(http, psid, "Yes, fresh today");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await WritesAsync(http, new { psid, image_url = "https://cdn.example/rye.jpg", reply_to = answer });
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await WritesAsync(http, new { psid, location = new { lat = 40.7411, @long = -73.9897 }, reply_to = first });
        (await http.PostAsJsonAsync($"{Control}/reactions", new { psid, mid = answer, reaction = "like", emoji = "👍" })).EnsureSuccessStatusCode();

        var chat = await ChatAsync(http, psid);

        chat["name"]!.GetValue<string>().Should().Be("Ada Lovelace");
        chat["page_id"]!.GetValue<string>().Should().Be(PageId);
        chat["messages"]!.AsArray().Select(m => (m!["from"]!.GetValue<string>(), m["preview"]!.GetValue<string>(), m["reply_to"]?.GetValue<string>()))
            .Should().Equal(("person", "Do you have rye?", null), ("page", "Yes, fresh today", null), ("person", "Photo", answer), ("person", "Location", first));
        chat["messages"]![0]!["mid"]!.GetValue<string>().Should().Be(first);
        chat["messages"]!.AsArray().Select(m => m!["reaction"]?.GetValue<string>()).Should().Equal(null, "👍", null, null);
        var written = (await receiver.WaitForCountAsync(6)).Select(w => w.Json["entry"]![0]!["messaging"]![0]!["message"])
            .Where(m => m?["attachments"] is not null).ToList();
        written.Should().HaveCount(2);
        written[0]!["text"].Should().BeNull("Messenger has no captions");
        written[0]!["attachments"]![0]!["type"]!.GetValue<string>().Should().Be("image");
        written[0]!["attachments"]![0]!["payload"]!["url"]!.GetValue<string>().Should().Be("https://cdn.example/rye.jpg");
        written[0]!["reply_to"]!["mid"]!.GetValue<string>().Should().Be(answer);
        written[1]!["attachments"]![0]!["type"]!.GetValue<string>().Should().Be("location");
        written[1]!["attachments"]![0]!["payload"]!["coordinates"]!["lat"]!.GetValue<double>().Should().Be(40.7411);
        written[1]!["attachments"]![0]!["payload"]!["coordinates"]!["long"]!.GetValue<double>().Should().Be(-73.9897);
        written[1]!["attachments"]![0]!["payload"]!["url"].Should().BeNull();
    }

    [Fact]
    public async Task ATakenBackReactionLeavesTheMessageAndAPersonWithoutANameIsCalledByTheirId()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var created = await http.PostAsJsonAsync($"{Control}/people", new { psid = "4242" });
        created.EnsureSuccessStatusCode();
        var mid = await WritesAsync(http, new { psid = "4242", text = "hi" });
        (await http.PostAsJsonAsync($"{Control}/reactions", new { psid = "4242", mid, reaction = "like", emoji = "👍" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"{Control}/reactions", new { psid = "4242", mid, action = "unreact" })).EnsureSuccessStatusCode();

        var chat = await ChatAsync(http, "4242");

        chat["name"]!.GetValue<string>().Should().Be("Person 4242");
        chat["messages"]![0]!["reaction"].Should().BeNull();
    }

    [Fact]
    public async Task MarkSeenMarksWhatThePersonWroteUpToItAndTheirReadMarksWhatThePageSentUpToIt()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var psid = await PersonAsync(http);
        await WritesAsync(http, new { psid, text = "one" });
        await PageSendsAsync(http, psid, "first answer");
        (await SenderActionAsync(http, psid, "mark_seen")).EnsureSuccessStatusCode();
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await WritesAsync(http, new { psid, text = "two" });
        await PageSendsAsync(http, psid, "second answer");
        // At the same instant as "two": seen and read up to and with it (the later mark reaches further).
        (await SenderActionAsync(http, psid, "mark_seen")).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"{Control}/reads", new { psid })).EnsureSuccessStatusCode();
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await WritesAsync(http, new { psid, text = "three" });
        await PageSendsAsync(http, psid, "third answer");

        var chat = await ChatAsync(http, psid);

        chat["messages"]!.AsArray().Select(m => (m!["preview"]!.GetValue<string>(), m["seen"]!.GetValue<bool>())).Should().Equal(
            ("one", true), ("first answer", true), ("two", true), ("second answer", true), ("three", false), ("third answer", false));
    }

    [Fact]
    public async Task OnlyAMarkSeenTheSendApiAcceptedForThisPersonCounts()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var psid = await PersonAsync(http);
        var created = await http.PostAsJsonAsync($"{Control}/people", new { first_name = "Grace" });
        var other = (await created.Content.ReadFromJsonAsync<JsonNode>())!["psid"]!.GetValue<string>();
        await WritesAsync(http, new { psid, text = "one" });
        await WritesAsync(http, new { psid = other, text = "hello" });
        (await http.PostAsJsonAsync($"{Control}/faults", new { operation = "mark_seen", code = 613 })).EnsureSuccessStatusCode();
        (await SenderActionAsync(http, psid, "mark_seen")).IsSuccessStatusCode.Should().BeFalse();
        (await SenderActionAsync(http, other, "mark_seen")).EnsureSuccessStatusCode();
        (await SenderActionAsync(http, other, "typing_on")).EnsureSuccessStatusCode();

        var chat = await ChatAsync(http, psid);

        chat["messages"]![0]!["seen"]!.GetValue<bool>().Should().BeFalse();
        chat["page_typing"]!.GetValue<bool>().Should().BeFalse();
        (await ChatAsync(http, other))["messages"]![0]!["seen"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task ThePagesTypingShowsForTwentySecondsOrUntilTypingOffOrItsNextMessage()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var psid = await PersonAsync(http);
        await WritesAsync(http, new { psid, text = "hello" });

        async Task<bool> TypingAsync() => (await ChatAsync(http, psid))["page_typing"]!.GetValue<bool>();
        var on = emulator.Clock.GetUtcNow();
        (await SenderActionAsync(http, psid, "typing_on")).EnsureSuccessStatusCode();
        var until = (await ChatAsync(http, psid))["page_typing_until"]!.GetValue<DateTimeOffset>();
        var typing = await TypingAsync();
        emulator.Clock.Advance(TimeSpan.FromSeconds(19));
        var stillTyping = await TypingAsync();
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await TypingAsync();
        (await SenderActionAsync(http, psid, "typing_on")).EnsureSuccessStatusCode();
        (await SenderActionAsync(http, psid, "typing_off")).EnsureSuccessStatusCode();
        var turnedOff = await TypingAsync();
        (await SenderActionAsync(http, psid, "typing_on")).EnsureSuccessStatusCode();
        await PageSendsAsync(http, psid, "Here");
        var answered = await TypingAsync();

        (typing, stillTyping, expired, turnedOff, answered).Should().Be((true, true, false, false, false));
        until.Should().Be(on.AddSeconds(20));
    }

    [Theory]
    [InlineData("reply_to", """{"text":"hi","reply_to":"m_not-in-this-conversation"}""")]
    [InlineData("reply_to", """{"text":"hi","reply_to":""}""")]
    [InlineData("image_url", """{"image_url":"/photo.svg"}""")]
    [InlineData("image_url", """{"image_url":"ftp://cdn.example/photo.jpg"}""")]
    [InlineData("text", """{"text":" "}""")]
    [InlineData("text", """{"text":"Look","image_url":"https://cdn.example/photo.jpg"}""")]
    [InlineData("text", """{"image_url":"https://cdn.example/photo.jpg","location":{"lat":1,"long":2}}""")]
    [InlineData("location", """{"location":{"lat":91,"long":2}}""")]
    [InlineData("location", """{"location":{"lat":1,"long":-181}}""")]
    [InlineData("location", """{"location":{"lat":1}}""")]
    [InlineData("psid", """{"psid":"999","text":"hi"}""")]
    public async Task AMessageThePersonsAppCouldNotSendIsRefusedNamingTheFieldAndSendsNothing(string field, string json)
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var psid = await PersonAsync(http);
        var body = JsonNode.Parse(json)!.AsObject();
        body["psid"] ??= psid;

        var answer = await http.PostAsJsonAsync($"{Control}/messages", body);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![field].Should().NotBeNull();
        (await ChatAsync(http, psid))["messages"]!.AsArray().Should().BeEmpty();
        // The next webhook is the next message's: the refused one queued none.
        var next = await WritesAsync(http, new { psid, text = "hi" });
        (await receiver.WaitForCountAsync(1)).Single().Json["entry"]![0]!["messaging"]![0]!["message"]!["mid"]!.GetValue<string>().Should().Be(next);
    }

    [Fact]
    public async Task AnUnknownPersonHasNoChatAndThePagesAreListedWithoutTheirTokens()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);

        var chat = await http.GetAsync($"{Control}/chats/1234");
        var pages = await http.GetStringAsync($"{Control}/pages");

        chat.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = (await chat.Content.ReadFromJsonAsync<JsonNode>())!;
        problem["title"]!.GetValue<string>().Should().Be("No such person");
        problem["detail"]!.GetValue<string>().Should().StartWith("psid: no simulated person '1234'");
        JsonNode.Parse(pages)!.AsArray().Select(p => (p!["page_id"]!.GetValue<string>(), p["name"]!.GetValue<string>()))
            .Should().Equal((PageId, "Acme Bakery"));
        pages.Should().NotContain("token");
    }

    private static HttpClient Http(WhatsAppEmulatorApplication emulator)
    {
        var http = emulator.CreateHttp(token: null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dev-messenger-page-token");
        return http;
    }

    private static async Task<string> PersonAsync(HttpClient http)
    {
        var created = await http.PostAsJsonAsync($"{Control}/people", new { first_name = "Ada", last_name = "Lovelace" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonNode>())!["psid"]!.GetValue<string>();
    }

    private static async Task<string> WritesAsync(HttpClient http, object body)
    {
        var answer = await http.PostAsJsonAsync($"{Control}/messages", body);
        answer.IsSuccessStatusCode.Should().BeTrue(await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonNode>())!["mid"]!.GetValue<string>();
    }

    private static async Task<string> PageSendsAsync(HttpClient http, string psid, string text)
    {
        var answer = await http.PostAsJsonAsync($"/messenger-emulator/graph/v23.0/{PageId}/messages",
            new { recipient = new { id = psid }, messaging_type = "RESPONSE", message = new { text } });
        answer.IsSuccessStatusCode.Should().BeTrue(await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonNode>())!["message_id"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> SenderActionAsync(HttpClient http, string psid, string action) =>
        http.PostAsJsonAsync($"/messenger-emulator/graph/v23.0/{PageId}/messages", new { recipient = new { id = psid }, sender_action = action });

    private static async Task<JsonNode> ChatAsync(HttpClient http, string psid) =>
        (await http.GetFromJsonAsync<JsonNode>($"{Control}/chats/{psid}"))!;
}
