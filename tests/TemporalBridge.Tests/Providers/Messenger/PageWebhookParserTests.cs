using System.Text;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Messenger.Webhooks;
using static TemporalBridge.Tests.Providers.Messenger.PagePayloads;

namespace TemporalBridge.Tests.Providers.Messenger;

public sealed class PageWebhookParserTests
{
    private static PageWebhookBatch Parsed(string body)
    {
        var result = PageWebhookParser.Parse(Encoding.UTF8.GetBytes(body));
        result.Problem.Should().BeNull();
        return result.Batch!;
    }

    private static ClientMessageEvent OnlyMessage(string body) =>
        Parsed(body).Events.Should().ContainSingle().Which.Should().BeOfType<ClientMessageEvent>().Subject;

    [Fact]
    public void AUsersTextBecomesAClientMessageOfThePageKeyedByThePsid()
    {
        var message = OnlyMessage(Single(Text("Is Saturday free?")));

        message.Provider.Should().Be("messenger");
        message.AccountId.Should().Be(PageId);
        message.Client.Should().Be(new ClientIdentity(Psid, null, null));
        message.Message.Should().Be(new InboundMessage("m_AbC123", DateTimeOffset.FromUnixTimeMilliseconds(At), "Is Saturday free?"));
    }

    [Fact]
    public void EveryEntryAndEveryEventIsReadInMetasOrder()
    {
        var batch = Parsed(Envelope(
            Entry([Text("one", "m_1"), Text("two", "m_2")]),
            Entry([Text("three", "m_3")], pageId: "104400998877665")));

        batch.Updates.Should().Be(3);
        batch.Events.Cast<ClientMessageEvent>().Select(e => (e.AccountId, e.Message.ProviderMessageId))
            .Should().Equal((PageId, "m_1"), (PageId, "m_2"), ("104400998877665", "m_3"));
    }

    [Fact]
    public void AQuickReplyIsTheTextTheUserTappedAndAReplyNamesTheQuotedMessage()
    {
        var message = OnlyMessage(Single(FromUser("message",
            """{"mid":"m_Qr7","text":"Yes please","quick_reply":{"payload":"CONFIRM_42"},"reply_to":{"mid":"m_Pq6","is_self_reply":false}}""")));

        message.Message.Text.Should().Be("[Reply to an earlier message] Yes please");
        message.Message.ReplyToProviderMessageId.Should().Be("m_Pq6");
    }

