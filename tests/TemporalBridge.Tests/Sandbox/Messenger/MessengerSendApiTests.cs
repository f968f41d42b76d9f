using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TemporalBridge.Tests.Sandbox.WhatsApp;

namespace TemporalBridge.Tests.Sandbox.Messenger;

/// <summary>
/// The Messenger emulator's Send API and profile API, held to Meta's reference as strictly as it allows: each Page's
/// own token, the 24-hour window and the 7-day human-agent tag on the emulator's clock, the request's shape, the
/// echo that reaches the app before the answer, and the delivery watermark after it.
/// </summary>
public sealed class MessengerSendApiTests : IAsyncLifetime
{
    private const string Base = "/messenger-emulator";
    private const string Control = Base + "/_control";
    private const string PageId = "2000000000000001";
    private const string PageToken = "dev-messenger-page-token";
    private const string AppSecret = "dev-messenger-app-secret";

    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task ATextInsideTheWindowIsAnsweredAfterItsEchoAndFollowedByADeliveryWatermark()
    {
        await using var emulator = Emulator();
        using var http = Http(emulator);
        var psid = await PersonWritesAsync(http);

        var answer = await SendAsync(http, Text(psid, "See you Friday", metadata: "delivery-out:ch1:m1"));

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var sent = (await answer.Content.ReadFromJsonAsync<JsonNode>())!;
        sent["recipient_id"]!.GetValue<string>().Should().Be(psid);
        var mid = sent["message_id"]!.GetValue<string>();
        mid.Should().StartWith("m_");
        (await receiver.WaitForCountAsync(2)).Should().HaveCount(2, "the echo came before the answer; the delivery waits its second");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var webhooks = await receiver.WaitForCountAsync(3);
        webhooks.Should().OnlyContain(w => w.Path == "/webhooks/messenger" && w.IsSignedWith(AppSecret));
        var echo = webhooks[1].Json["entry"]![0]!["messaging"]![0]!;
        echo["sender"]!["id"]!.GetValue<string>().Should().Be(PageId);
        echo["recipient"]!["id"]!.GetValue<string>().Should().Be(psid);
        echo["message"]!["is_echo"]!.GetValue<bool>().Should().BeTrue();
        echo["message"]!["mid"]!.GetValue<string>().Should().Be(mid);
        echo["message"]!["metadata"]!.GetValue<string>().Should().Be("delivery-out:ch1:m1");
        echo["message"]!["app_id"]!.GetValue<long>().Should().Be(1000000000000002);
        var delivery = webhooks[2].Json["entry"]![0]!["messaging"]![0]!;
        delivery["sender"]!["id"]!.GetValue<string>().Should().Be(psid);
        delivery["delivery"]!["watermark"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(echo["timestamp"]!.GetValue<long>());
    }

    [Fact]
    public async Task TheWindowClosesAfter24HoursAndTheHumanAgentTagNeedsThePermission()
    {
        await using var emulator = Emulator();
        using var http = Http(emulator);
        var psid = await PersonWritesAsync(http);
        emulator.Clock.Advance(TimeSpan.FromHours(24));

        var late = await SendAsync(http, Text(psid, "Still there?"));
        var tagged = await SendAsync(http, Text(psid, "Still there?", tag: "HUMAN_AGENT"));

        await ShouldFailAsync(late, 400, 10, 2018278);
        await ShouldFailAsync(tagged, 400, 10, 2018278);
    }

    [Fact]
    public async Task WithThePermissionAPersonsReplyGoesTaggedUpToSevenDays()
    {
        await using var emulator = Emulator().WithSetting("MessengerEmulator:HumanAgentPermission", "true");
        using var http = Http(emulator);
        var psid = await PersonWritesAsync(http);
        emulator.Clock.Advance(TimeSpan.FromDays(6));

        (await SendAsync(http, Text(psid, "Still there?", tag: "HUMAN_AGENT"))).StatusCode.Should().Be(HttpStatusCode.OK);
        emulator.Clock.Advance(TimeSpan.FromDays(1));
        await ShouldFailAsync(await SendAsync(http, Text(psid, "Still there?", tag: "HUMAN_AGENT")), 400, 10, 2018278);
    }

    [Theory]
    [InlineData("""{"recipient":{"id":"PSID"},"message":{"text":"hi"}}""", "messaging_type")]
    [InlineData("""{"recipient":{"id":"PSID"},"messaging_type":"RESPONSE","tag":"HUMAN_AGENT","message":{"text":"hi"}}""", "tag")]
    [InlineData("""{"recipient":{"id":"PSID"},"messaging_type":"MESSAGE_TAG","tag":"ACCOUNT_UPDATE","message":{"text":"hi"}}""", "tag")]
    [InlineData("""{"recipient":{"id":"PSID","phone_number":"+15550001111"},"messaging_type":"RESPONSE","message":{"text":"hi"}}""", "recipient")]
    [InlineData("""{"recipient":{"id":"PSID"},"messaging_type":"RESPONSE","message":{"text":"hi","attachment":{"type":"image"}}}""", "message.attachment")]
    [InlineData("""{"recipient":{"id":"PSID"},"messaging_type":"RESPONSE","message":{"text":"   "}}""", "text")]
    [InlineData("""{"recipient":{"id":"PSID"},"messaging_type":"RESPONSE","message":{"text":"hi"},"access_token":"x"}""", "access_token")]
    [InlineData("""{"recipient":{"id":"PSID"},"sender_action":"typing_on","messaging_type":"RESPONSE"}""", "sender action")]
    [InlineData("""{"recipient":{"id":"PSID"},"sender_action":"react"}""", "sender_action")]
    public async Task ARequestOutsideTheReferenceIsRefusedAs100NamingWhatIsWrong(string body, string named)
    {
        await using var emulator = Emulator();
        using var http = Http(emulator);
        var psid = await PersonWritesAsync(http);

        var answer = await http.PostAsync($"{Base}/graph/v23.0/{PageId}/messages", new StringContent(body.Replace("PSID", psid), System.Text.Encoding.UTF8, "application/json"));

        var error = await ShouldFailAsync(answer, 400, 100, null);
        error["message"]!.GetValue<string>().Should().Contain(named);
    }

    [Fact]
    public async Task TextOver2000CharactersAndMetadataOver1000AreRefused()
    {
        await using var emulator = Emulator();
        using var http = Http(emulator);
        var psid = await PersonWritesAsync(http);

        (await SendAsync(http, Text(psid, string.Concat(Enumerable.Repeat("😀", 2000))))).StatusCode.Should().Be(HttpStatusCode.OK, "the limit counts characters, not UTF-16 units");
        await ShouldFailAsync(await SendAsync(http, Text(psid, new string('a', 2001))), 400, 100, null);
        (await SendAsync(http, Text(psid, "hi", metadata: new string('m', 1000)))).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldFailAsync(await SendAsync(http, Text(psid, "hi", metadata: new string('m', 1001))), 400, 100, null);
    }

    [Fact]
    public async Task EachPageTakesOnlyItsOwnTokenAndARevokedTokenIs190()
    {
        await using var emulator = Emulator()
            .WithSetting("MessengerEmulator:Pages:0:PageId", PageId).WithSetting("MessengerEmulator:Pages:0:Name", "Acme").WithSetting("MessengerEmulator:Pages:0:AccessToken", PageToken)
            .WithSetting("MessengerEmulator:Pages:1:PageId", "2000000000000002").WithSetting("MessengerEmulator:Pages:1:Name", "Other").WithSetting("MessengerEmulator:Pages:1:AccessToken", "other-page-token");
        using var http = Http(emulator);
        var psid = await PersonWritesAsync(http);
        using var other = Http(emulator, "other-page-token");

        await ShouldFailAsync(await SendAsync(other, Text(psid, "hi")), 400, 100, 33);
        await ShouldFailAsync(await other.PostAsJsonAsync($"{Base}/graph/v23.0/2000000000000002/messages", Text(psid, "hi")), 400, 100, 2018001);
        (await http.PostAsJsonAsync($"{Control}/pages/{PageId}/token", new { access_token = (string?)null })).EnsureSuccessStatusCode();
        await ShouldFailAsync(await SendAsync(http, Text(psid, "hi")), 401, 190, null);
    }

    [Fact]
    public async Task SenderActionsNeedAPersonOfThePageButNoWindow()
    {
        await using var emulator = Emulator();
        using var http = Http(emulator);
        var psid = await PersonWritesAsync(http);
        emulator.Clock.Advance(TimeSpan.FromDays(30));

        var seen = await SendAsync(http, new { recipient = new { id = psid }, sender_action = "mark_seen" });
        var nobody = await SendAsync(http, new { recipient = new { id = "1111111111111111" }, sender_action = "typing_on" });

        seen.StatusCode.Should().Be(HttpStatusCode.OK);
        (await seen.Content.ReadFromJsonAsync<JsonNode>())!.AsObject().Select(p => p.Key).Should().Equal("recipient_id");
        await ShouldFailAsync(nobody, 400, 100, 2018001);
    }

    [Fact]
    public async Task TheProfileGivesTheNamesAskedForOrMetasNoProfileError()
    {
        await using var emulator = Emulator();
        using var http = Http(emulator);
        var named = await PersonWritesAsync(http, firstName: "Maria", lastName: "Lopez");
        var unnamed = await PersonWritesAsync(http, firstName: null, lastName: null);

        var profile = await http.GetFromJsonAsync<JsonNode>($"{Base}/graph/v23.0/{named}?fields=first_name,last_name");
        var none = await http.GetAsync($"{Base}/graph/v23.0/{unnamed}?fields=first_name,last_name");
        var wrongField = await http.GetAsync($"{Base}/graph/v23.0/{named}?fields=first_name,email");

        (profile!["first_name"]!.GetValue<string>(), profile["last_name"]!.GetValue<string>(), profile["id"]!.GetValue<string>()).Should().Be(("Maria", "Lopez", named));
        await ShouldFailAsync(none, 400, 100, 2018218);
        (await ShouldFailAsync(wrongField, 400, 100, null))["message"]!.GetValue<string>().Should().Contain("email");
    }

    [Fact]
    public async Task AnInjectedFaultAnswersMetasErrorOnceAndIsRecorded()
    {
        await using var emulator = Emulator();
        using var http = Http(emulator);
        var psid = await PersonWritesAsync(http);
        (await http.PostAsJsonAsync($"{Control}/faults", new { operation = "send", code = 613 })).EnsureSuccessStatusCode();

        await ShouldFailAsync(await SendAsync(http, Text(psid, "hi")), 400, 613, null);
        (await SendAsync(http, Text(psid, "hi"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var calls = await http.GetFromJsonAsync<JsonArray>($"{Control}/calls?operation=send");
        calls!.Select(c => c!["status_code"]!.GetValue<int>()).Should().Equal(400, 200);
        (await http.PostAsJsonAsync($"{Control}/faults", new { operation = "send", code = 12345 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private WhatsAppEmulatorApplication Emulator() => new(receiver);

    private static HttpClient Http(WhatsAppEmulatorApplication emulator, string token = PageToken)
    {
        var http = emulator.CreateHttp(token: null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A person of the Page writes (opening the window); answers their PSID once the webhook has gone.</summary>
    private async Task<string> PersonWritesAsync(HttpClient http, string? firstName = "Ada", string? lastName = "Lovelace")
    {
        var created = await http.PostAsJsonAsync($"{Control}/people", new { first_name = firstName, last_name = lastName });
        created.EnsureSuccessStatusCode();
        var psid = (await created.Content.ReadFromJsonAsync<JsonNode>())!["psid"]!.GetValue<string>();
        var before = receiver.Received.Count;
        (await http.PostAsJsonAsync($"{Control}/messages", new { psid, text = "hi" })).EnsureSuccessStatusCode();
        await receiver.WaitForCountAsync(before + 1);
        return psid;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, object body) => http.PostAsJsonAsync($"{Base}/graph/v23.0/{PageId}/messages", body);

    private static JsonObject Text(string psid, string text, string? tag = null, string? metadata = null)
    {
        var message = new JsonObject { ["text"] = text };
        if (metadata is not null)
        {
            message["metadata"] = metadata;
        }
        var body = new JsonObject { ["recipient"] = new JsonObject { ["id"] = psid }, ["messaging_type"] = tag is null ? "RESPONSE" : "MESSAGE_TAG", ["message"] = message };
        if (tag is not null)
        {
            body["tag"] = tag;
        }
        return body;
    }

    private static async Task<JsonNode> ShouldFailAsync(HttpResponseMessage answer, int status, int code, int? subcode)
    {
        var body = await answer.Content.ReadAsStringAsync();
        ((int)answer.StatusCode).Should().Be(status, body);
        var error = JsonNode.Parse(body)!["error"]!;
        error["code"]!.GetValue<int>().Should().Be(code, body);
        (error["error_subcode"]?.GetValue<int>()).Should().Be(subcode, body);
        error["fbtrace_id"]!.GetValue<string>().Should().NotBeEmpty();
        return error;
    }
}
