using TemporalBridge.Providers;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.ParsedWebhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.WebhookPayloads;

namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>
/// The shapes of Meta's webhooks a production bridge must handle beyond plain messages, written from Meta's webhook
/// reference pages and the payloads the SDKs david-lev/pywa (tests/data/updates) and Secreto31126/whatsapp-api-js test
/// with: edits and deletions, identity changes, usernames and business-scoped ids, the business's own messages from
/// the WhatsApp Business app, groups, account errors, orders, Flows, welcome requests and ad referrals.
/// </summary>
public sealed class WebhookShapesTests
{
    private const string UserId = "US.13491208655302741918";

    [Fact]
    public void AnEditIsTheNewTextMarkedAsAnEditOfTheOriginal()
    {
        var message = OnlyMessage(Envelope(Value(contacts: Contact(), messages:
            """{"from":"16505551234","id":"wamid.EDIT","timestamp":"1739321024","type":"edit","edit":{"original_message_id":"wamid.ORIGINAL","message":{"context":{"id":"M0"},"type":"text","text":{"body":"Tuesday at 11, not 10"}}}}""")));

        message.Message.ProviderMessageId.Should().Be("wamid.EDIT");
        message.Message.Text.Should().Be("[Edited] Tuesday at 11, not 10");
        message.Message.Amends.Should().Be("wamid.ORIGINAL");
        message.Message.ReplyToProviderMessageId.Should().BeNull("Meta's placeholder context inside an edit is no reply");
    }

