using TemporalBridge.Providers.WhatsApp.Webhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.ParsedWebhooks;
using static TemporalBridge.Tests.Providers.WhatsApp.WebhookPayloads;

namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>The wording staff read for the less common parts of each kind of message (<see cref="MessageText"/>).</summary>
public sealed class MessageTextTests
{
    private const string SomethingWentWrong = """{"code":131000,"title":"Something went wrong","error_data":{"details":"Unsupported webhook payload"}}""";

    [Theory]
    [InlineData("button", """{"payload":"STOP_PROMOS"}""", "[Button] STOP_PROMOS")]
    [InlineData("interactive", """{"type":"button_reply","button_reply":{"id":"cancel-button"}}""", "[Button] cancel-button")]
    [InlineData("contacts", """[{"phones":[{"wa_id":"15550101"},{"type":"HOME"}]}]""", "[Contact] Unnamed contact (+15550101)")]
    [InlineData("contacts", """[{"name":{"formatted_name":" "}}]""", "[Contact] Unnamed contact")]
    [InlineData("order", """{"catalog_id":"1","product_items":[{"product_retailer_id":"di9ozbzfi4","quantity":2,"item_price":30,"currency":"USD"},{"quantity":1}]}""", "[Order] 2 × di9ozbzfi4 at 30 USD; 1 × item")]
    [InlineData("order", """{"catalog_id":"1","product_items":[{"product_retailer_id":"x7","item_price":7.99}],"text":"Love these!"}""", "[Order] ? × x7 at 7.99 — Love these!")]
    [InlineData("unsupported", "{}", "[Unsupported message]")]
    [InlineData("request_welcome", "{}", "[Opened a chat]")]
    [InlineData("revoke", """{"original_message_id":"wamid.O"}""", "[Deleted a message]")]
    public void EachKindIsDescribed(string type, string content, string expected) =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages: Message(type, content)))).Message.Text.Should().Be(expected);

    [Theory]
    [InlineData(200, "")]
    [InlineData(201, "…")]
    public void AFormValueIsShownUpToTwoHundredCharacters(int length, string tail)
    {
        var value = new string('v', length);
        var content = $$$"""{"type":"nfm_reply","nfm_reply":{"body":"Sent","name":"flow","response_json":"{\"note\":\"{{{value}}}\",\"flow_token\":\"secret\"}"}}""";

        OnlyMessage(Envelope(Value(contacts: Contact(), messages: Message("interactive", content))))
            .Message.Text.Should().Be($"[Form reply] Sent — note: {new string('v', 200)}{tail}");
    }

    [Theory]
    [InlineData("""{"source_url":"https://fb.me/3cr4Wqqkv","source_type":"ad"}""", "[From an ad: https://fb.me/3cr4Wqqkv] x")]
    [InlineData("""{"source_type":"post"}""", "[From an ad] x")]
    public void AnAdWithoutAHeadlineIsStillNamed(string referral, string expected) =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages:
                $$"""{"from":"{{WaId}}","id":"wamid.A","timestamp":"{{Timestamp}}","type":"text","text":{"body":"x"},"referral":{{referral}}}""")))
            .Message.Text.Should().Be(expected);

    /// <summary>Every kind whose content object is missing, when Meta says why, is shown as unreadable with the reason.</summary>
    [Theory]
    [InlineData("text")]
    [InlineData("image")]
    [InlineData("video")]
    [InlineData("audio")]
    [InlineData("document")]
    [InlineData("sticker")]
    [InlineData("location")]
    [InlineData("contacts")]
    [InlineData("interactive")]
    [InlineData("button")]
    [InlineData("reaction")]
    [InlineData("order")]
    [InlineData("edit")]
    [InlineData("system")]
    public void AKindWithoutItsContentButWithMetasReasonIsUnreadable(string type) =>
        TextWithErrors(type, "", $"[{SomethingWentWrong}]")
            .Should().Be($"[Unreadable {type} message] Something went wrong: Unsupported webhook payload");

    [Theory]
    [InlineData("""{"code":131000,"title":"Something went wrong"}""", "[Unreadable image message] Something went wrong")]
    [InlineData("""{"code":131000,"message":"Something went wrong"}""", "[Unreadable image message] Something went wrong")]
    [InlineData("""{"code":131000,"title":"Title","message":"Message"}""", "[Unreadable image message] Title")]
    [InlineData("""{"code":131000,"error_data":{"details":"Media download failed"}}""", "[Unreadable image message] Media download failed")]
    [InlineData("""{"code":131000}""", "[Unreadable image message]")]
    public void TheReasonIsTheErrorsTitleElseMessageWithItsDetails(string error, string expected) =>
        TextWithErrors("image", "", $"[{error}]").Should().Be(expected);

    [Fact]
    public void AMessagesOwnErrorsAlsoSayWhyItIsUnreadable() =>
        OnlyMessage(Envelope(Value(contacts: Contact(), messages:
                $$"""{"from":"{{WaId}}","id":"wamid.A","timestamp":"{{Timestamp}}","type":"image","errors":[{{SomethingWentWrong}}]}""")))
            .Message.Text.Should().Be("[Unreadable image message] Something went wrong: Unsupported webhook payload");

    /// <summary>These kinds have no content object of their own, so an error beside them is no reason to call them unreadable.</summary>
    [Theory]
    [InlineData("unsupported", ""","unsupported":{"type":"poll"}""", "[Unsupported message: poll]")]
    [InlineData("unsupported", ""","unsupported":{"type":"poll"},"errors":[]""", "[Unsupported message: poll]")]
    [InlineData("request_welcome", "", "[Opened a chat]")]
    [InlineData("revoke", ""","revoke":{"original_message_id":"wamid.O"}""", "[Deleted a message]")]
    public void KindsWithoutContentAreShownAsThemselvesDespiteErrors(string type, string content, string expected) =>
        TextWithErrors(type, content, $"[{SomethingWentWrong}]").Should().Be(expected);

    private static string TextWithErrors(string type, string content, string valueErrors) =>
        OnlyMessage(Envelope(
                $$"""{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{PhoneNumberId}}"},"contacts":[{{Contact()}}],"messages":[{"from":"{{WaId}}","id":"wamid.A","timestamp":"{{Timestamp}}","type":"{{type}}"{{content}}}],"errors":{{valueErrors}}}"""))
            .Message.Text;
}
