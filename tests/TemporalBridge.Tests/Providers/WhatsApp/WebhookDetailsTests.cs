using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.ParsedWebhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.WebhookPayloads;

namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>The details of what the parser reads from a webhook it takes: identities after a change, a failed
/// status's error, account errors, what is counted and what is left aside.</summary>
public sealed class WebhookDetailsTests
{
    private const string OldParent = "US.ENT.11815799212886844830";
    private const string NewParent = "US.ENT.22222222222222222222";
    private const string OldUserId = "US.13491208655302741918";
    private const string NewUserId = "US.99999999999999999999";

    public static TheoryData<string, string, ClientIdentity> IdentityChanges => new()
    {
        {
            $$"""{"type":"user_changed_number","body":"changed","wa_id":"15550002","parent_user_id":"{{NewParent}}"}""", "from",
            new ClientIdentity("15550002", "+15550002", ProfileName) { ParentUserId = NewParent }
        },
        {
            """{"type":"user_changed_number","body":"changed","wa_id":"15550002"}""", "from",
            new ClientIdentity("15550002", "+15550002", ProfileName) { ParentUserId = OldParent }
        },
        {
            $$"""{"type":"user_changed_user_id","body":"changed","user_id":"{{NewUserId}}","parent_user_id":"{{NewParent}}"}""", "from",
            new ClientIdentity(WaId, "+" + WaId, ProfileName) { UserId = NewUserId, ParentUserId = NewParent }
        },
        {
            $$"""{"type":"user_changed_user_id","body":"changed","user_id":"{{NewUserId}}"}""", "from",
            new ClientIdentity(WaId, "+" + WaId, ProfileName) { UserId = NewUserId, ParentUserId = OldParent }
        },
        {
            $$"""{"type":"user_changed_user_id","body":"changed","user_id":"{{NewUserId}}","parent_user_id":"{{NewParent}}"}""", "from_user_id",
            new ClientIdentity(NewUserId, null, ProfileName) { UserId = NewUserId, ParentUserId = NewParent }
        },
        {
            $$"""{"type":"user_changed_user_id","body":"changed","user_id":"{{NewUserId}}"}""", "from_user_id",
            new ClientIdentity(NewUserId, null, ProfileName) { UserId = NewUserId, ParentUserId = OldParent }
        },
    };

    /// <summary>A change names the client's new ids; a parent id it does not name stays the one they had.</summary>
    [Theory]
    [MemberData(nameof(IdentityChanges))]
    public void AChangeOfNumberOrUserIdKeepsTheParentIdItDoesNotReplace(string system, string fromField, ClientIdentity nowKnownAs)
    {
        var from = fromField == "from" ? WaId : OldUserId;
        var contact = fromField == "from"
            ? $$"""{"profile":{"name":"{{ProfileName}}"},"wa_id":"{{WaId}}"}"""
            : $$"""{"profile":{"name":"{{ProfileName}}"},"user_id":"{{OldUserId}}"}""";
        var message = $$"""{"{{fromField}}":"{{from}}","from_parent_user_id":"{{OldParent}}","id":"wamid.S1","timestamp":"{{Timestamp}}","type":"system","system":{{system}}}""";

        OnlyMessage(Envelope(Value(contacts: contact, messages: message))).Message.NowKnownAs.Should().Be(nowKnownAs);
    }

    [Fact]
    public void TheMessagesOwnParentIdWinsOverTheContacts() =>
        OnlyMessage(Envelope(Value(
                contacts: $$"""{"profile":{"name":"A"},"wa_id":"{{WaId}}","parent_user_id":"{{OldParent}}"}""",
                messages: $$$"""{"from":"{{{WaId}}}","from_parent_user_id":"{{{NewParent}}}","id":"wamid.X","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"x"}}""")))
            .Client.ParentUserId.Should().Be(NewParent);

    [Fact]
    public void AnEmptyIdIsAnAbsentOne() =>
        OnlyMessage(Envelope(Value(
                contacts: $$"""{"profile":{"name":"A"},"wa_id":"","user_id":"{{OldUserId}}"}""",
                messages: $$$"""{"from":"","from_user_id":"{{{OldUserId}}}","id":"wamid.X","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"x"}}""")))
            .Client.Should().Be(new ClientIdentity(OldUserId, null, "A") { UserId = OldUserId });

    [Theory]
    [InlineData("""{"code":131026,"title":"Message undeliverable","message":"Undeliverable","error_data":{"details":"Not on WhatsApp"}}""", "131026", "Message undeliverable", "Not on WhatsApp")]
    [InlineData("""{"code":131026,"message":"Undeliverable"}""", "131026", "Undeliverable", null)]
    [InlineData("""{"title":" ","message":"Undeliverable"}""", "", "Undeliverable", null)]
    [InlineData("""{"code":131000}""", "131000", "", null)]
    public void AFailedStatusCarriesMetasFirstError(string error, string code, string title, string? details) =>
        StatusIn(Envelope(Value(statuses: Status("wamid.S", "failed", errors: error + """,{"code":1,"title":"second"}""")))).Error
            .Should().Be(new ProviderError(code, title, details));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void AFailedStatusWithoutErrorsHasNone(string? errors) =>
        StatusIn(Envelope(Value(statuses: Status("wamid.S", "failed", errors: errors)))).Error.Should().BeNull();