    [Fact]
    public void AnEditedPhotoShowsItsNewCaption() =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages:
            """{"from":"16505551234","id":"wamid.EDIT","timestamp":"1739321024","type":"edit","edit":{"original_message_id":"wamid.ORIGINAL","message":{"type":"image","image":{"caption":"Updated image caption","mime_type":"image/jpeg","sha256":"a1b2","id":"1234567890"}}}}""")))
            .Message.Text.Should().Be("[Edited] [Photo] Updated image caption");

    [Fact]
    public void ADeletionIsShownAsDeletedAndNamesTheOriginal()
    {
        var message = OnlyMessage(Envelope(Value(contacts: Contact(), messages:
            $$$"""{"from":"{{{WaId}}}","id":"wamid.REVOKE","timestamp":"{{{Timestamp}}}","type":"revoke","revoke":{"original_message_id":"wamid.ORIGINAL"}}""")));

        message.Message.Text.Should().Be(MessageText.Deleted);
        message.Message.Amends.Should().Be("wamid.ORIGINAL");
    }

    [Fact]
    public void ANumberChangeIsANoticeThatNamesTheNewNumberAndUserId()
    {
        // Meta's system messages carry no contacts block; from is the old number.
        var message = OnlyMessage(Envelope(Value(messages:
            $$$"""{"from":"{{{WaId}}}","id":"wamid.SYS","timestamp":"{{{Timestamp}}}","type":"system","system":{"body":"User Sheena Nelson changed from 16505551234 to 12195555358","wa_id":"12195555358","user_id":"US.99990000111122223333","type":"user_changed_number"}}""")));

        message.Client.Id.Should().Be(WaId);
        message.Message.Text.Should().Be("[System] User Sheena Nelson changed from 16505551234 to 12195555358");
        message.Message.NowKnownAs.Should().Be(new ClientIdentity("12195555358", "+12195555358", null) { UserId = "US.99990000111122223333" });
    }

    [Fact]
    public void AUserIdChangeWithoutAnyNumberNamesTheOldIdFromItsBody()
    {
        var message = OnlyMessage(Envelope(Value(messages:
            $$$"""{"id":"wamid.SYS2","timestamp":"{{{Timestamp}}}","type":"system","system":{"body":"User Sheena Nelson changed from {{{UserId}}} to US.99990000111122223333","user_id":"US.99990000111122223333","parent_user_id":"US.ENT.11815799212886844830","type":"user_changed_user_id"}}""")));

        message.Client.Id.Should().Be(UserId);
        message.Message.NowKnownAs.Should().Be(
            new ClientIdentity("US.99990000111122223333", null, null) { UserId = "US.99990000111122223333", ParentUserId = "US.ENT.11815799212886844830" });
    }

    [Fact]
    public void AUserIdChangeOfAUserKnownByNumberKeepsTheNumber()
    {
        var message = OnlyMessage(Envelope(Value(messages:
            $$$"""{"from":"{{{WaId}}}","id":"wamid.SYS3","timestamp":"{{{Timestamp}}}","type":"system","system":{"body":"User changed from {{{UserId}}} to US.2","user_id":"US.2","type":"user_changed_user_id"}}""")));

        message.Message.NowKnownAs.Should().Be(new ClientIdentity(WaId, "+" + WaId, null) { UserId = "US.2" });
    }

    [Fact]
    public void ANoticeThatNamesNobodyIsSkipped()
    {
        var batch = Accepted(Envelope(Value(messages:
            $$$"""{"id":"wamid.SYS4","timestamp":"{{{Timestamp}}}","type":"system","system":{"body":"Something changed","type":"user_changed_user_id","user_id":"US.2"}}""")));

        batch.Events.Should().BeEmpty();
        batch.Skipped.Should().ContainSingle().Which.Reason.Should().Contain("names no user");
    }

    [Fact]
    public void AUserWithAUsernameAndNoNumberIsKnownByUserIdAndNamedByUsername()
    {
        var message = OnlyMessage(Envelope(Value(
            contacts: $$$"""{"profile":{"username":"@pablomorales"},"user_id":"{{{UserId}}}","parent_user_id":"US.ENT.11815799212886844830"}""",
            messages: $$$"""{"from_user_id":"{{{UserId}}}","from_parent_user_id":"US.ENT.11815799212886844830","id":"wamid.U1","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"Does it come in another color?"}}""")));

        message.Client.Should().Be(new ClientIdentity(UserId, null, "@pablomorales") { UserId = UserId, ParentUserId = "US.ENT.11815799212886844830" });
    }

    [Fact]
    public void AUserWithANumberAndAUserIdIsKeyedByTheNumberAndKnowsBoth()
    {
        var message = OnlyMessage(Envelope(Value(
            contacts: $$$"""{"profile":{"name":"Sheena Nelson","username":"@sheena"},"wa_id":"{{{WaId}}}","user_id":"{{{UserId}}}"}""",
            messages: $$$"""{"from":"{{{WaId}}}","from_user_id":"{{{UserId}}}","id":"wamid.U2","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"Hi"}}""")));

        message.Client.Should().Be(new ClientIdentity(WaId, "+" + WaId, ProfileName) { UserId = UserId });
        message.Client.Ids().Should().Equal(WaId, UserId);
    }

    [Fact]
    public void TheBusinessesOwnMessageFromTheAppIsTheBusinesssMessageOfThatConversation()
    {
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"smb_message_echoes","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{PhoneNumberId}}}"},
              "contacts":[{"profile":{"username":"@sheena"},"wa_id":"{{{WaId}}}","user_id":"{{{UserId}}}"}],
              "message_echoes":[{"from":"15550783881","to":"{{{WaId}}}","to_user_id":"{{{UserId}}}","id":"wamid.ECHO","timestamp":1739321024,"type":"text","text":{"body":"Here's the info you requested!"}}]}}]}]}
            """;

        var echo = OnlyMessage(body);

        echo.Client.Id.Should().Be(WaId);
        echo.Message.FromBusiness.Should().BeTrue();
        echo.Message.Text.Should().Be("Here's the info you requested!");
        echo.Message.SentAt.Should().Be(SentAt, "Meta types an echo's timestamp as an integer; its example writes a string");
    }

    [Fact]
    public void AGroupMessageIsNeverTakenForThePrivateConversationOfItsSender()
    {
        var batch = Accepted(Envelope(Value(contacts: Contact(), messages:
            $$$"""{"from":"{{{WaId}}}","group_id":"Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD","id":"wamid.G1","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"What does everyone think?"}}""")));

        batch.Events.Should().BeEmpty();
        batch.Updates.Should().Be(1);
        batch.Skipped.Should().ContainSingle().Which.Reason.Should().Contain("group");
    }

    [Fact]
    public void AStatusOfAMessageToAGroupIsSkipped() =>
        Accepted(Envelope(Value(statuses:
            $$$"""{"id":"wamid.OUT1","status":"read","timestamp":"{{{Timestamp}}}","recipient_id":"Y2FwaV9ncm91cDox","recipient_type":"group","recipient_participant_id":"{{{WaId}}}"}""")))
            .Skipped.Should().ContainSingle().Which.Reason.Should().Contain("group");

    [Fact]
    public void ErrorsAboutTheAccountAloneAreReadForTheLog()
    {
        var batch = Accepted(Envelope(
            """{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"errors":[{"code":130429,"title":"Rate limit hit","message":"Rate limit hit","error_data":{"details":"Too many messages sent from this phone number in a short period of time"},"href":"/documentation/business-messaging/whatsapp/support/error-codes"}]}"""));

        batch.Events.Should().BeEmpty();
        batch.AccountErrors.Should().Equal(new AccountError(PhoneNumberId, 130429, "Rate limit hit", "Too many messages sent from this phone number in a short period of time"));
    }

    [Fact]
    public void AMessageWhoseContentMetaCouldNotGiveIsShownAsUnreadableWithWhy()
    {
        // pywa's "interactive_message_with_err": type interactive, no interactive object, and value.errors saying why.
        var batch = Accepted(Envelope(
            $$$"""{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{PhoneNumberId}}}"},"contacts":[{{{Contact()}}}],"messages":[{"from":"{{{WaId}}}","id":"wamid.I1","timestamp":"{{{Timestamp}}}","type":"interactive"}],"errors":[{"code":131000,"title":"Something went wrong","message":"Something went wrong","error_data":{"details":"Unsupported webhook payload"}}]}"""));

        batch.Events.Cast<ClientMessageEvent>().Single().Message.Text.Should().Be("[Unreadable interactive message] Something went wrong: Unsupported webhook payload");
        batch.AccountErrors.Should().ContainSingle();
    }

    [Fact]
    public void AnOrderListsItsItemsAndNote() =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages: Message("order",
            """{"catalog_id":"194836987003835","text":"Love these!","product_items":[{"product_retailer_id":"di9ozbzfi4","quantity":2,"item_price":30,"currency":"USD"},{"product_retailer_id":"x7","quantity":1,"item_price":7.99,"currency":"USD"}]}"""))))
            .Message.Text.Should().Be("[Order] 2 × di9ozbzfi4 at 30 USD; 1 × x7 at 7.99 USD — Love these!");

    [Fact]
    public void AFlowsAnswerShowsItsFieldsButTheToken() =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages: Message("interactive",
            """{"type":"nfm_reply","nfm_reply":{"name":"flow","body":"Sent","response_json":"{\"flow_token\":\"AQAAAAACS5FpgQ_cAAAAAD0QI3s\",\"date\":\"2026-12-05\",\"guests\":2}"}}"""))))
            .Message.Text.Should().Be("[Form reply] Sent — date: 2026-12-05, guests: 2");

    [Fact]
    public void AWelcomeRequestSaysTheUserOpenedAChat() =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages: $$$"""{"from":"{{{WaId}}}","id":"wamid.W1","timestamp":"{{{Timestamp}}}","type":"request_welcome"}""")))
            .Message.Text.Should().Be(MessageText.OpenedChat);

    [Fact]
    public void AMessageFromAnAdSaysWhichAd() =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages:
            $$$"""{"from":"{{{WaId}}}","id":"wamid.A1","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"Hi, is this available?"},"referral":{"source_url":"https://fb.me/3cr4Wqqkv","source_id":"120226305854810726","source_type":"ad","headline":"Chat with us","body":"Summer succulents are here!","media_type":"image","image_url":"https://scontent.xx.fbcdn.net/x","ctwa_clid":"Aff-n8ZT"}}""")))
            .Message.Text.Should().Be("[From an ad: Chat with us https://fb.me/3cr4Wqqkv] Hi, is this available?");

    [Fact]
    public void AReactionWithoutAnEmojiKeyIsARemovedReaction() =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages: Message("reaction", """{"message_id":"wamid.R1"}"""))))
            .Message.Text.Should().Be(MessageText.RemovedReaction);

    [Theory]
    [InlineData("entry[0].changes[0].value.messages[0].from", """{"from":"1555\r\n0001","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")]
    [InlineData("entry[0].changes[0].value.messages[0].id", """{"from":"15550001","id":"wamid/../../x y","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")]
    [InlineData("entry[0].changes[0].value.messages[0].id", """{"from":"15550001","id":"wamid.‮evil","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")]
    [InlineData("entry[0].changes[0].value.messages[0].from_user_id", """{"from_user_id":"US:1:2","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")]
    [InlineData("entry[0].changes[0].value.messages[0].context.id", """{"from":"15550001","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"},"context":{"id":"wamid:1"}}""")]
    public void AnIdOutsideMetasShapeIsRefusedNamingItsPath(string path, string message) =>
        Refused(Envelope(Value(messages: message))).Path.Should().Be(path);

    [Fact]
    public void APhoneNumberIdOfFiveThousandCharactersIsRefused() =>
        Refused(Envelope(Value(messages: Text("x"), phoneNumberId: new string('1', 5000)))).Path.Should().Be("entry[0].changes[0].value.metadata.phone_number_id");

    [Fact]
    public void AKeyGivenTwiceIsRefusedNotGuessed()
    {
        // Signed, so from Meta: but which "object" counts would be a guess, and the last one would drop the message.
        var problem = Refused("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":""" + Value(messages: Text("x"), contacts: Contact()) + """}]}],"object":"page"}""");

        problem.Problem.Should().Contain("twice");
    }

    [Fact]
    public void AWaIdWrittenWithAPlusIsTheSameNumber() =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages: Text("x", from: "+" + WaId)))).Client.Id.Should().Be(WaId);
}
