using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>A simulated user's message reaches the bridge as Meta's webhook, signed with the app secret.</summary>
public sealed class WhatsAppInboundWebhookTests
{
    private const string WaId = "15551234567";

    [Fact]
    public async Task ATextArrivesInMetasEnvelopeSignedWithTheAppSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId, "Ada Lovelace");

        var answer = await UserSendsAsync(http, new { from = WaId, type = "text", text = new { body = "Hello there" } });
        var webhook = (await receiver.WaitForCountAsync(1)).Single();

        webhook.Path.Should().Be("/webhooks/whatsapp");
        webhook.ContentType.Should().StartWith("application/json");
        webhook.IsSignedWith(AppSecret).Should().BeTrue("the signature is the HMAC of the exact bytes: {0}", webhook.Signature);
        webhook.Signature.Should().MatchRegex("^sha256=[0-9a-f]{64}$");
        var json = webhook.Json;
        json["object"]!.GetValue<string>().Should().Be("whatsapp_business_account");
        json["entry"]![0]!["id"]!.GetValue<string>().Should().Be(WabaId);
        json["entry"]![0]!["changes"]![0]!["field"]!.GetValue<string>().Should().Be("messages");
        var value = webhook.Value;
        value["messaging_product"]!.GetValue<string>().Should().Be("whatsapp");
        value["metadata"]!["display_phone_number"]!.GetValue<string>().Should().Be(DisplayPhoneNumber);
        value["metadata"]!["phone_number_id"]!.GetValue<string>().Should().Be(PhoneNumberId);
        value["contacts"]![0]!["profile"]!["name"]!.GetValue<string>().Should().Be("Ada Lovelace");
        value["contacts"]![0]!["wa_id"]!.GetValue<string>().Should().Be(WaId);
        var message = value["messages"]![0]!;
        message["from"]!.GetValue<string>().Should().Be(WaId);
        message["id"]!.GetValue<string>().Should().StartWith("wamid.").And.Be(answer["wamids"]![0]!.GetValue<string>());
        message["timestamp"]!.GetValue<string>().Should().Be(emulator.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        message["type"]!.GetValue<string>().Should().Be("text");
        message["text"]!["body"]!.GetValue<string>().Should().Be("Hello there");
        message["context"].Should().BeNull();
        answer["posts"]![0]!["status_code"]!.GetValue<int>().Should().Be(200);
    }

    [Fact]
    public async Task EveryMessageGetsItsOwnWamid()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);

        var first = await UserWritesAsync(http, WaId);
        var second = await UserWritesAsync(http, WaId);

        first.Should().NotBe(second);
    }

    [Theory]
    [InlineData("image", "image/jpeg")]
    [InlineData("video", "video/mp4")]
    [InlineData("document", "application/pdf")]
    public async Task MediaCarriesAMediaIdHashMimeTypeAndCaption(string type, string mimeType)
    {
        var message = await ReceiveAsync(new Dictionary<string, object?>
        {
            ["from"] = WaId,
            ["type"] = type,
            [type] = new { caption = "look", filename = "invoice.pdf" },
        });

        var media = message[type]!;
        media["id"]!.GetValue<string>().Should().MatchRegex("^[0-9]{16}$");
        media["mime_type"]!.GetValue<string>().Should().Be(mimeType);
        Convert.FromBase64String(media["sha256"]!.GetValue<string>()).Should().HaveCount(32);
        media["caption"]!.GetValue<string>().Should().Be("look");
        if (type == "document")
        {
            media["filename"]!.GetValue<string>().Should().Be("invoice.pdf");
        }
        else
        {
            media["filename"].Should().BeNull("only documents have a file name");
        }
    }

    [Fact]
    public async Task AVoiceNoteIsAudioMarkedVoice()
    {
        var message = await ReceiveAsync(new { from = WaId, type = "audio", audio = new { voice = true } });

        message["type"]!.GetValue<string>().Should().Be("audio");
        message["audio"]!["voice"]!.GetValue<bool>().Should().BeTrue();
        message["audio"]!["mime_type"]!.GetValue<string>().Should().Be("audio/ogg; codecs=opus");
        message["audio"]!["caption"].Should().BeNull();
    }

    [Fact]
    public async Task AStickerIsWebpAndNotAnimatedByDefault()
    {
        var message = await ReceiveAsync(new { from = WaId, type = "sticker", sticker = new { } });

        message["sticker"]!["mime_type"]!.GetValue<string>().Should().Be("image/webp");
        message["sticker"]!["animated"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task ALocationKeepsItsCoordinatesNameAndAddress()
    {
        var message = await ReceiveAsync(new
        {
            from = WaId,
            type = "location",
            location = new { latitude = 52.52, longitude = 13.405, name = "Office", address = "Main St 1" },
        });

        message["location"]!["latitude"]!.GetValue<double>().Should().Be(52.52);
        message["location"]!["longitude"]!.GetValue<double>().Should().Be(13.405);
        message["location"]!["name"]!.GetValue<string>().Should().Be("Office");
        message["location"]!["address"]!.GetValue<string>().Should().Be("Main St 1");
    }

    [Fact]
    public async Task SharedContactsArePassedThrough()
    {
        var message = await ReceiveAsync(new
        {
            from = WaId,
            type = "contacts",
            contacts = new[] { new { name = new { formatted_name = "Grace Hopper" }, phones = new[] { new { phone = "+1 555 0101", type = "CELL" } } } },
        });

        message["contacts"]![0]!["name"]!["formatted_name"]!.GetValue<string>().Should().Be("Grace Hopper");
        message["contacts"]![0]!["phones"]![0]!["phone"]!.GetValue<string>().Should().Be("+1 555 0101");
    }

    [Fact]
    public async Task AButtonReplyAndAListReplyAreInteractive()
    {
        var button = await ReceiveAsync(new
        {
            from = WaId,
            type = "interactive",
            interactive = new { type = "button_reply", button_reply = new { id = "yes", title = "Yes" } },
        });
        var list = await ReceiveAsync(new
        {
            from = WaId,
            type = "interactive",
            interactive = new { type = "list_reply", list_reply = new { id = "slot-2", title = "Tuesday", description = "10:00" } },
        });

        button["interactive"]!["type"]!.GetValue<string>().Should().Be("button_reply");
        button["interactive"]!["button_reply"]!["id"]!.GetValue<string>().Should().Be("yes");
        button["interactive"]!["button_reply"]!["title"]!.GetValue<string>().Should().Be("Yes");
        list["interactive"]!["list_reply"]!["description"]!.GetValue<string>().Should().Be("10:00");
    }

    [Fact]
    public async Task ATemplateQuickReplyIsAButton()
    {
        var message = await ReceiveAsync(new { from = WaId, type = "button", button = new { payload = "CONFIRM", text = "Confirm" } });

        message["button"]!["payload"]!.GetValue<string>().Should().Be("CONFIRM");
        message["button"]!["text"]!.GetValue<string>().Should().Be("Confirm");
    }

    [Fact]
    public async Task AReactionNamesItsMessageAndARemovedOneLeavesTheEmojiOut()
    {
        var added = await ReceiveAsync(new { from = WaId, type = "reaction", reaction = new { message_id = "wamid.abc=", emoji = "👍" } });
        var removed = await ReceiveAsync(new { from = WaId, type = "reaction", reaction = new { message_id = "wamid.abc=" } });
        var emptied = await ReceiveAsync(new { from = WaId, type = "reaction", reaction = new { message_id = "wamid.abc=", emoji = "" } });

        added["reaction"]!["message_id"]!.GetValue<string>().Should().Be("wamid.abc=");
        added["reaction"]!["emoji"]!.GetValue<string>().Should().Be("👍");

        // Meta's reaction reference: the emoji key is left out of a removed reaction, not sent as "".
        removed["reaction"]!["message_id"]!.GetValue<string>().Should().Be("wamid.abc=");
        removed["reaction"]!.AsObject().ContainsKey("emoji").Should().BeFalse();
        emptied["reaction"]!.AsObject().ContainsKey("emoji").Should().BeFalse("an empty emoji in the spec also means removed");
    }

    [Fact]
    public async Task AnUnsupportedMessageCarriesMetasError()
    {
        var message = await ReceiveAsync(new { from = WaId, type = "unsupported", unsupported = new { type = "poll" } });

        message["unsupported"]!["type"]!.GetValue<string>().Should().Be("poll");
        var error = message["errors"]![0]!;
        error["code"]!.GetValue<int>().Should().Be(131051);
        error["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        error["message"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        error["error_data"]!["details"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ANumberChangeIsASystemMessageAndLaterMessagesComeFromTheNewNumber()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);

        await UserSendsAsync(http, new
        {
            from = WaId,
            type = "system",
            system = new { body = "User changed number", type = "user_changed_number", wa_id = "15559990000" },
        });
        await UserWritesAsync(http, "15559990000");
        var webhooks = await receiver.WaitForCountAsync(2);

        var system = webhooks[0].Value["messages"]![0]!;
        webhooks[0].Value["contacts"].Should().BeNull("Meta's system messages carry no contacts");
        system["from"]!.GetValue<string>().Should().Be(WaId);
        system["system"]!["type"]!.GetValue<string>().Should().Be("user_changed_number");
        system["system"]!["wa_id"]!.GetValue<string>().Should().Be("15559990000");
        webhooks[1].Value["messages"]![0]!["from"]!.GetValue<string>().Should().Be("15559990000");
    }

    [Fact]
    public async Task AReplyQuotesTheBusinessMessageAndAForwardIsMarked()
    {
        var reply = await ReceiveAsync(new { from = WaId, type = "text", text = new { body = "yes" }, context = new { id = "wamid.quoted=" } });
        var forward = await ReceiveAsync(new { from = WaId, type = "text", text = new { body = "fwd" }, context = new { frequently_forwarded = true } });

        reply["context"]!["id"]!.GetValue<string>().Should().Be("wamid.quoted=");
        reply["context"]!["from"]!.GetValue<string>().Should().Be(DisplayPhoneNumber, "a quoted business message is from the business number");
        forward["context"]!["frequently_forwarded"]!.GetValue<bool>().Should().BeTrue();
        forward["context"]!["id"].Should().BeNull();
    }

    [Fact]
    public async Task AUserWithoutAPhoneNumberIsKnownByTheBusinessScopedUserId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, waId: null, "Anon", userId: "US.1234567890123", username: "anon_user");

        await UserSendsAsync(http, new { from = "US.1234567890123", type = "text", text = new { body = "hi" } });
        var value = (await receiver.WaitForCountAsync(1)).Single().Value;

        var contact = value["contacts"]![0]!;
        contact["user_id"]!.GetValue<string>().Should().Be("US.1234567890123");
        contact["profile"]!["username"]!.GetValue<string>().Should().Be("anon_user");
        contact.AsObject().ContainsKey("wa_id").Should().BeFalse();
        var message = value["messages"]![0]!;
        message["from_user_id"]!.GetValue<string>().Should().Be("US.1234567890123");
        message.AsObject().ContainsKey("from").Should().BeFalse();
    }

    [Fact]
    public async Task AMessageFromAnUnknownUserIsRefusedWithTheFieldNamed()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();

        var response = await http.PostAsJsonAsync($"{Control}/messages", new { from = "15550000000", type = "text", text = new { body = "hi" } });

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["from"].Should().NotBeNull();
    }

    /// <summary>Sends one message from a fresh user and answers the <c>messages[0]</c> the receiver got, signature checked.</summary>
    private static async Task<JsonNode> ReceiveAsync(object message)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);

        await UserSendsAsync(http, message);
        var webhook = (await receiver.WaitForCountAsync(1)).Single();

        webhook.IsSignedWith(AppSecret).Should().BeTrue();
        var received = webhook.Value["messages"]![0]!;
        received["from"]!.GetValue<string>().Should().Be(WaId);
        received["id"]!.GetValue<string>().Should().StartWith("wamid.");
        return received;
    }
}