    [Theory]
    [InlineData("""[{"type":"image","payload":{"url":"https://cdn.example/p.jpg"}}]""", "[Photo] https://cdn.example/p.jpg")]
    [InlineData("""[{"type":"video","payload":{"url":"https://cdn.example/v.mp4"}}]""", "[Video] https://cdn.example/v.mp4")]
    [InlineData("""[{"type":"audio","payload":{"url":"https://cdn.example/a.mp4"}}]""", "[Audio] https://cdn.example/a.mp4")]
    [InlineData("""[{"type":"file","payload":{"url":"https://cdn.example/f.pdf"}}]""", "[File] https://cdn.example/f.pdf")]
    [InlineData("""[{"type":"reel","payload":{"url":"https://cdn.example/r"}}]""", "[Reel] https://cdn.example/r")]
    [InlineData("""[{"type":"ig_post","payload":{"url":"https://cdn.example/p"}}]""", "[Post] https://cdn.example/p")]
    [InlineData("""[{"type":"sticker","payload":{"url":"https://cdn.example/s.png","sticker_id":369239263222822}},{"type":"image","payload":{"url":"https://cdn.example/s.png"}}]""", "[Sticker] https://cdn.example/s.png")]
    [InlineData("""[{"type":"fallback","title":"An article","url":"https://example.org/a","payload":null}]""", "[Link] An article https://example.org/a")]
    [InlineData("""[{"type":"location","payload":{"coordinates":{"lat":"52.52","long":13.405}}}]""", "[Location] 52.52,13.405 https://maps.google.com/?q=52.52,13.405")]
    [InlineData("""[{"type":"appointment_booking","payload":{}}]""", "[Attachment: appointment_booking]")]
    [InlineData("""[{"payload":{"url":"https://cdn.example/x"}}]""", "[Attachment: unknown] https://cdn.example/x")]
    [InlineData("""[{"type":"ig_reel","payload":{"url":"https://cdn.example/r"}}]""", "[Reel] https://cdn.example/r")]
    [InlineData("""[{"type":"post","payload":{"url":"https://cdn.example/p"}}]""", "[Post] https://cdn.example/p")]
    [InlineData("""[{"type":"image","url":"https://cdn.example/outer.jpg","payload":{"url":"https://cdn.example/inner.jpg"}}]""", "[Photo] https://cdn.example/inner.jpg")]
    [InlineData("""[{"type":"image","url":"https://cdn.example/outer.jpg"}]""", "[Photo] https://cdn.example/outer.jpg")]
    [InlineData("""[{"type":"fallback","payload":{"title":"Only in the payload","url":"https://example.org/b"}}]""", "[Link] Only in the payload https://example.org/b")]
    [InlineData("""[{"type":"fallback","title":"On the attachment","payload":{"title":"In the payload"}}]""", "[Link] On the attachment")]
    [InlineData("""[{"type":"location","payload":{}}]""", "[Location]")]
    [InlineData("""[{"type":"template","title":"Your booking","payload":{"template_type":"generic"}}]""", "[Template] Your booking")]
    [InlineData("""[{"type":"template","payload":{"title":"From the payload"}}]""", "[Template] From the payload")]
    [InlineData("""[{"type":"template","title":"On the attachment","payload":{"title":"In the payload"}}]""", "[Template] On the attachment")]
    [InlineData("""[{"type":"image","payload":{"url":"https://cdn.example/1.jpg"}},{"type":"image","payload":{"url":"https://cdn.example/2.jpg"}}]""", "[Photo] https://cdn.example/1.jpg\n[Photo] https://cdn.example/2.jpg")]
    public void AttachmentsAreReadableText(string attachments, string text)
    {
        OnlyMessage(Single(FromUser("message", $$"""{"mid":"m_At1","attachments":{{attachments}}}"""))).Message.Text.Should().Be(text);
    }

    [Fact]
    public void AMessageWithTextAndAnOldStyleStickerIsTheTextAndOneWithNeitherSaysSo()
    {
        OnlyMessage(Single(FromUser("message", """{"mid":"m_St2","text":"thanks","sticker_id":369239263222822}"""))).Message.Text.Should().Be("thanks");
        OnlyMessage(Single(FromUser("message", """{"mid":"m_Empty"}"""))).Message.Text.Should().Be("[Message without text or attachment]");
    }

    [Fact]
    public void TakingBackAReactionIsRemovedEvenWhenMetaRepeatsTheEmoji()
    {
        OnlyMessage(Single(FromUser("reaction", """{"reaction":"love","emoji":"\u2764","action":"unreact","mid":"m_Uv9"}""")))
            .Message.Text.Should().Be("Removed a reaction");
    }

    [Fact]
    public void APostbackWithoutATitleShowsItsPayloadAndPostbacksWithoutMidDifferByPayload()
    {
        var first = OnlyMessage(Single(FromUser("postback", """{"payload":"BOOK_FRIDAY"}""")));
        var second = OnlyMessage(Single(FromUser("postback", """{"payload":"BOOK_MONDAY"}""")));

        first.Message.Text.Should().Be("[Button] BOOK_FRIDAY");
        first.Message.ProviderMessageId.Should().NotBe(second.Message.ProviderMessageId);
    }

    [Fact]
    public void ASenderWithBothAnIdAndAUserRefIsTheUserOfThatId()
    {
        OnlyMessage(Single("""{"sender":{"id":"7766554433221100","user_ref":"plugin-1"},"recipient":{"id":"104400112233445"},"timestamp":1733390000123,"message":{"mid":"m_Both","text":"hi"}}"""))
            .Client.Id.Should().Be(Psid);
    }

    [Fact]
    public void AnEntryWithOnlyStandbyIsAcknowledgedAndSaysWhy()
    {
        var batch = Parsed("""{"object":"page","entry":[{"id":"104400112233445","time":1,"standby":[{"sender":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","text":"x"}}]}]}""");

        batch.Events.Should().BeEmpty();
        batch.Skipped.Should().Equal(new SkippedEvent("entry[0].standby[0]", "standby: another app or the Page Inbox owns the conversation"));
    }

