using System.Text;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.ParsedWebhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.WebhookPayloads;

namespace TemporalBridge.Tests.Providers.WhatsApp;

public sealed class WebhookParserTests
{
    private static readonly ClientIdentity Sheena = new(WaId, "+" + WaId, ProfileName);

    [Fact]
    public void ATextBecomesAClientMessageFromTheContactWithNameAndPhone()
    {
        var batch = Accepted(SingleText("Hi, is Tuesday still free?"));

        batch.Events.Should().Equal(new ClientMessageEvent(
            ProviderNames.WhatsApp, PhoneNumberId, Sheena, new InboundMessage(MessageId, SentAt, "Hi, is Tuesday still free?")));
        batch.Updates.Should().Be(1);
        batch.Skipped.Should().BeEmpty();
    }

    [Theory]
    [InlineData("image", """{"id":"2754859441498128","mime_type":"image/jpeg","sha256":"81d3","caption":"Look at this"}""", "[Photo] Look at this")]
    [InlineData("image", """{"id":"2754859441498128","mime_type":"image/jpeg","sha256":"81d3"}""", "[Photo]")]
    [InlineData("video", """{"id":"1","mime_type":"video/mp4","sha256":"ab","caption":"The leak"}""", "[Video] The leak")]
    [InlineData("audio", """{"id":"1","mime_type":"audio/mpeg","sha256":"ab"}""", "[Audio]")]
    [InlineData("audio", """{"id":"1","mime_type":"audio/ogg; codecs=opus","sha256":"ab","voice":true}""", "[Voice message]")]
    [InlineData("document", """{"id":"1","mime_type":"application/pdf","sha256":"ab","filename":"invoice-42.pdf","caption":"Here it is"}""", "[Document: invoice-42.pdf] Here it is")]
    [InlineData("document", """{"id":"1","mime_type":"application/pdf","sha256":"ab"}""", "[Document]")]
    [InlineData("sticker", """{"id":"1","mime_type":"image/webp","sha256":"ab","animated":false}""", "[Sticker]")]
    public void MediaIsDescribedByKindWithItsCaption(string type, string content, string expected) =>
        OnlyMessage(Envelope(Value(messages: Message(type, content), contacts: Contact()))).Message.Text.Should().Be(expected);

    [Fact]
    public void ALocationNamesThePlaceAndLinksToAMap() =>
        TextOf("location", """{"latitude":52.520008,"longitude":13.404954,"name":"Acme Clinic","address":"1 Main St, Berlin"}""")
            .Should().Be("[Location] Acme Clinic, 1 Main St, Berlin https://maps.google.com/?q=52.520008,13.404954");

    [Fact]
    public void ALocationWithoutANameIsJustTheMapLink() =>
        TextOf("location", """{"latitude":-33.8688,"longitude":151.2093}""")
            .Should().Be("[Location] https://maps.google.com/?q=-33.8688,151.2093");

    [Fact]
    public void SharedContactsListNamesAndPhoneNumbers()
    {
        TextOf("contacts", """[{"name":{"formatted_name":"Dana Levi","first_name":"Dana"},"phones":[{"phone":"+1 555 0100","type":"CELL"},{"wa_id":"15550101","type":"WORK"}]}]""")
            .Should().Be("[Contact] Dana Levi (+1 555 0100, +15550101)");
        TextOf("contacts", """[{"name":{"first_name":"Avi","last_name":"Cohen"},"phones":[{"phone":"+972 50 000 0000"}]},{"name":{"formatted_name":"Front desk"}}]""")
            .Should().Be("[Contacts] Avi Cohen (+972 50 000 0000); Front desk");
    }

    [Theory]
    [InlineData("""{"type":"button_reply","button_reply":{"id":"cancel-button","title":"Cancel"}}""", "[Button] Cancel")]
    [InlineData("""{"type":"list_reply","list_reply":{"id":"priority_express","title":"Priority Mail Express","description":"Next Day to 2 Days"}}""", "[List choice] Priority Mail Express (Next Day to 2 Days)")]
    [InlineData("""{"type":"list_reply","list_reply":{"id":"standard","title":"Standard"}}""", "[List choice] Standard")]
    [InlineData("""{"type":"nfm_reply","nfm_reply":{"response_json":"{}"}}""", "[Form reply]")]
    [InlineData("""{"type":"call_permission_reply","call_permission_reply":{"response":"accept"}}""", "[Interactive reply: call_permission_reply]")]
    public void InteractiveRepliesShowTheChoice(string content, string expected) =>
        TextOf("interactive", content).Should().Be(expected);

