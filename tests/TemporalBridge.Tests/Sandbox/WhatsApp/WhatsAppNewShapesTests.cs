using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>
/// The shapes of Meta's 2025–2026 references the emulator sends on demand — edits, deletions, orders, welcome requests,
/// Flow replies, referrals, group messages, parent user ids, user id changes, echoes of the Business app and
/// account-level errors — driven through the control API and checked as the bridge receives them: field names,
/// nesting, and what Meta leaves out.
/// </summary>
public sealed class WhatsAppNewShapesTests
{
    private const string WaId = "15551234567";
    private const string UserId = "US.13491208655302741918";
    private const string ParentUserId = "US.ENT.11815799212886844830";
    private const string ErrorCodesHref = "/documentation/business-messaging/whatsapp/support/error-codes";

    [Fact]
    public async Task AnEditHasItsOwnWamidAndNestsTheNewTextWithoutIdsOfItsOwn()
    {
        var value = await ValueOfAsync(new
        {
            from = WaId,
            type = "edit",
            edit = new { original_message_id = "wamid.original=", message = new { type = "text", text = new { body = "Text was edited" } } },
        });

        var message = value["messages"]![0]!;
        message["type"]!.GetValue<string>().Should().Be("edit");
        message["id"]!.GetValue<string>().Should().StartWith("wamid.").And.NotBe("wamid.original=", "the message id is the edit event's own");
        message["from"]!.GetValue<string>().Should().Be(WaId);
        message["edit"]!["original_message_id"]!.GetValue<string>().Should().Be("wamid.original=");
        var edited = message["edit"]!["message"]!;
        Keys(edited).Should().BeEquivalentTo("type", "text");
        edited["text"]!["body"]!.GetValue<string>().Should().Be("Text was edited");
        Keys(message).Should().NotContain("text", "the new content is nested in edit.message");
        value["contacts"]![0]!["wa_id"]!.GetValue<string>().Should().Be(WaId);
    }

    [Fact]
    public async Task AnEditedCaptionCarriesAFreshlyStoredImage()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        await UserSendsAsync(http, new
        {
            from = WaId,
            type = "edit",
            edit = new { original_message_id = "wamid.photo=", message = new { type = "image", image = new { caption = "Updated caption" } } },
        });
        var image = (await receiver.WaitForCountAsync(1))[0].Value["messages"]![0]!["edit"]!["message"]!["image"]!;
        var info = (await http.GetFromJsonAsync<JsonNode>($"{Graph}/{image["id"]!.GetValue<string>()}"))!;