    [Fact]
    public void AStatusNamingBothRecipientIdsIsForThePhoneNumber() =>
        StatusIn(Envelope(Value(statuses: $$$"""{"id":"wamid.S","status":"sent","timestamp":"{{{Timestamp}}}","recipient_id":"{{{WaId}}}","recipient_user_id":"{{{OldUserId}}}"}""")))
            .RecipientId.Should().Be(WaId);

    [Fact]
    public void TheBusinesssMessageToAGroupIsSkipped()
    {
        var batch = Accepted($$$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"smb_message_echoes","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{PhoneNumberId}}}"},"message_echoes":[{"from":"15550783881","group_id":"Y2FwaV9ncm91cDox","id":"wamid.E","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"x"}}]}}]}]}""");

        batch.Events.Should().BeEmpty();
        batch.Skipped.Should().Equal(new SkippedUpdate(
            "entry[0].changes[0].value.message_echoes[0]", "the business's message to a group: the bridge carries one-to-one conversations only", null));
    }

    [Fact]
    public void AnErrorOnAStatusThatDidNotFailIsNotAFailure() =>
        StatusIn(Envelope(Value(statuses: Status("wamid.S", "delivered", errors: """{"code":131000,"title":"Something went wrong"}""")))).Error.Should().BeNull();

    [Theory]
    [InlineData("""{"code":130429,"message":"Rate limit hit"}""", 130429, "Rate limit hit")]
    [InlineData("""{"code":130429,"title":"Rate limit","message":"Rate limit hit"}""", 130429, "Rate limit")]
    [InlineData("""{"title":"Rate limit"}""", 0, "Rate limit")]
    [InlineData("""{"code":130429}""", 130429, "")]
    public void AnAccountErrorIsNamedByItsTitleElseItsMessage(string error, long code, string title) =>
        Accepted(Envelope($$"""{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{PhoneNumberId}}"},"errors":[{{error}}]}"""))
            .AccountErrors.Should().Equal(new AccountError(PhoneNumberId, code, title, null));

    [Fact]
    public void AnAccountErrorWithoutMetadataIsStillRead() =>
        Accepted(Envelope("""{"messaging_product":"whatsapp","errors":[{"code":131000,"title":"Something went wrong"}]}"""))
            .AccountErrors.Should().Equal(new AccountError(null, 131000, "Something went wrong", null));

    [Fact]
    public void EveryMessageEchoAndStatusIsAnUpdate()
    {
        var echoes = $$$"""{"field":"smb_message_echoes","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{PhoneNumberId}}}"},"message_echoes":[{"to":"{{{WaId}}}","id":"wamid.E","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"x"}}]}}""";
        var body = $$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{{Change(Value(contacts: Contact(), messages: Text("a", id: "wamid.A") + "," + Text("b", id: "wamid.B"), statuses: Status("wamid.S", "sent")))}},{{echoes}}]}]}""";

        var batch = Accepted(body);

        batch.Updates.Should().Be(4);
        batch.Events.Should().HaveCount(4);
    }

    [Theory]
    [InlineData(40, "")]
    [InlineData(41, "…")]
    public void AnUnknownStatusIsSkippedNamedAtMostFortyCharacters(int length, string tail) =>
        Accepted(Envelope(Value(statuses: Status("wamid.S", new string('s', length)))))
            .Skipped.Should().Equal(new SkippedUpdate("entry[0].changes[0].value.statuses[0]", $"unknown status '{new string('s', 40)}{tail}'", WaId));

    [Fact]
    public void AKeyGivenTwiceInsideAnUpdateIsNamedWhereItIs() =>
        Refused(Envelope(Value(messages: $$$"""{"from":"{{{WaId}}}","id":"wamid.X","id":"wamid.Y","timestamp":"{{{Timestamp}}}","type":"text","text":{"body":"x"}}""")))
            .Should().BeEquivalentTo(new PayloadProblem("entry[0].changes[0].value.messages[0].id", "holds a key twice: which one counts would be a guess"));

    [Fact]
    public void AKeyGivenTwiceAtTheTopIsNamedNotCalledAWrongType() =>
        Refused("""{"object":"whatsapp_business_account","object":"page","entry":[]}""")
            .Should().BeEquivalentTo(new PayloadProblem("object", "holds a key twice (line 1, byte 48): which one counts would be a guess"));

    private static DeliveryStatusEvent StatusIn(string body) =>
        Accepted(body).Events.Should().ContainSingle().Which.Should().BeOfType<DeliveryStatusEvent>().Subject;
}