    [Fact]
    public void ATemplateQuickReplyShowsTheButtonText() =>
        TextOf("button", """{"payload":"STOP_PROMOS","text":"Stop promotions"}""").Should().Be("[Button] Stop promotions");

    [Fact]
    public void AReactionSaysWhatAndPointsAtTheMessage()
    {
        var reaction = OnlyMessage(Envelope(Value(messages: Message("reaction", """{"message_id":"wamid.OURS","emoji":"👍"}"""), contacts: Contact())));

        reaction.Message.Text.Should().Be("Reacted 👍 to an earlier message");
        reaction.Message.ReplyToProviderMessageId.Should().Be("wamid.OURS");
    }

    [Fact]
    public void AnEmptyEmojiIsARemovedReaction()
    {
        var removed = OnlyMessage(Envelope(Value(messages: Message("reaction", """{"message_id":"wamid.OURS","emoji":""}"""), contacts: Contact())));

        removed.Message.Text.Should().Be("Removed a reaction");
        removed.Message.ReplyToProviderMessageId.Should().Be("wamid.OURS");
    }

    [Fact]
    public void AnUnsupportedMessageIsNamedWithWhatsAppsReason()
    {
        var body = Envelope(Value(
            messages: $$$"""{"from":"{{{WaId}}}","id":"{{{MessageId}}}","timestamp":"{{{Timestamp}}}","type":"unsupported","errors":[{"code":131051,"title":"Message type unknown","message":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}],"unsupported":{"type":"edit"}}""",
            contacts: Contact()));

        OnlyMessage(body).Message.Text.Should().Be("[Unsupported message: edit] Message type unknown: Message type is currently not supported.");
    }

    [Fact]
    public void ASystemMessageShowsItsBody() =>
        TextOf("system", """{"body":"User Sheena Nelson changed from 16505551234 to 12195555358","wa_id":"12195555358","type":"user_changed_number"}""")
            .Should().Be("[System] User Sheena Nelson changed from 16505551234 to 12195555358");

    [Fact]
    public void AnUnknownTypeIsNamedNotDropped() =>
        TextOf("poll", """{"question":"Which day?"}""").Should().Be("[Unknown message type: poll]");

    [Fact]
    public void AReplyCarriesTheQuotedMessageIdAndAMarker()
    {
        var reply = OnlyMessage(Envelope(Value(
            messages: Text("Yes, that one", context: """{"from":"15550783881","id":"wamid.EARLIER"}"""), contacts: Contact())));

        reply.Message.ReplyToProviderMessageId.Should().Be("wamid.EARLIER");
        reply.Message.Text.Should().Be("[Reply to an earlier message] Yes, that one");
    }

    [Theory]
    [InlineData("""{"forwarded":true}""", "[Forwarded] [Photo] Look")]
    [InlineData("""{"forwarded":true,"frequently_forwarded":true}""", "[Forwarded many times] [Photo] Look")]
    public void ForwardedMessagesAreMarked(string context, string expected)
    {
        var forwarded = OnlyMessage(Envelope(Value(
            messages: Message("image", """{"id":"1","mime_type":"image/jpeg","sha256":"ab","caption":"Look"}""", context: context), contacts: Contact())));

        forwarded.Message.Text.Should().Be(expected);
        forwarded.Message.ReplyToProviderMessageId.Should().BeNull("forwarding quotes nothing");
    }

    [Fact]
    public void AUserKnownOnlyByBusinessScopedIdIsIdentifiedByIt()
    {
        var body = Envelope(Value(
            messages: $$$"""{"from_user_id":"US.13491208655302741918","id":"{{{MessageId}}}","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"hello"}}""",
            contacts: """{"profile":{"name":"dana.l"},"user_id":"US.13491208655302741918"}"""));

        OnlyMessage(body).Client.Should().Be(new ClientIdentity("US.13491208655302741918", null, "dana.l") { UserId = "US.13491208655302741918" });
    }