        image["caption"]!.GetValue<string>().Should().Be("Updated caption");
        image["mime_type"]!.GetValue<string>().Should().Be("image/jpeg");
        image["id"]!.GetValue<string>().Should().MatchRegex("^[0-9]{16}$");
        info["sha256"]!.GetValue<string>().Should().Be(
            Convert.ToHexStringLower(Convert.FromBase64String(image["sha256"]!.GetValue<string>())), "the edited media is stored like any other");
    }

    [Fact]
    public async Task ARevokeNamesOnlyTheDeletedMessage()
    {
        var message = (await ValueOfAsync(new { from = WaId, type = "revoke", revoke = new { original_message_id = "wamid.gone=" } }))["messages"]![0]!;

        message["type"]!.GetValue<string>().Should().Be("revoke");
        message["id"]!.GetValue<string>().Should().StartWith("wamid.").And.NotBe("wamid.gone=");
        Keys(message["revoke"]!).Should().Equal("original_message_id");
        message["revoke"]!["original_message_id"]!.GetValue<string>().Should().Be("wamid.gone=");
    }

    [Fact]
    public async Task AnEditOrRevokeWithoutWhatMetaAlwaysSendsIsRefused()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        var noOriginal = await RefusedAsync(http, "messages", new
        {
            from = WaId,
            type = "edit",
            edit = new { message = new { type = "text", text = new { body = "x" } } },
        });
        var audio = await RefusedAsync(http, "messages", new
        {
            from = WaId,
            type = "edit",
            edit = new { original_message_id = "wamid.a=", message = new { type = "audio" } },
        });
        var revoke = await RefusedAsync(http, "messages", new { from = WaId, type = "revoke", revoke = new { } });

        noOriginal["edit.original_message_id"].Should().NotBeNull();
        audio["edit.message.type"].Should().NotBeNull("only text and captions are edited");
        revoke["revoke.original_message_id"].Should().NotBeNull();
    }

    [Fact]
    public async Task AnOrderListsItsProductsWithIntegerQuantitiesAndPlainNumericPrices()
    {
        var message = (await ValueOfAsync(new
        {
            from = WaId,
            type = "order",
            order = new
            {
                catalog_id = "194836987003835",
                text = "Love these!",
                product_items = new object[]
                {
                    new { product_retailer_id = "di9ozbzfi4", quantity = 2, item_price = 30, currency = "USD" },
                    new { product_retailer_id = "nqryix03ez", quantity = 1, item_price = 7.99m, currency = "USD" },
                },
            },
        }))["messages"]![0]!;

        var order = message["order"]!;
        order["catalog_id"]!.GetValue<string>().Should().Be("194836987003835");
        order["text"]!.GetValue<string>().Should().Be("Love these!");
        var items = order["product_items"]!.AsArray();
        items.Should().HaveCount(2);
        items[0]!["product_retailer_id"]!.GetValue<string>().Should().Be("di9ozbzfi4");
        items[0]!["quantity"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        items[0]!["quantity"]!.GetValue<int>().Should().Be(2);
        items[0]!["item_price"]!.ToJsonString().Should().Be("30");
        items[1]!["item_price"]!.ToJsonString().Should().Be("7.99");
        items[1]!["currency"]!.GetValue<string>().Should().Be("USD");
    }

    [Fact]
    public async Task AnOrderWithoutProductsOrWithAFractionalQuantityIsRefused()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        var empty = await RefusedAsync(http, "messages", new { from = WaId, type = "order", order = new { catalog_id = "1", product_items = Array.Empty<object>() } });
        var badCurrency = await RefusedAsync(http, "messages", new
        {
            from = WaId,
            type = "order",
            order = new { catalog_id = "1", product_items = new[] { new { product_retailer_id = "a", quantity = 1, item_price = 1, currency = "dollars" } } },
        });
        var fractional = await http.PostAsJsonAsync($"{Control}/messages", new
        {
            from = WaId,
            type = "order",
            order = new { catalog_id = "1", product_items = new[] { new { product_retailer_id = "a", quantity = 1.5, item_price = 1, currency = "USD" } } },
        });

        empty["order.product_items"].Should().NotBeNull();
        badCurrency["order.product_items[0].currency"].Should().NotBeNull();
        fractional.StatusCode.Should().Be(HttpStatusCode.BadRequest, "Meta's quantity is an integer");
    }

    [Fact]
    public async Task ARequestWelcomeIsOnlyItsTypeAndOpensTheWindow()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        await UserSendsAsync(http, new { from = WaId, type = "request_welcome" });
        var message = (await receiver.WaitForCountAsync(1))[0].Value["messages"]![0]!;
        var reply = await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "Welcome!" } });

        Keys(message).Should().BeEquivalentTo("from", "from_user_id", "id", "timestamp", "type");
        message["type"]!.GetValue<string>().Should().Be("request_welcome");
        reply.StatusCode.Should().Be(HttpStatusCode.OK, "a welcome request opens the customer-service window");
    }

    [Fact]
    public async Task AFlowReplyCarriesItsAnswerAsAJsonEncodedString()
    {
        const string answer = """{"flow_token":"AQAAAA","appointment":"tuesday"}""";

        var message = (await ValueOfAsync(new
        {
            from = WaId,
            type = "interactive",
            context = new { id = "wamid.flow=" },
            interactive = new { type = "nfm_reply", nfm_reply = new { name = "flow", body = "Sent", response_json = answer } },
        }))["messages"]![0]!;

        var interactive = message["interactive"]!;
        Keys(interactive).Should().BeEquivalentTo("type", "nfm_reply");
        interactive["type"]!.GetValue<string>().Should().Be("nfm_reply");
        var reply = interactive["nfm_reply"]!;
        reply["name"]!.GetValue<string>().Should().Be("flow");
        reply["body"]!.GetValue<string>().Should().Be("Sent");
        reply["response_json"]!.GetValueKind().Should().Be(JsonValueKind.String, "Meta sends the answer JSON-encoded, not as an object");
        JsonNode.Parse(reply["response_json"]!.GetValue<string>())!["appointment"]!.GetValue<string>().Should().Be("tuesday");
        message["context"]!["id"]!.GetValue<string>().Should().Be("wamid.flow=");
    }

    [Fact]
    public async Task AFlowReplyNeedsANameAndAJsonObjectInResponseJson()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        var missing = await RefusedAsync(http, "messages", new
        {
            from = WaId,
            type = "interactive",
            interactive = new { type = "nfm_reply", nfm_reply = new { name = "flow" } },
        });
        var notJson = await RefusedAsync(http, "messages", new
        {
            from = WaId,
            type = "interactive",
            interactive = new { type = "nfm_reply", nfm_reply = new { name = "flow", response_json = "tuesday" } },
        });

        missing["interactive"].Should().NotBeNull();
        notJson["interactive"].Should().NotBeNull();
    }

    [Fact]
    public async Task AReferralSitsBesideTheMessagesOwnObject()
    {
        var message = (await ValueOfAsync(new
        {
            from = WaId,
            type = "text",
            text = new { body = "Hi, is this available?" },
            referral = new
            {
                source_url = "https://fb.me/3cr4Wqqkv",
                source_id = "120226305854810726",
                source_type = "ad",
                headline = "Chat with us",
                body = "Summer succulents are here!",
                media_type = "image",
                image_url = "https://scontent.example/ad.jpg",
                ctwa_clid = "Aff-n8ZT",
            },
        }))["messages"]![0]!;

        message["text"]!["body"]!.GetValue<string>().Should().Be("Hi, is this available?");
        var referral = message["referral"]!;
        referral["source_url"]!.GetValue<string>().Should().Be("https://fb.me/3cr4Wqqkv");
        referral["source_id"]!.GetValue<string>().Should().Be("120226305854810726");
        referral["source_type"]!.GetValue<string>().Should().Be("ad");
        referral["headline"]!.GetValue<string>().Should().Be("Chat with us");
        referral["body"]!.GetValue<string>().Should().Be("Summer succulents are here!");
        referral["media_type"]!.GetValue<string>().Should().Be("image");
        referral["image_url"]!.GetValue<string>().Should().Be("https://scontent.example/ad.jpg");
        referral["ctwa_clid"]!.GetValue<string>().Should().Be("Aff-n8ZT");
        Keys(referral).Should().NotContain("video_url", "an image ad has none").And.NotContain("thumbnail_url");
    }

    [Fact]
    public async Task AReferralFromSomewhereElseThanAnAdOrPostIsRefused()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        var errors = await RefusedAsync(http, "messages", new
        {
            from = WaId,
            type = "text",
            text = new { body = "hi" },
            referral = new { source_url = "https://fb.me/x", source_id = "1", source_type = "story" },
        });

        errors["referral.source_type"].Should().NotBeNull();
    }

    [Fact]
    public async Task AGroupMessageNamesTheGroupAndComesFromTheParticipant()
    {
        const string groupId = "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD";
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        await UserSendsAsync(http, new { from = WaId, group_id = groupId, type = "text", text = new { body = "What does everyone think?" } });
        var value = (await receiver.WaitForCountAsync(1))[0].Value;
        var reply = await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "hi" } });

        var message = value["messages"]![0]!;
        message["group_id"]!.GetValue<string>().Should().Be(groupId);
        message["from"]!.GetValue<string>().Should().Be(WaId, "from is the participant who wrote");
        message["from_user_id"]!.GetValue<string>().Should().Be(UserId);
        value["contacts"]![0]!["wa_id"]!.GetValue<string>().Should().Be(WaId, "contacts describe the participant");
        reply.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a group message opens no window for the participant's own chat");
        (await reply.Content.ReadFromJsonAsync<JsonNode>())!["error"]!["code"]!.GetValue<int>().Should().Be(131047);
    }

    [Fact]
    public async Task AParentUserIdIsInContactsAndFromParentUserIdOnlyWhenTheUserHasOne()
    {
        var withParent = await ValueOfAsync(new { from = WaId, type = "text", text = new { body = "hi" } }, ParentUserId);
        var without = await ValueOfAsync(new { from = WaId, type = "text", text = new { body = "hi" } });

        withParent["contacts"]![0]!["parent_user_id"]!.GetValue<string>().Should().Be(ParentUserId);
        withParent["messages"]![0]!["from_parent_user_id"]!.GetValue<string>().Should().Be(ParentUserId);
        Keys(without["contacts"]![0]!).Should().NotContain("parent_user_id");
        Keys(without["messages"]![0]!).Should().NotContain("from_parent_user_id");
    }

    [Fact]
    public async Task ANumberChangeComesFromTheOldNumberWithoutContactsAndCarriesTheNewIds()
    {
        const string newWaId = "12195555358";
        const string newUserId = "US.99990000111122223333";
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        await UserSendsAsync(http, new { from = WaId, type = "system", system = new { type = "user_changed_number", wa_id = newWaId, user_id = newUserId } });
        await UserSendsAsync(http, new { from = newWaId, type = "text", text = new { body = "my new phone" } });
        var webhooks = await receiver.WaitForCountAsync(2);

        var value = webhooks[0].Value;
        Keys(value).Should().NotContain("contacts", "Meta's system messages carry no contacts");
        var message = value["messages"]![0]!;
        message["from"]!.GetValue<string>().Should().Be(WaId, "from is the old number");
        message["from_user_id"]!.GetValue<string>().Should().Be(UserId);
        var system = message["system"]!;
        system["type"]!.GetValue<string>().Should().Be("user_changed_number");
        system["wa_id"]!.GetValue<string>().Should().Be(newWaId);
        system["user_id"]!.GetValue<string>().Should().Be(newUserId);
        system["body"]!.GetValue<string>().Should().Be($"User Ada Lovelace changed from {WaId} to {newWaId}");
        Keys(system).Should().NotContain("parent_user_id");
        var next = webhooks[1].Value["messages"]![0]!;
        next["from"]!.GetValue<string>().Should().Be(newWaId);
        next["from_user_id"]!.GetValue<string>().Should().Be(newUserId);
    }

    [Fact]
    public async Task AUserIdChangeNamesNobodyInFromAndBothIdsInTheBody()
    {
        const string newUserId = "US.99990000111122223333";
        const string newParentUserId = "US.ENT.22220000111122223333";
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http, parentUserId: ParentUserId);

        await UserSendsAsync(http, new
        {
            from = WaId,
            type = "system",
            system = new { type = "user_changed_user_id", user_id = newUserId, parent_user_id = newParentUserId },
        });
        await UserWritesAsync(http, WaId);
        var webhooks = await receiver.WaitForCountAsync(2);

        var value = webhooks[0].Value;
        Keys(value).Should().NotContain("contacts");
        var message = value["messages"]![0]!;
        Keys(message).Should().BeEquivalentTo(new[] { "id", "timestamp", "type", "system" }, "Meta includes no phone number, and no user id outside system");
        var system = message["system"]!;
        system["type"]!.GetValue<string>().Should().Be("user_changed_user_id");
        system["user_id"]!.GetValue<string>().Should().Be(newUserId);
        system["parent_user_id"]!.GetValue<string>().Should().Be(newParentUserId);
        system["body"]!.GetValue<string>().Should().Be($"User Ada Lovelace changed from {UserId} to {newUserId}");
        Keys(system).Should().NotContain("wa_id");
        var next = webhooks[1].Value;
        next["messages"]![0]!["from"]!.GetValue<string>().Should().Be(WaId);
        next["messages"]![0]!["from_user_id"]!.GetValue<string>().Should().Be(newUserId);
        next["messages"]![0]!["from_parent_user_id"]!.GetValue<string>().Should().Be(newParentUserId);
        next["contacts"]![0]!["user_id"]!.GetValue<string>().Should().Be(newUserId);
    }

    [Fact]
    public async Task ASystemMessageOutsideMetasTwoChangesIsRefused()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        var withPhone = await RefusedAsync(http, "messages", new
        {
            from = WaId,
            type = "system",
            system = new { type = "user_changed_user_id", user_id = "US.1", wa_id = "15550001111" },
        });
        var noNumber = await RefusedAsync(http, "messages", new { from = WaId, type = "system", system = new { type = "user_changed_number" } });
        var otherType = await RefusedAsync(http, "messages", new { from = WaId, type = "system", system = new { type = "customer_identity_changed", body = "x" } });

        withPhone["system.wa_id"].Should().NotBeNull("Meta includes no phone number in a user id change");
        noNumber["system.wa_id"].Should().NotBeNull();
        otherType["system.type"].Should().NotBeNull();
    }

    [Fact]
    public async Task AccountErrorsComeAloneInAMessagesChangeWithMetasHref()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();

        var response = await http.PostAsJsonAsync($"{Control}/account-errors", new
        {
            errors = new object[] { new { code = 130429 }, new { code = 131000, details = "Unsupported webhook payload" } },
        });
        var answer = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var webhook = (await receiver.WaitForCountAsync(1)).Single();

        response.IsSuccessStatusCode.Should().BeTrue();
        answer["wamids"]!.AsArray().Should().BeEmpty("an account-level error names no message");
        answer["posts"]!.AsArray().Should().ContainSingle().Which!["status_code"]!.GetValue<int>().Should().Be(200);
        webhook.IsSignedWith(AppSecret).Should().BeTrue();
        var change = webhook.Json["entry"]![0]!["changes"]!.AsArray().Should().ContainSingle().Subject!;
        change["field"]!.GetValue<string>().Should().Be("messages");
        var value = change["value"]!;
        Keys(value).Should().BeEquivalentTo("messaging_product", "metadata", "errors");
        value["metadata"]!["phone_number_id"]!.GetValue<string>().Should().Be(PhoneNumberId);
        var errors = value["errors"]!.AsArray();
        errors.Should().HaveCount(2);
        Keys(errors[0]!).Should().Equal("code", "title", "message", "error_data", "href");
        errors[0]!["code"]!.GetValue<int>().Should().Be(130429);
        errors[0]!["title"]!.GetValue<string>().Should().Be("Rate limit hit");
        errors[0]!["message"]!.GetValue<string>().Should().Be("Rate limit hit", "Meta repeats the title in message");
        errors[0]!["error_data"]!["details"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        errors[0]!["href"]!.GetValue<string>().Should().Be(ErrorCodesHref);
        errors[1]!["code"]!.GetValue<int>().Should().Be(131000);
        errors[1]!["title"]!.GetValue<string>().Should().Be("Something went wrong");
        errors[1]!["error_data"]!["details"]!.GetValue<string>().Should().Be("Unsupported webhook payload");
    }

    [Fact]
    public async Task AnAccountErrorOutsideTheCatalogueNeedsItsTitleAndDetails()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();

        var bare = await RefusedAsync(http, "account-errors", new { errors = new[] { new { code = 2494100 } } });
        var none = await RefusedAsync(http, "account-errors", new { errors = Array.Empty<object>() });
        var negative = await RefusedAsync(http, "account-errors", new { errors = new[] { new { code = -1 } } });
        var unknownNumber = await RefusedAsync(http, "account-errors", new { phone_number_id = "999", errors = new[] { new { code = 130429 } } });
        var accepted = await http.PostAsJsonAsync($"{Control}/account-errors", new
        {
            errors = new[] { new { code = 2494100, title = "Account in maintenance", details = "The account is being migrated." } },
        });
        var error = (await receiver.WaitForCountAsync(1))[0].Value["errors"]![0]!;

        bare["errors[0].title"].Should().NotBeNull();
        bare["errors[0].details"].Should().NotBeNull();
        none["errors"].Should().NotBeNull();
        negative["errors[0].code"].Should().NotBeNull();
        unknownNumber["phone_number_id"].Should().NotBeNull();
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        error["code"]!.GetValue<int>().Should().Be(2494100);
        error["message"]!.GetValue<string>().Should().Be("Account in maintenance");
        error["error_data"]!["details"]!.GetValue<string>().Should().Be("The account is being migrated.");
    }

    [Fact]
    public async Task AnEchoIsTheBusinessAppsMessageInItsOwnField()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http, username: "@adalovelace");

        var answer = await EchoAsync(http, new { to = WaId, type = "text", text = new { body = "Here's the info you requested!" } });
        var webhook = (await receiver.WaitForCountAsync(1)).Single();

        webhook.IsSignedWith(AppSecret).Should().BeTrue();
        var change = webhook.Json["entry"]![0]!["changes"]!.AsArray().Should().ContainSingle().Subject!;
        change["field"]!.GetValue<string>().Should().Be("smb_message_echoes");
        var value = change["value"]!;
        Keys(value).Should().BeEquivalentTo("messaging_product", "metadata", "contacts", "message_echoes");
        var contact = value["contacts"]![0]!;
        Keys(contact["profile"]!).Should().Equal(new[] { "username" }, "Meta's echo contacts show a username, no name");
        contact["profile"]!["username"]!.GetValue<string>().Should().Be("@adalovelace");
        contact["wa_id"]!.GetValue<string>().Should().Be(WaId);
        contact["user_id"]!.GetValue<string>().Should().Be(UserId);
        var echo = value["message_echoes"]![0]!;
        echo["from"]!.GetValue<string>().Should().Be(DisplayPhoneNumber, "the business sent it");
        echo["to"]!.GetValue<string>().Should().Be(WaId);
        echo["to_user_id"]!.GetValue<string>().Should().Be(UserId);
        echo["id"]!.GetValue<string>().Should().StartWith("wamid.").And.Be(answer["wamids"]![0]!.GetValue<string>());
        echo["timestamp"]!.GetValue<string>().Should().Be(emulator.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        echo["type"]!.GetValue<string>().Should().Be("text");
        echo["text"]!["body"]!.GetValue<string>().Should().Be("Here's the info you requested!");
        Keys(echo).Should().NotContain("to_parent_user_id");
    }

    [Fact]
    public async Task AnEchoToAUserKnownOnlyByUserIdLeavesToOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http, waId: null, username: "@anon");

        await EchoAsync(http, new { to = UserId, type = "image", image = new { caption = "Our catalogue" } });
        var value = (await receiver.WaitForCountAsync(1))[0].Value;

        var echo = value["message_echoes"]![0]!;
        Keys(echo).Should().NotContain("to");
        echo["to_user_id"]!.GetValue<string>().Should().Be(UserId);
        echo["image"]!["caption"]!.GetValue<string>().Should().Be("Our catalogue");
        echo["image"]!["id"]!.GetValue<string>().Should().MatchRegex("^[0-9]{16}$");
        Keys(value["contacts"]![0]!).Should().NotContain("wa_id");
    }

    [Fact]
    public async Task EditsAndDeletionsMadeInTheBusinessAppAreEchoedToo()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        await EchoAsync(http, new
        {
            to = WaId,
            type = "edit",
            edit = new { original_message_id = "wamid.sent=", message = new { type = "text", text = new { body = "Fixed a typo" } } },
        });
        await EchoAsync(http, new { to = WaId, type = "revoke", revoke = new { original_message_id = "wamid.sent=" } });
        var webhooks = await receiver.WaitForCountAsync(2);

        var edit = webhooks[0].Value["message_echoes"]![0]!;
        edit["type"]!.GetValue<string>().Should().Be("edit");
        edit["edit"]!["original_message_id"]!.GetValue<string>().Should().Be("wamid.sent=");
        Keys(edit["edit"]!["message"]!).Should().BeEquivalentTo("type", "text");
        edit["edit"]!["message"]!["text"]!["body"]!.GetValue<string>().Should().Be("Fixed a typo");
        var revoke = webhooks[1].Value["message_echoes"]![0]!;
        revoke["type"]!.GetValue<string>().Should().Be("revoke");
        revoke["revoke"]!["original_message_id"]!.GetValue<string>().Should().Be("wamid.sent=");
    }

    [Fact]
    public async Task ABatchKeepsEchoesInTheirOwnChange()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);

        var response = await http.PostAsJsonAsync($"{Control}/webhooks", new
        {
            messages = new[] { new { from = WaId, type = "text", text = new { body = "hello" } } },
            echoes = new[] { new { to = WaId, type = "text", text = new { body = "hi from the app" } } },
        });
        var answer = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var webhook = (await receiver.WaitForCountAsync(1)).Single();

        response.IsSuccessStatusCode.Should().BeTrue();
        answer["wamids"]!.AsArray().Should().HaveCount(2);
        var changes = webhook.Json["entry"]![0]!["changes"]!.AsArray();
        changes.Select(c => c!["field"]!.GetValue<string>()).Should().Equal("messages", "smb_message_echoes");
        changes.Select(c => c!["value"]!["metadata"]!["phone_number_id"]!.GetValue<string>()).Should().OnlyContain(id => id == PhoneNumberId);
        Keys(changes[0]!["value"]!).Should().NotContain("message_echoes");
        changes[0]!["value"]!["messages"]![0]!["text"]!["body"]!.GetValue<string>().Should().Be("hello");
        Keys(changes[1]!["value"]!).Should().NotContain("messages");
        changes[1]!["value"]!["message_echoes"]![0]!["text"]!["body"]!.GetValue<string>().Should().Be("hi from the app");
    }

    [Fact]
    public async Task AnEchoToAnUnknownUserIsRefusedWithTheFieldNamed()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();

        var errors = await RefusedAsync(http, "echoes", new { to = "15550000000", type = "text", text = new { body = "hi" } });

        errors["to"].Should().NotBeNull();
    }

    [Fact]
    public async Task AFailedStatusCarriesMetasTitleAndHref()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http);
        await UserWritesAsync(http, WaId);
        var sent = await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "ok" } });
        var wamid = (await sent.Content.ReadFromJsonAsync<JsonNode>())!["messages"]![0]!["id"]!.GetValue<string>();
        await receiver.WaitForCountAsync(2);

        (await http.PostAsJsonAsync($"{Control}/statuses", new { wamid, status = "failed", error_code = 131049 })).EnsureSuccessStatusCode();
        var error = (await receiver.WaitForCountAsync(3))[2].Value["statuses"]![0]!["errors"]![0]!;

        error["code"]!.GetValue<int>().Should().Be(131049);
        error["title"]!.GetValue<string>().Should().Be("This message was not delivered to maintain healthy ecosystem engagement.");
        error["message"]!.GetValue<string>().Should().Be(error["title"]!.GetValue<string>());
        error["href"]!.GetValue<string>().Should().Be(ErrorCodesHref);
    }

    [Theory]
    [InlineData(1, 400)]
    [InlineData(2, 503)]
    [InlineData(3, 500)]
    [InlineData(4, 400)]
    [InlineData(10, 403)]
    [InlineData(368, 403)]
    [InlineData(80007, 400)]
    [InlineData(130472, 400)]
    [InlineData(130497, 403)]
    [InlineData(131005, 403)]
    [InlineData(131021, 400)]
    [InlineData(131031, 403)]
    [InlineData(131042, 400)]
    [InlineData(131045, 500)]
    [InlineData(131048, 400)]
    [InlineData(131049, 400)]
    [InlineData(131053, 400)]
    [InlineData(131057, 500)]
    [InlineData(131062, 400)]
    [InlineData(132001, 404)]
    [InlineData(133010, 400)]
    [InlineData(135000, 400)]
    public async Task TheAddedCodesAnswerMetasStatusAndBody(int code, int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        (await http.PostAsJsonAsync($"{Control}/faults", new { code })).EnsureSuccessStatusCode();

        var faulted = await GraphSendAsync(http, new
        {
            messaging_product = "whatsapp",
            to = WaId,
            type = "template",
            template = new { name = "hello", language = new { code = "en_US" } },
        });

        ((int)faulted.StatusCode).Should().Be(status);
        var error = (await faulted.Content.ReadFromJsonAsync<JsonNode>())!["error"]!;
        error["code"]!.GetValue<int>().Should().Be(code);
        error["message"]!.GetValue<string>().Should().StartWith($"(#{code}) ");
        error["error_data"]!["details"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    /// <summary>Ada Lovelace: by default with a wa_id and a business-scoped user id, no parent id and no username.</summary>
    private static async Task AddUserAsync(
        HttpClient http, string? waId = WaId, string? userId = UserId, string? parentUserId = null, string? username = null)
    {
        var response = await http.PostAsJsonAsync($"{Control}/users", new
        {
            wa_id = waId,
            name = "Ada Lovelace",
            user_id = userId,
            parent_user_id = parentUserId,
            username,
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends one message from a fresh Ada and answers the value of the <c>messages</c> change the receiver got, signature checked.</summary>
    private static async Task<JsonNode> ValueOfAsync(object message, string? parentUserId = null)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await AddUserAsync(http, parentUserId: parentUserId);

        await UserSendsAsync(http, message);
        var webhook = (await receiver.WaitForCountAsync(1)).Single();

        webhook.IsSignedWith(AppSecret).Should().BeTrue();
        webhook.Json["entry"]![0]!["changes"]![0]!["field"]!.GetValue<string>().Should().Be("messages");
        return webhook.Value;
    }

    /// <summary>An echo through the control API; answers the control call's JSON (wamids, posts).</summary>
    private static async Task<JsonNode> EchoAsync(HttpClient http, object echo)
    {
        var response = await http.PostAsJsonAsync($"{Control}/echoes", echo);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>A control call that must be refused; answers the ValidationProblem's errors, keyed by field.</summary>
    private static async Task<JsonNode> RefusedAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync($"{Control}/{path}", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        return JsonNode.Parse(text)!["errors"]!;
    }

    private static List<string> Keys(JsonNode node) => [.. node.AsObject().Select(property => property.Key)];
}
