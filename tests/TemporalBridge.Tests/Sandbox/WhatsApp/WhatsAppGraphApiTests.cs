using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>The Graph API the bridge calls: sends, read receipts, typing indicators, Meta's validation and the 24-hour window.</summary>
public sealed class WhatsAppGraphApiTests
{
    private const string WaId = "15551234567";

    private static object TextTo(string to, string body = "Thanks, see you Tuesday") =>
        new { messaging_product = "whatsapp", recipient_type = "individual", to, type = "text", text = new { body, preview_url = false } };

    [Fact]
    public async Task ATextToAUserWhoWroteIsAcceptedWithAWamidAndRecorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);

        var response = await GraphSendAsync(http, TextTo("+1 555 123 4567"));
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["messaging_product"]!.GetValue<string>().Should().Be("whatsapp");
        body["contacts"]![0]!["input"]!.GetValue<string>().Should().Be("+1 555 123 4567");
        body["contacts"]![0]!["wa_id"]!.GetValue<string>().Should().Be(WaId);
        var wamid = body["messages"]![0]!["id"]!.GetValue<string>();
        wamid.Should().StartWith("wamid.");
        var call = (await ControlGetAsync(http, "graph-calls?operation=send")).AsArray().Should().ContainSingle().Subject!;
        call["wamid"]!.GetValue<string>().Should().Be(wamid);
        call["recipient"]!.GetValue<string>().Should().Be("+1 555 123 4567");
        call["status_code"]!.GetValue<int>().Should().Be(200);
        call["request"]!["text"]!["body"]!.GetValue<string>().Should().Be("Thanks, see you Tuesday");
    }

    [Fact]
    public async Task AReplyQuotingAMessageAndAReactionAreAccepted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        var inbound = await UserWritesAsync(http, WaId);

        var reply = await GraphSendAsync(http, new
        {
            messaging_product = "whatsapp",
            to = WaId,
            type = "text",
            text = new { body = "quoted" },
            context = new { message_id = inbound },
        });
        var reaction = await GraphSendAsync(http, new
        {
            messaging_product = "whatsapp",
            to = WaId,
            type = "reaction",
            reaction = new { message_id = inbound, emoji = "👍" },
        });

        reply.StatusCode.Should().Be(HttpStatusCode.OK);
        reaction.StatusCode.Should().Be(HttpStatusCode.OK);
        var calls = (await ControlGetAsync(http, "graph-calls?operation=send")).AsArray();
        calls[0]!["request"]!["context"]!["message_id"]!.GetValue<string>().Should().Be(inbound);
        calls[1]!["request"]!["reaction"]!["emoji"]!.GetValue<string>().Should().Be("👍");
    }

    [Fact]
    public async Task MarkAsReadAndTypingAnswerSuccessAndAreRecordedApart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        var inbound = await UserWritesAsync(http, WaId);

        var read = await GraphSendAsync(http, new { messaging_product = "whatsapp", status = "read", message_id = inbound });
        var typing = await GraphSendAsync(http, new
        {
            messaging_product = "whatsapp",
            status = "read",
            message_id = inbound,
            typing_indicator = new { type = "text" },
        });

        (await read.Content.ReadFromJsonAsync<JsonNode>())!["success"]!.GetValue<bool>().Should().BeTrue();
        (await typing.Content.ReadFromJsonAsync<JsonNode>())!["success"]!.GetValue<bool>().Should().BeTrue();
        var calls = (await ControlGetAsync(http, "graph-calls")).AsArray();
        calls.Select(c => c!["operation"]!.GetValue<string>()).Should().Equal("read", "typing");
        calls.Should().OnlyContain(c => c!["wamid"]!.GetValue<string>() == inbound && c["recipient"]!.GetValue<string>() == WaId);
    }

    [Fact]
    public async Task MarkingAnUnknownMessageReadIsMetasInvalidParameter()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();

        var response = await GraphSendAsync(http, new { messaging_product = "whatsapp", status = "read", message_id = "wamid.unknown=" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(response))["code"]!.GetValue<int>().Should().Be(100);
    }

    [Theory]
    [InlineData("no messaging_product", "{\"to\":\"15551234567\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}", "messaging_product")]
    [InlineData("wrong messaging_product", "{\"messaging_product\":\"sms\",\"to\":\"15551234567\",\"text\":{\"body\":\"x\"}}", "messaging_product")]
    [InlineData("no to", "{\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}", "to")]
    [InlineData("no body", "{\"messaging_product\":\"whatsapp\",\"to\":\"15551234567\",\"type\":\"text\",\"text\":{}}", "text['body']")]
    [InlineData("unknown type", "{\"messaging_product\":\"whatsapp\",\"to\":\"15551234567\",\"type\":\"fax\"}", "type")]
    [InlineData("template without name", "{\"messaging_product\":\"whatsapp\",\"to\":\"15551234567\",\"type\":\"template\",\"template\":{\"language\":{\"code\":\"en_US\"}}}", "template['name']")]
    [InlineData("not JSON", "this is not json", "JSON")]
    public async Task AnInvalidSendIsMetasError100NamingTheParameter(string why, string body, string named)
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);

        var response = await http.PostAsync($"{Graph}/{PhoneNumberId}/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, why);
        var error = await ErrorAsync(response);
        error["code"]!.GetValue<int>().Should().Be(100, why);
        error["type"]!.GetValue<string>().Should().Be("OAuthException");
        error["error_data"]!["messaging_product"]!.GetValue<string>().Should().Be("whatsapp");
        error["error_data"]!["details"]!.GetValue<string>().Should().Contain(named, why);
        error["fbtrace_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ATextLongerThan4096CharactersIsRefused()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);

        var atLimit = await GraphSendAsync(http, TextTo(WaId, new string('a', 4096)));
        var over = await GraphSendAsync(http, TextTo(WaId, new string('a', 4097)));

        atLimit.StatusCode.Should().Be(HttpStatusCode.OK);
        over.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(over))["error_data"]!["details"]!.GetValue<string>().Should().Contain("4096");
    }

    [Fact]
    public async Task AnUnknownPhoneNumberIdIsError100()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();

        var response = await GraphSendAsync(http, TextTo(WaId), phoneNumberId: "999");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await ErrorAsync(response);
        error["code"]!.GetValue<int>().Should().Be(100);
        error["message"]!.GetValue<string>().Should().Contain("'999'");
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData(null)]
    public async Task AWrongOrMissingBearerIsError190With401(string? token)
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp(token);

        var response = await GraphSendAsync(http, TextTo(WaId));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var error = await ErrorAsync(response);
        error["code"]!.GetValue<int>().Should().Be(190);
        error["type"]!.GetValue<string>().Should().Be("OAuthException");
        error["fbtrace_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task TheAccessTokenComesFromTheSettings()
    {
        await using var emulator = new WhatsAppEmulatorApplication().WithSetting("WhatsAppEmulator:AccessToken", "configured-token");
        using var defaultToken = emulator.CreateHttp();
        using var configured = emulator.CreateHttp("configured-token");

        (await GraphSendAsync(defaultToken, TextTo(WaId))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await GraphSendAsync(configured, TextTo(WaId))).StatusCode.Should().NotBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AFreeFormMessageMoreThan24HoursAfterTheUserWroteIsError131047ButATemplateGoesOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);

        emulator.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var inside = await GraphSendAsync(http, TextTo(WaId));
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var outside = await GraphSendAsync(http, TextTo(WaId));
        var template = await GraphSendAsync(http, new
        {
            messaging_product = "whatsapp",
            to = WaId,
            type = "template",
            template = new { name = "follow_up", language = new { code = "en_US" } },
        });

        inside.StatusCode.Should().Be(HttpStatusCode.OK);
        outside.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(outside))["code"]!.GetValue<int>().Should().Be(131047);
        template.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AFreeFormMessageToSomeoneWhoNeverWroteIsError131047()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);

        var response = await GraphSendAsync(http, TextTo(WaId));

        (await ErrorAsync(response))["code"]!.GetValue<int>().Should().Be(131047);
    }

    [Fact]
    public async Task TheWindowBelongsToTheNumberTheUserWroteTo()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver).WithTwoNumbers();
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);

        var sameNumber = await GraphSendAsync(http, TextTo(WaId));
        var otherNumber = await GraphSendAsync(http, TextTo(WaId), phoneNumberId: "2222222222");

        sameNumber.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ErrorAsync(otherNumber))["code"]!.GetValue<int>().Should().Be(131047);
    }

    private static async Task<JsonNode> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!;
}