    [Fact]
    public void TheWaIdWinsOverTheBusinessScopedIdWhenBothCome()
    {
        var body = Envelope(Value(
            messages: $$$"""{"from":"{{{WaId}}}","from_user_id":"US.1349","id":"{{{MessageId}}}","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"hello"}}""",
            contacts: $$"""{"profile":{"name":"{{ProfileName}}"},"wa_id":"{{WaId}}","user_id":"US.1349"}"""));

        OnlyMessage(body).Client.Should().Be(Sheena with { UserId = "US.1349" });
    }

    [Fact]
    public void StatusesBecomeDeliveryStatusesAndPlayedCountsAsRead()
    {
        var batch = Accepted(Envelope(Value(statuses: string.Join(",",
            Status("wamid.OUT1", "sent"),
            Status("wamid.OUT1", "delivered", timestamp: "1739321030"),
            Status("wamid.OUT1", "read", timestamp: "1739321040"),
            Status("wamid.OUT2", "played", timestamp: "1739321050")))));

        batch.Events.Should().Equal(
            new DeliveryStatusEvent(ProviderNames.WhatsApp, PhoneNumberId, "wamid.OUT1", ProviderDeliveryStatus.Sent, SentAt, WaId),
            new DeliveryStatusEvent(ProviderNames.WhatsApp, PhoneNumberId, "wamid.OUT1", ProviderDeliveryStatus.Delivered, SentAt.AddSeconds(6), WaId),
            new DeliveryStatusEvent(ProviderNames.WhatsApp, PhoneNumberId, "wamid.OUT1", ProviderDeliveryStatus.Read, SentAt.AddSeconds(16), WaId),
            new DeliveryStatusEvent(ProviderNames.WhatsApp, PhoneNumberId, "wamid.OUT2", ProviderDeliveryStatus.Read, SentAt.AddSeconds(26), WaId));
    }

    [Fact]
    public void AFailedStatusCarriesTheFirstError()
    {
        var batch = Accepted(Envelope(Value(statuses: Status("wamid.OUT1", "failed",
            errors: """{"code":131047,"title":"Re-engagement message","message":"Re-engagement message","error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."}}"""))));

        batch.Events.Should().Equal(new DeliveryStatusEvent(
            ProviderNames.WhatsApp, PhoneNumberId, "wamid.OUT1", ProviderDeliveryStatus.Failed, SentAt, WaId,
            new ProviderError("131047", "Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the customer last replied to this number.")));
    }

    [Fact]
    public void AStatusForAUserKnownOnlyByUserIdNamesThatId()
    {
        var batch = Accepted(Envelope(Value(statuses:
            $$"""{"id":"wamid.OUT1","status":"delivered","timestamp":"{{Timestamp}}","recipient_user_id":"US.1349"}""")));

        batch.Events.Cast<DeliveryStatusEvent>().Single().RecipientId.Should().Be("US.1349");
    }

    [Fact]
    public void AStatusNamesItsDeliveryAndPriceWhenMetaHandsThemBack()
    {
        var delivery = TemporalBridge.Temporal.WorkflowIds.OutboundDelivery("c697a91c-ce0c-469e-918b-fdc2ff6f8a04", "m:1");
        var batch = Accepted(Envelope(Value(statuses:
            $$$"""{"id":"wamid.OUT1","status":"delivered","timestamp":"{{{Timestamp}}}","recipient_id":"{{{WaId}}}","biz_opaque_callback_data":"{{{delivery}}}","pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"utility"}}""")));

        var status = batch.Events.Cast<DeliveryStatusEvent>().Single();
        status.DeliveryId.Should().Be(delivery);
        status.Pricing.Should().Be(new MessagePricing(true, "utility", "regular", "PMP"));
    }

    [Theory]
    [InlineData("campaign-42")]
    [InlineData("delivery-out:ch1")]
    [InlineData("delivery-out:ch 1:m1")]
    [InlineData("delivery-in:whatsapp:wamid.1")]
    public void CallbackDataThatIsNoDeliveryOfThisBridgeIsIgnored(string data)
    {
        var batch = Accepted(Envelope(Value(statuses:
            $$"""{"id":"wamid.OUT1","status":"read","timestamp":"{{Timestamp}}","recipient_id":"{{WaId}}","biz_opaque_callback_data":"{{data}}"}""")));

        batch.Events.Cast<DeliveryStatusEvent>().Single().DeliveryId.Should().BeNull("another app on the number may tag its own sends");
    }

