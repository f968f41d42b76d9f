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
    public async Task BothSidesAppearInOrderAndAPhotoAndAReplyReachTheBridgeInMetasShape()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var psid = await PersonAsync(http);
        var first = await WritesAsync(http, new { psid, text = "Do you have rye?" });
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await PageSendsAsync(http, psid, "Yes, fresh today");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await WritesAsync(http, new { psid, text = "This one?", image_url = "https://cdn.example/rye.jpg", reply_to = answer });
        (await http.PostAsJsonAsync($"{Control}/reactions", new { psid, mid = answer, reaction = "like", emoji = "👍" })).EnsureSuccessStatusCode();

        var chat = await ChatAsync(http, psid);

        chat["name"]!.GetValue<string>().Should().Be("Ada Lovelace");
        chat["page_id"]!.GetValue<string>().Should().Be(PageId);
        chat["messages"]!.AsArray().Select(m => (m!["from"]!.GetValue<string>(), m["preview"]!.GetValue<string>()))
            .Should().Equal(("person", "Do you have rye?"), ("page", "Yes, fresh today"), ("person", "Photo: This one?"));
        chat["messages"]![0]!["mid"]!.GetValue<string>().Should().Be(first);
        chat["messages"]![1]!["reaction"]!.GetValue<string>().Should().Be("👍");
        chat["messages"]![2]!["reply_to"]!.GetValue<string>().Should().Be(answer);
        var photo = (await receiver.WaitForCountAsync(5)).Select(w => w.Json["entry"]![0]!["messaging"]![0]!["message"])
            .Single(m => m?["attachments"] is not null)!;
        photo["text"]!.GetValue<string>().Should().Be("This one?");
        photo["attachments"]![0]!["type"]!.GetValue<string>().Should().Be("image");
        photo["attachments"]![0]!["payload"]!["url"]!.GetValue<string>().Should().Be("https://cdn.example/rye.jpg");
        photo["reply_to"]!["mid"]!.GetValue<string>().Should().Be(answer);
    }

    [Fact]
    public async Task MarkSeenMarksWhatThePersonWroteBeforeItAndTheirReadMarksWhatThePageSentBeforeIt()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var psid = await PersonAsync(http);
        await WritesAsync(http, new { psid, text = "one" });
        await PageSendsAsync(http, psid, "first answer");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        (await SenderActionAsync(http, psid, "mark_seen")).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"{Control}/reads", new { psid })).EnsureSuccessStatusCode();
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await WritesAsync(http, new { psid, text = "two" });
        await PageSendsAsync(http, psid, "second answer");

        var chat = await ChatAsync(http, psid);

        chat["messages"]!.AsArray().Select(m => (m!["preview"]!.GetValue<string>(), m["seen"]!.GetValue<bool>()))
            .Should().Equal(("one", true), ("first answer", true), ("two", false), ("second answer", false));
    }

    [Fact]
    public async Task ThePagesTypingShowsForTwentySecondsOrUntilTypingOffOrItsNextMessage()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var psid = await PersonAsync(http);
        await WritesAsync(http, new { psid, text = "hello" });

        async Task<bool> TypingAsync() => (await ChatAsync(http, psid))["page_typing"]!.GetValue<bool>();
        (await SenderActionAsync(http, psid, "typing_on")).EnsureSuccessStatusCode();
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
    }

    [Theory]
    [InlineData("reply_to", """{"text":"hi","reply_to":"m_not-in-this-conversation"}""")]
    [InlineData("image_url", """{"image_url":"/photo.svg"}""")]
    [InlineData("text", """{"text":" "}""")]
    public async Task AMessageThePersonsAppCouldNotSendIsRefusedNamingTheField(string field, string json)
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);
        var psid = await PersonAsync(http);
        var body = JsonNode.Parse(json)!.AsObject();
        body["psid"] = psid;

        var answer = await http.PostAsJsonAsync($"{Control}/messages", body);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![field].Should().NotBeNull();
        (await ChatAsync(http, psid))["messages"]!.AsArray().Should().BeEmpty();
        receiver.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task AnUnknownPersonHasNoChatAndThePagesAreListedWithoutTheirTokens()
    {
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = Http(emulator);

        var chat = await http.GetAsync($"{Control}/chats/1234");
        var pages = await http.GetStringAsync($"{Control}/pages");

        chat.StatusCode.Should().Be(HttpStatusCode.NotFound);
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
