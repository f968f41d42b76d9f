using TemporalBridge.Providers.Meta;
using static TemporalBridge.Tests.BadInput.Rows;
using P = TemporalBridge.Tests.Providers.Messenger.PagePayloads;

namespace TemporalBridge.Tests.BadInput;

/// <summary>
/// Meta's Page webhook (<c>/webhooks/messenger</c>): the verification handshake, then signed POSTs. Bodies are Meta's
/// Page event shapes (<see cref="P"/>) with one field broken, signed over their exact bytes with the Messenger app's
/// secret, so each is refused for its shape and not for its signature.
/// </summary>
internal static class MessengerCases
{
    public const string Group = "messenger";

    private const string Webhook = "/webhooks/messenger";
    private const string Event = "entry[0].messaging[0]";

    private static string Valid => P.Single(P.Text(BadInputCase.Text.ClientMessage));

    private static BadInputCase Post(string name, byte[] body, string? signature, int status, string? field, string? contentType = Json) =>
        new(Group, name, "POST", Webhook, Headers((WebhookSignature.Header, signature)), body, contentType, status, field);

    private static BadInputCase Signed(string name, string body, int status, string? field, string? contentType = Json) =>
        Post(name, Utf8(body), WebhookSignature.Sign(Utf8(body), BadInputHost.MessengerAppSecret), status, field, contentType);

    private static BadInputCase Handshake(string name, string query, int status, string? field) =>
        new(Group, name, "GET", $"{Webhook}?{query}", Headers(), null, null, status, field);

    private static string WithEvent(string @event) => P.Single(@event);

    public static IEnumerable<BadInputCase> All()
    {
        var valid = Utf8(Valid);

        yield return Post("signature missing", valid, null, 401, null);
        yield return Post("signature with the WhatsApp app's secret", valid, WebhookSignature.Sign(valid, BadInputHost.WhatsAppAppSecret), 401, null);
        yield return Post("signature of another body", valid, WebhookSignature.Sign(Utf8(Valid + " "), BadInputHost.MessengerAppSecret), 401, null);
        yield return Post("unsigned malformed body", Utf8("{\"object\":"), null, 401, null);
        var huge = Utf8(Valid[..^1] + $",\"padding\":\"{new string('p', 3 * 1024 * 1024)}\"}}");
        yield return Post("body over 3 MB, signed", huge, WebhookSignature.Sign(huge, BadInputHost.MessengerAppSecret), 413, null);

        yield return Signed("empty body", "", 400, "body");
        yield return Signed("malformed JSON (cut short)", Valid[..^2], 400, "entry[1]");
        yield return Signed("array where the envelope object is expected", $"[{Valid}]", 400, "body");
        yield return Signed("object missing", Valid.Replace("\"object\":\"page\",", "", StringComparison.Ordinal), 400, "object");
        yield return Signed("the object key twice", Valid[..^1] + ",\"object\":\"page\"}", 400, "object");
        yield return Signed("entry missing", """{"object":"page"}""", 400, "entry");
        yield return Signed("entry[0] null", """{"object":"page","entry":[null]}""", 400, "entry[0]");
        yield return Signed("page id with letters", Valid.Replace($"\"id\":\"{P.PageId}\"", "\"id\":\"1044x\"", StringComparison.Ordinal), 400, "entry[0].id");
        yield return Signed("page id of 5000 digits", Valid.Replace($"\"id\":\"{P.PageId}\"", $"\"id\":\"{new string('1', 5000)}\"", StringComparison.Ordinal), 400, "entry[0].id");
        yield return Signed("messaging as an object", Valid.Replace("\"messaging\":[", "\"messaging\":{\"x\":[", StringComparison.Ordinal).Replace("]}]}", "]}}]}", StringComparison.Ordinal), 400, "entry[0].messaging");
        yield return Signed("sender missing", WithEvent("""{"recipient":{"id":"1"},"timestamp":1733390000123,"message":{"mid":"m_1","text":"x"}}"""), 400, $"{Event}.sender");
        yield return Signed("sender id with CR LF", WithEvent("""{"sender":{"id":"77\r\n66"},"timestamp":1733390000123,"message":{"mid":"m_1","text":"x"}}"""), 400, $"{Event}.sender.id");
        yield return Signed("timestamp missing", WithEvent("""{"sender":{"id":"77"},"message":{"mid":"m_1","text":"x"}}"""), 400, $"{Event}.timestamp");
        yield return Signed("timestamp of letters", WithEvent("""{"sender":{"id":"77"},"timestamp":"soon","message":{"mid":"m_1","text":"x"}}"""), 400, $"{Event}.timestamp");
        yield return Signed("message mid missing", WithEvent("""{"sender":{"id":"77"},"timestamp":1733390000123,"message":{"text":"x"}}"""), 400, $"{Event}.message.mid");
        yield return Signed("message mid with a path segment", WithEvent("""{"sender":{"id":"77"},"timestamp":1733390000123,"message":{"mid":"m_/../admin","text":"x"}}"""), 400, $"{Event}.message.mid");
        yield return Signed("message mid with the id separator", WithEvent("""{"sender":{"id":"77"},"timestamp":1733390000123,"message":{"mid":"mid.1:2","text":"x"}}"""), 400, $"{Event}.message.mid");
        yield return Signed("message text as a number", WithEvent("""{"sender":{"id":"77"},"timestamp":1733390000123,"message":{"mid":"m_1","text":42}}"""), 400, $"{Event}.message.text");
        yield return Signed("reaction without the message it is on", WithEvent("""{"sender":{"id":"77"},"timestamp":1733390000123,"reaction":{"emoji":"x","action":"react"}}"""), 400, $"{Event}.reaction.mid");
        yield return Signed("read without a watermark", WithEvent("""{"sender":{"id":"77"},"timestamp":1733390000123,"read":{}}"""), 400, $"{Event}.read.watermark");
        yield return Signed("delivery watermark of letters", WithEvent("""{"sender":{"id":"77"},"delivery":{"watermark":"late"}}"""), 400, $"{Event}.delivery.watermark");
        yield return Signed("text/plain content type", Valid, 415, null, contentType: "text/plain");

        yield return Handshake("handshake: the WhatsApp app's verify token", $"hub.mode=subscribe&hub.verify_token={BadInputHost.VerifyToken}&hub.challenge=1", 403, null);
        yield return Handshake("handshake: no verify token", "hub.mode=subscribe&hub.challenge=1", 403, null);
        yield return Handshake("handshake: no challenge", $"hub.mode=subscribe&hub.verify_token={BadInputHost.MessengerVerifyToken}", 400, "hub.challenge");
        yield return new(Group, "PUT", "PUT", Webhook, Headers(), valid, Json, 405, null);
    }
}