    [Fact]
    public void AnUnknownStatusIsSkippedAndReportedNotHandedOver()
    {
        var batch = Accepted(Envelope(Value(statuses: string.Join(",", Status("wamid.OUT1", "deleted"), Status("wamid.OUT1", "sent")))));

        batch.Events.Should().ContainSingle().Which.Should().BeOfType<DeliveryStatusEvent>()
            .Which.Status.Should().Be(ProviderDeliveryStatus.Sent);
        batch.Updates.Should().Be(2);
        batch.Skipped.Should().Equal(new SkippedUpdate("entry[0].changes[0].value.statuses[0]", "unknown status 'deleted'", WaId));
    }

    [Fact]
    public void ABatchForSeveralNumbersKeepsEveryUpdateInOrderWithItsAccount()
    {
        const string Avi = "972500000001";
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[
              {"id":"102290129340398","changes":[
                {"field":"messages","value":{{{Value(
                    messages: string.Join(",", Text("first", id: "wamid.IN1"), Text("from Avi", id: "wamid.IN2", from: Avi), Text("second", id: "wamid.IN3")),
                    statuses: Status("wamid.OUT1", "read"),
                    contacts: Contact() + "," + Contact(Avi, "Avi"))}}}},
                {"field":"messages","value":{{{Value(
                    messages: Text("other number", id: "wamid.IN4"),
                    contacts: Contact(),
                    phoneNumberId: OtherPhoneNumberId)}}}}]},
              {"id":"102290129340777","changes":[
                {"field":"messages","value":{{{Value(statuses: Status("wamid.OUT9", "failed", recipient: Avi,
                    errors: """{"code":131026,"title":"Message undeliverable"}"""), phoneNumberId: OtherPhoneNumberId)}}}}]}]}
            """;

        var batch = Accepted(body);

        batch.Events.Should().Equal(
            new ClientMessageEvent(ProviderNames.WhatsApp, PhoneNumberId, Sheena, new InboundMessage("wamid.IN1", SentAt, "first")),
            new ClientMessageEvent(ProviderNames.WhatsApp, PhoneNumberId, new ClientIdentity(Avi, "+" + Avi, "Avi"), new InboundMessage("wamid.IN2", SentAt, "from Avi")),
            new ClientMessageEvent(ProviderNames.WhatsApp, PhoneNumberId, Sheena, new InboundMessage("wamid.IN3", SentAt, "second")),
            new DeliveryStatusEvent(ProviderNames.WhatsApp, PhoneNumberId, "wamid.OUT1", ProviderDeliveryStatus.Read, SentAt, WaId),
            new ClientMessageEvent(ProviderNames.WhatsApp, OtherPhoneNumberId, Sheena, new InboundMessage("wamid.IN4", SentAt, "other number")),
            new DeliveryStatusEvent(ProviderNames.WhatsApp, OtherPhoneNumberId, "wamid.OUT9", ProviderDeliveryStatus.Failed, SentAt, Avi,
                new ProviderError("131026", "Message undeliverable")));
        batch.Updates.Should().Be(6);
    }

    [Fact]
    public void APayloadForAnotherObjectIsIgnoredUnread()
    {
        var batch = Accepted("""{"object":"page","entry":[{"id":"1","time":1739321024000,"messaging":[{"sender":{"id":"1"}}]}]}""");

        batch.IgnoredObject.Should().Be("page");
        batch.Events.Should().BeEmpty();
    }

    [Fact]
    public void AChangeOfAnotherFieldIsIgnoredWhateverItsShape()
    {
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
              {"field":"message_template_status_update","value":{"event":"APPROVED","message_template_id":12345,"messages":"not a list"}},
              {{{Change(Value(messages: Text("still read"), contacts: Contact()))}}}]}]}
            """;

        var batch = Accepted(body);