    [Fact]
    public void EchoesToChatPluginVisitorsEventsOfNoKindAndLongKindNamesAreNamedAsWhatTheyAre()
    {
        var longKind = new string('k', 45);
        var batch = Parsed(Envelope(Entry([
            """{"sender":{"id":"104400112233445"},"recipient":{"user_ref":"plugin-1"},"timestamp":1,"message":{"is_echo":true,"mid":"m_E","text":"x"}}""",
            """{"sender":{"id":"7766554433221100"},"recipient":{"id":"104400112233445"},"timestamp":1}""",
            $$$"""{"sender":{"id":"7766554433221100"},"timestamp":1,"{{{longKind}}}":{}}""",
            $$$"""{"sender":{"id":"7766554433221100"},"timestamp":1,"{{{new string('k', 40)}}}":{}}""",
        ])));

        batch.Skipped.Select(s => s.Reason).Should().Equal(
            "a chat-plugin visitor (user_ref): no page-scoped id to answer",
            "an event of no kind the bridge knows",
            $"{new string('k', 40)}… events are not acted on",
            $"{new string('k', 40)} events are not acted on");
    }

    [Theory]
    [InlineData(100_000_000_000, 100_000_000_000)]
    [InlineData(99_999_999_999, 99_999_999_999_000)]
    [InlineData(253_402_300_799_999, 253_402_300_799_999)]
    public void ATimestampFromTheTurnOfTheUnitsToTheLastMillisecondIsRead(long timestamp, long milliseconds)
    {
        OnlyMessage(Single(FromUser("message", """{"mid":"m_T","text":"x"}""", at: timestamp))).Message.SentAt
            .Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
    }

    [Fact]
    public void AStickerInMetasOlderFormIsASticker()
    {
        OnlyMessage(Single(FromUser("message", """{"mid":"m_St1","sticker_id":369239263222822}"""))).Message.Text.Should().Be("[Sticker]");
    }

    [Fact]
    public void AMessageTheBusinessSentFromThePageInboxIsTheBusinesssOwnToThePsid()
    {
        var message = OnlyMessage(Single(FromPage("""{"is_echo":true,"app_id":263902037430900,"mid":"m_Ec1","text":"We open at 9"}""")));

        message.Client.Id.Should().Be(Psid);
        message.Message.FromBusiness.Should().BeTrue();
        message.Message.Text.Should().Be("We open at 9");
    }

    [Fact]
    public void AnEchoWithoutAppIdIsStillTheBusinesss()
    {
        OnlyMessage(Single(FromPage("""{"is_echo":true,"mid":"m_Ec2","text":"Sent from the phone"}"""))).Message.FromBusiness.Should().BeTrue();
    }

    [Fact]
    public void TheEchoOfTheBridgesOwnSendIsLeftAsideWhenItArrives()
    {
        var batch = Parsed(Single(FromPage(
            """{"is_echo":true,"app_id":"123456789012345","metadata":"delivery-out:ch-1:bWVzc2FnZS0x","mid":"m_Ec3","text":"Staff reply"}""")));

        batch.Events.Should().BeEmpty();
        batch.Skipped.Should().ContainSingle().Which.Should().Be(new SkippedEvent("entry[0].messaging[0]", "the echo of a message the bridge sent"));
    }

