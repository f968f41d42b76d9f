using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.ParsedWebhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.WebhookPayloads;

namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>
/// Every field the parser reads, wrong or missing, is refused with its own JSON path and what is wrong with it: Meta's
/// developer (or an operator reading the 400) sees which field of which update to look at.
/// </summary>
public sealed class WebhookRefusalsTests
{
    private const string Value0 = "entry[0].changes[0].value";
    private const string Message0 = Value0 + ".messages[0]";
    private const string Echo0 = Value0 + ".message_echoes[0]";
    private const string Status0 = Value0 + ".statuses[0]";
    private const string UserId = "US.13491208655302741918";

    private const string WaIdShape = "must be 1–20 digits (a wa_id)";
    private const string UserIdShape = "must be a business-scoped user id such as 'US.13491208655302741918'";
    private const string OpaqueShape = "must be 1–256 letters, digits or . _ - + / = without '..' (an id as Meta writes them)";
    private const string Required = "is required";

    public static TheoryData<string, string, string> Refusals => new()
    {
        // The body as a whole.
        { "body", "is required: a JSON object", " \r\n" },
        { "body", "must be a JSON object", "null" },
        { "body", "must be a JSON object", "[]" },
        { "object", "is not valid JSON (line 1, byte 11)", """{"object":}""" },
        { "entry[0].changes", Required, """{"object":"whatsapp_business_account","entry":[{"id":"1"}]}""" },
        { "entry[0].changes[0]", Required, """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[null]}]}""" },
        { Value0, "is required: an object", """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages"}]}]}""" },
        { Value0, "must be an object", """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":5}]}]}""" },
        { Message0 + ".id", "has the wrong type", Envelope(Value(messages: """{"id":5}""")) },
        { Value0 + ".metadata.phone_number_id", "must be 1–32 digits (a phone number id)", Envelope(Value(messages: Text("x"), phoneNumberId: "12a")) },

        // A user's message.
        { Message0, Required, Envelope(Value(messages: "null")) },
        { Message0 + ".id", Required, Envelope(Value(messages: """{"from":"15550001","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")) },
        { Message0 + ".timestamp", "must be unix seconds, as a string of digits", Envelope(Value(messages: """{"from":"15550001","id":"wamid.X","timestamp":"253402300800","type":"text","text":{"body":"x"}}""")) },
        { Message0 + ".type", Required, Envelope(Value(messages: """{"from":"15550001","id":"wamid.X","timestamp":"1739321024","text":{"body":"x"}}""")) },
        { Message0 + ".from", WaIdShape, Envelope(Value(messages: Text("x", from: "1555a"))) },
        { Message0 + ".from", "is required (or from_user_id)", Envelope(Value(messages: """{"id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")) },
        { Message0 + ".from_user_id", UserIdShape, Envelope(Value(messages: """{"from_user_id":"US-1","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")) },
        { Message0 + ".from_parent_user_id", UserIdShape, Envelope(Value(messages: """{"from":"15550001","from_parent_user_id":"US","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")) },
        { Message0 + ".group_id", OpaqueShape, Envelope(Value(messages: """{"from":"15550001","group_id":"a..b","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")) },
        { Message0 + ".context.id", OpaqueShape, Envelope(Value(messages: Text("x", context: """{"id":"wamid x"}"""))) },
        { Message0 + ".reaction.message_id", Required, Envelope(Value(messages: Message("reaction", """{"emoji":"👍"}"""))) },
        { Message0 + ".reaction.message_id", OpaqueShape, Envelope(Value(messages: Message("reaction", """{"message_id":"a b","emoji":"👍"}"""))) },
        { Message0 + ".edit.original_message_id", Required, Envelope(Value(messages: Message("edit", """{"message":{"type":"text","text":{"body":"x"}}}"""))) },
        { Message0 + ".revoke.original_message_id", Required, Envelope(Value(messages: Message("revoke", "{}"))) },
        { Message0 + ".system.wa_id", Required, Envelope(Value(messages: Message("system", """{"body":"User changed number","type":"user_changed_number"}"""))) },
        { Message0 + ".system.user_id", UserIdShape, Envelope(Value(messages: Message("system", """{"body":"User changed","type":"user_changed_number","wa_id":"15550002","user_id":"x"}"""))) },
        { Message0 + ".system.parent_user_id", UserIdShape, Envelope(Value(messages: Message("system", """{"body":"User changed","type":"user_changed_number","wa_id":"15550002","parent_user_id":"x"}"""))) },
        { Message0 + ".system.user_id", Required, Envelope(Value(messages: Message("system", """{"body":"User changed","type":"user_changed_user_id"}"""))) },

        // What a message's type requires.
        { Message0 + ".text", Required, Envelope(Value(messages: """{"from":"15550001","id":"wamid.X","timestamp":"1739321024","type":"text"}""")) },
        { Message0 + ".location.latitude", Required, Envelope(Value(messages: Message("location", """{"longitude":13.4}"""))) },
        { Message0 + ".location.longitude", Required, Envelope(Value(messages: Message("location", """{"latitude":52.5}"""))) },
        { Message0 + ".order.product_items", Required, Envelope(Value(messages: Message("order", """{"catalog_id":"1","text":"x"}"""))) },
        { Message0 + ".edit.message", Required, Envelope(Value(messages: Message("edit", """{"original_message_id":"wamid.O"}"""))) },
        { Message0 + ".edit.message.type", Required, Envelope(Value(messages: Message("edit", """{"original_message_id":"wamid.O","message":{"text":{"body":"x"}}}"""))) },
        { Message0 + ".edit.message.text", Required, Envelope(Value(messages: Message("edit", """{"original_message_id":"wamid.O","message":{"type":"text"}}"""))) },

        // Who a message is from, as contacts name them.
        { Value0 + ".contacts[0].wa_id", WaIdShape, Envelope(Value(contacts: $$$"""{"profile":{"name":"A"},"wa_id":"x1","user_id":"{{{UserId}}}"}""", messages: $$$"""{"from_user_id":"{{{UserId}}}","id":"wamid.X","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")) },
        { Value0 + ".contacts[0].user_id", UserIdShape, Envelope(Value(contacts: $$"""{"profile":{"name":"A"},"wa_id":"{{WaId}}","user_id":"x"}""", messages: Text("x"))) },
        { Value0 + ".contacts[0].parent_user_id", UserIdShape, Envelope(Value(contacts: $$"""{"profile":{"name":"A"},"wa_id":"{{WaId}}","parent_user_id":"x"}""", messages: Text("x"))) },

        // The business's own messages from the WhatsApp Business app.
        { Echo0, Required, Echoes("null") },
        { Echo0 + ".id", OpaqueShape, Echoes("""{"to":"15550001","id":"wamid x","timestamp":"1739321024","type":"text","text":{"body":"x"}}""") },
        { Echo0 + ".timestamp", "must be unix seconds, as a string of digits", Echoes("""{"to":"15550001","id":"wamid.E","timestamp":"-1","type":"text","text":{"body":"x"}}""") },
        { Echo0 + ".type", Required, Echoes("""{"to":"15550001","id":"wamid.E","timestamp":"1739321024","text":{"body":"x"}}""") },
        { Echo0 + ".to", WaIdShape, Echoes("""{"to":"1555x","id":"wamid.E","timestamp":"1739321024","type":"text","text":{"body":"x"}}""") },
        { Echo0 + ".to", "is required (or to_user_id)", Echoes("""{"id":"wamid.E","timestamp":"1739321024","type":"text","text":{"body":"x"}}""") },
        { Echo0 + ".to_user_id", UserIdShape, Echoes("""{"to_user_id":"x","id":"wamid.E","timestamp":"1739321024","type":"text","text":{"body":"x"}}""") },
        { Echo0 + ".group_id", OpaqueShape, Echoes("""{"group_id":"a b","id":"wamid.E","timestamp":"1739321024","type":"text","text":{"body":"x"}}""") },
        { Echo0 + ".context.id", OpaqueShape, Echoes("""{"to":"15550001","id":"wamid.E","timestamp":"1739321024","type":"text","text":{"body":"x"},"context":{"id":"a..b"}}""") },
        { Echo0 + ".edit.original_message_id", Required, Echoes("""{"to":"15550001","id":"wamid.E","timestamp":"1739321024","type":"edit","edit":{"message":{"type":"text","text":{"body":"x"}}}}""") },

        // Statuses of the bridge's sends.
        { Status0, Required, Envelope(Value(statuses: "null")) },
        { Status0 + ".id", OpaqueShape, Envelope(Value(statuses: Status("wamid x", "sent"))) },
        { Status0 + ".status", Required, Envelope(Value(statuses: """{"id":"wamid.S","timestamp":"1739321024","recipient_id":"15550001"}""")) },
        { Status0 + ".timestamp", "must be unix seconds, as a string of digits", Envelope(Value(statuses: Status("wamid.S", "sent", timestamp: "soon"))) },
        { Status0 + ".recipient_id", OpaqueShape, Envelope(Value(statuses: Status("wamid.S", "sent", recipient: "a..b"))) },
        { Status0 + ".recipient_user_id", UserIdShape, Envelope(Value(statuses: """{"id":"wamid.S","status":"sent","timestamp":"1739321024","recipient_user_id":"x"}""")) },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void AWrongOrMissingFieldIsRefusedWithItsPathAndWhatIsWrong(string path, string problem, string body) =>
        Refused(body).Should().BeEquivalentTo(new PayloadProblem(path, problem));

    [Fact]
    public void TheLatestTimeDotNetCanHoldIsStillATime() =>
        OnlyMessage(Envelope(Value(messages: """{"from":"15550001","id":"wamid.X","timestamp":"253402300799","type":"text","text":{"body":"x"}}""")))
            .Message.SentAt.Should().Be(DateTimeOffset.MaxValue.AddTicks(-(DateTimeOffset.MaxValue.Ticks % TimeSpan.TicksPerSecond)));

    private static string Echoes(string echo) =>
        $$$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"smb_message_echoes","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{PhoneNumberId}}}"},"message_echoes":[{{{echo}}}]}}]}]}""";
}