        batch.IgnoredFields.Should().Equal("message_template_status_update");
        batch.Events.Should().ContainSingle().Which.Should().BeOfType<ClientMessageEvent>()
            .Which.Message.Text.Should().Be("still read");
    }

    [Theory]
    [InlineData("""{"object":"whatsapp_business_account","entry":{"id":"1"}}""", "entry")]
    [InlineData("""{"object":"whatsapp_business_account"}""", "entry")]
    [InlineData("""{"entry":[]}""", "object")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{}}]}]}""", "entry[0].changes[0].field")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages"}]}]}""", "entry[0].changes[0].value")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":{"id":"x"}}}]}]}""", "entry[0].changes[0].value.messages")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"1","id":7,"timestamp":"1","type":"text","text":{"body":"x"}}]}}]}]}""", "entry[0].changes[0].value.messages[0].id")]
    public void AWrongShapeIsRefusedNamingThePath(string body, string path) =>
        Refused(body).Path.Should().Be(path);

    [Theory]
    [InlineData("id", "entry[0].changes[0].value.messages[1].id")]
    [InlineData("timestamp", "entry[0].changes[0].value.messages[1].timestamp")]
    [InlineData("type", "entry[0].changes[0].value.messages[1].type")]
    [InlineData("from", "entry[0].changes[0].value.messages[1].from")]
    public void AMessageWithoutARequiredFieldIsRefusedNamingIt(string field, string path)
    {
        var complete = new Dictionary<string, string> { ["from"] = WaId, ["id"] = "wamid.IN2", ["timestamp"] = Timestamp, ["type"] = "text" };
        complete.Remove(field);
        var second = "{" + string.Join(",", complete.Select(pair => $"\"{pair.Key}\":\"{pair.Value}\"")) + ",\"text\":{\"body\":\"x\"}}";

        var problem = Refused(Envelope(Value(messages: Text("fine") + "," + second, contacts: Contact())));

        problem.Should().Be(new PayloadProblem(path, field == "from" ? "is required (or from_user_id)" : "is required"));
    }

    [Theory]
    [InlineData("17393210.24")]
    [InlineData("2025-02-12T00:43:44Z")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public void AnUnparseableTimestampIsRefused(string timestamp)
    {
        var body = Envelope(Value(messages: $$$"""{"from":"{{{WaId}}}","id":"{{{MessageId}}}","timestamp":"{{{timestamp}}}","type":"text","text":{"body":"x"}}"""));

        Refused(body).Should().Be(new PayloadProblem("entry[0].changes[0].value.messages[0].timestamp", "must be unix seconds, as a string of digits"));
    }

    [Theory]
    [InlineData("text", "{}", "entry[0].changes[0].value.messages[0].text.body")]
    [InlineData("image", "null", "entry[0].changes[0].value.messages[0].image")]
    [InlineData("location", """{"latitude":1.5}""", "entry[0].changes[0].value.messages[0].location.longitude")]
    [InlineData("reaction", """{"emoji":"👍"}""", "entry[0].changes[0].value.messages[0].reaction.message_id")]
    [InlineData("system", """{"type":"user_changed_number"}""", "entry[0].changes[0].value.messages[0].system.body")]
    public void AMessageLackingWhatItsTypeNeedsIsRefused(string type, string content, string path) =>
        Refused(Envelope(Value(messages: Message(type, content)))).Path.Should().Be(path);

    [Fact]
    public void UpdatesWithoutThePhoneNumberIdAreRefused() =>
        Refused(Envelope($$"""{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881"},"messages":[{{Text("x")}}]}"""))
            .Path.Should().Be("entry[0].changes[0].value.metadata.phone_number_id");

    [Fact]
    public void AStatusWithoutItsStatusIsRefused() =>
        Refused(Envelope(Value(statuses: $$"""{"id":"wamid.OUT1","timestamp":"{{Timestamp}}","recipient_id":"{{WaId}}"}""")))
            .Path.Should().Be("entry[0].changes[0].value.statuses[0].status");

    [Fact]
    public void MalformedJsonIsRefusedNamingWhereItBroke()
    {
        var problem = Refused("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages",}]}]}""");

        problem.Path.Should().Be("entry[0].changes[0]");
        problem.Problem.Should().StartWith("is not valid JSON (line 1, byte");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    public void ABodyThatIsNotAnObjectIsRefusedAsTheBody(string body) =>
        Refused(body).Path.Should().Be(WebhookParser.BodyPath);

    private static string TextOf(string type, string content) =>
        OnlyMessage(Envelope(Value(messages: Message(type, content), contacts: Contact()))).Message.Text;
}