    [Fact]
    public void AReactionIsReadableLinkedToItsMessageAndKeepsOneIdAcrossRedeliveries()
    {
        var body = Single(FromUser("reaction", """{"reaction":"love","emoji":"\u2764\ufe0f","action":"react","mid":"m_Uv9"}"""));

        var first = OnlyMessage(body);
        var again = OnlyMessage(body);
        var removed = OnlyMessage(Single(FromUser("reaction", """{"reaction":"love","action":"unreact","mid":"m_Uv9"}""")));

        first.Message.Text.Should().Be("Reacted \u2764\ufe0f to an earlier message");
        first.Message.ReplyToProviderMessageId.Should().Be("m_Uv9");
        first.Message.ProviderMessageId.Should().StartWith("reaction.").And.Be(again.Message.ProviderMessageId);
        removed.Message.Text.Should().Be("Removed a reaction");
        removed.Message.ProviderMessageId.Should().NotBe(first.Message.ProviderMessageId);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"1\"")]
    public void AnEditIsTheNewTextMarkedAsAnEditOfTheEarlierMessage(string numEdit)
    {
        var body = Single(FromUser("message_edit", $$"""{"mid":"m_Ask1","text":"Tuesday, not Monday","num_edit":{{numEdit}}}"""));

        var edit = OnlyMessage(body);
        var second = OnlyMessage(Single(FromUser("message_edit", """{"mid":"m_Ask1","text":"Wednesday","num_edit":2}""")));

        edit.Message.Text.Should().Be("[Edited] Tuesday, not Monday");
        edit.Message.Amends.Should().Be("m_Ask1");
        edit.Message.ProviderMessageId.Should().StartWith("edit.").And.Be(OnlyMessage(body).Message.ProviderMessageId);
        second.Message.ProviderMessageId.Should().NotBe(edit.Message.ProviderMessageId, "each edit is a message of its own");
    }

    [Fact]
    public void APostbackIsTheButtonsTitleUnderItsMidOrADerivedIdWithoutOne()
    {
        var tapped = OnlyMessage(Single(FromUser("postback", """{"mid":"m_Pb1","title":"Talk to a person","payload":"HANDOFF"}""")));
        var old = OnlyMessage(Single(FromUser("postback", """{"title":"Get Started","payload":"GET_STARTED"}""")));

        tapped.Message.Should().Be(new InboundMessage("m_Pb1", DateTimeOffset.FromUnixTimeMilliseconds(At), "[Button] Talk to a person"));
        old.Message.ProviderMessageId.Should().StartWith("postback.");
        old.Message.Text.Should().Be("[Button] Get Started");
    }

    [Theory]
    [InlineData("delivery", """{"mids":["m_Uv9"],"watermark":1733390200500}""", ProviderDeliveryStatus.Delivered)]
    [InlineData("delivery", """{"watermark":"1733390200500"}""", ProviderDeliveryStatus.Delivered)]
    [InlineData("read", """{"watermark":1733390200500}""", ProviderDeliveryStatus.Read)]
    public void DeliveriesAndReadsAreWatermarksForTheUsersConversation(string kind, string body, ProviderDeliveryStatus status)
    {
        Parsed(Single(FromUser(kind, body))).Events.Should().ContainSingle().Which.Should().Be(
            new ReceiptWatermarkEvent("messenger", PageId, Psid, status, DateTimeOffset.FromUnixTimeMilliseconds(1733390200500)));
    }

    [Fact]
    public void StandbyEventsAreAcknowledgedAndNotHandedOver()
    {
        var batch = Parsed(Envelope(Entry([Text("mine")], standby: [Text("another app's", "m_Sb1")])));

        batch.Events.Cast<ClientMessageEvent>().Select(e => e.Message.ProviderMessageId).Should().Equal("m_AbC123");
        batch.Skipped.Should().ContainSingle().Which.Path.Should().Be("entry[0].standby[0]");
        batch.Updates.Should().Be(2);
    }

    [Fact]
    public void KindsTheBridgeDoesNotActOnAndChatPluginVisitorsAreNamedAndLeftAside()
    {
        var batch = Parsed(Envelope(Entry([
            FromUser("optin", """{"ref":"newsletter"}"""),
            """{"sender":{"user_ref":"plugin-visitor-1"},"recipient":{"id":"104400112233445"},"timestamp":1733390000123,"message":{"mid":"m_Ur1","text":"hi"}}""",
        ])));

        batch.Events.Should().BeEmpty();
        batch.Skipped.Select(s => s.Reason).Should().Equal(
            "optin events are not acted on", "a chat-plugin visitor (user_ref): no page-scoped id to answer");
    }

    [Fact]
    public void AnotherObjectIsIgnoredWhole()
    {
        var batch = Parsed("""{"object":"instagram","entry":[{"id":"1","time":1,"messaging":[]}]}""");

        batch.IgnoredObject.Should().Be("instagram");
        batch.Events.Should().BeEmpty();
    }

    [Fact]
    public void ATimestampInSecondsIsReadAsSeconds()
    {
        OnlyMessage(Single(FromUser("postback", """{"mid":"m_Pb2","title":"Hi"}""", at: 1527459824))).Message.SentAt
            .Should().Be(DateTimeOffset.FromUnixTimeSeconds(1527459824));
    }

    [Theory]
    [InlineData("", "body", "is required: a JSON object")]
    [InlineData("[]", "body", "must be a JSON object")]
    [InlineData("{\"object\":\"page\"", "body", "is not valid JSON (line 1, byte 17)")]
    [InlineData("""{"object":"page","object":"page","entry":[]}""", "object", "holds a key twice (line 1, byte 27): which one counts would be a guess")]
    [InlineData("""{"entry":[]}""", "object", "is required")]
    [InlineData("""{"object":"page"}""", "entry", "is required")]
    [InlineData("""{"object":"page","entry":[null]}""", "entry[0]", "is required")]
    [InlineData("""{"object":"page","entry":[{"time":1,"messaging":[]}]}""", "entry[0].id", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"../x","messaging":[]}]}""", "entry[0].id", "must be 1–32 digits (a Meta id)")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","text":"x"}}]}]}""", "entry[0].messaging[0].sender", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"12\r\n"},"timestamp":1,"message":{"mid":"m_1","text":"x"}}]}]}""", "entry[0].messaging[0].sender.id", "must be 1–32 digits (a Meta id)")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":1,"message":{"text":"x"}}]}]}""", "entry[0].messaging[0].message.mid", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":1,"message":{"mid":"m_/../x","text":"x"}}]}]}""", "entry[0].messaging[0].message.mid", "must be 1–180 letters, digits or . _ - + / = without '..' (a message id as Meta writes them)")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"message":{"mid":"m_1","text":"x"}}]}]}""", "entry[0].messaging[0].timestamp", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":-5,"message":{"mid":"m_1","text":"x"}}]}]}""", "entry[0].messaging[0].timestamp", "must be a time in milliseconds since 1970")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":1,"read":{}}]}]}""", "entry[0].messaging[0].read.watermark", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":1,"message_edit":{"mid":"m_1"}}]}]}""", "entry[0].messaging[0].message_edit.text", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":1,"reaction":{"emoji":"x","action":"react"}}]}]}""", "entry[0].messaging[0].reaction.mid", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":"soon","message":{"mid":"m_1"}}]}]}""", "entry[0].messaging[0].timestamp", "has the wrong type (line 1, byte 89)")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":0,"message":{"mid":"m_1","text":"x"}}]}]}""", "entry[0].messaging[0].timestamp", "must be a time in milliseconds since 1970")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":253402300800000,"message":{"mid":"m_1","text":"x"}}]}]}""", "entry[0].messaging[0].timestamp", "must be a time in milliseconds since 1970")]
    [InlineData("""null""", "body", "must be a JSON object")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"1"},"timestamp":1,"message":{"is_echo":true,"mid":"m_1","text":"x"}}]}]}""", "entry[0].messaging[0].recipient", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"reaction":{"mid":"m_1","action":"react"}}]}]}""", "entry[0].messaging[0].timestamp", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"message_edit":{"mid":"m_1","text":"x"}}]}]}""", "entry[0].messaging[0].timestamp", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":1,"message_edit":{"mid":"m:1","text":"x"}}]}]}""", "entry[0].messaging[0].message_edit.mid", "must be 1–180 letters, digits or . _ - + / = without '..' (a message id as Meta writes them)")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"postback":{"title":"x"}}]}]}""", "entry[0].messaging[0].timestamp", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":1,"postback":{"mid":"m:1","title":"x"}}]}]}""", "entry[0].messaging[0].postback.mid", "must be 1–180 letters, digits or . _ - + / = without '..' (a message id as Meta writes them)")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"delivery":{"mids":[]}}]}]}""", "entry[0].messaging[0].delivery.watermark", "is required")]
    [InlineData("""{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"timestamp":1,"message":{"mid":"m_1","text":"x","reply_to":{"mid":"m/../1"}}}]}]}""", "entry[0].messaging[0].message.reply_to.mid", "must be 1–180 letters, digits or . _ - + / = without '..' (a message id as Meta writes them)")]
    public void AWronglyShapedBodyIsRefusedWholeNamingItsFirstWrongField(string body, string path, string problem)
    {
        var result = PageWebhookParser.Parse(Encoding.UTF8.GetBytes(body));

        result.Batch.Should().BeNull();
        result.Problem.Should().Be(new TemporalBridge.Providers.Meta.PayloadProblem(path, problem));
    }
}
