using System.Security.Cryptography;
using System.Text;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Tests.Providers.WhatsApp;
using static TemporalBridge.Tests.BadInput.Rows;
using P = TemporalBridge.Tests.Providers.WhatsApp.WebhookPayloads;

namespace TemporalBridge.Tests.BadInput;

/// <summary>
/// Meta's webhook (<c>/webhooks/whatsapp</c>): the verification handshake, then signed POSTs. Bodies are real Meta
/// shapes (<see cref="WebhookPayloads"/>) with one field broken, signed over their exact bytes with the host's app
/// secret, so each is refused for its shape and not for its signature.
/// </summary>
internal static class WhatsAppCases
{
    public const string Group = "whatsapp";

    private const string Webhook = "/webhooks/whatsapp";
    private const string Values = "entry[0].changes[0].value";

    private static string Text => P.Text(BadInputCase.Text.ClientMessage);

    private static string Valid => P.Envelope(P.Value(messages: Text, contacts: P.Contact()));

    /// <summary>A POST of these bytes with this signature header (null: none).</summary>
    private static BadInputCase Post(string name, byte[] body, string? signature, int status, string? field, string? contentType = Json) =>
        new(Group, name, "POST", Webhook, Headers((TemporalBridge.Providers.Meta.WebhookSignature.Header, signature)), body, contentType, status, field);

    /// <summary>A POST of <paramref name="body"/>, signed as Meta signs it.</summary>
    private static BadInputCase Signed(string name, string body, int status, string? field, string? contentType = Json) =>
        Post(name, Utf8(body), Sign(Utf8(body)), status, field, contentType);

    private static BadInputCase Handshake(string name, string query, int status, string? field) =>
        new(Group, name, "GET", $"{Webhook}?{query}", Headers(), null, null, status, field);

    public static IEnumerable<BadInputCase> All()
    {
        var valid = Utf8(Valid);
        var hex = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(BadInputHost.WhatsAppAppSecret), valid));

        // The signature, checked over the raw bytes before anything is parsed.
        yield return Post("signature missing", valid, null, 401, null);
        yield return Post("signature empty", valid, "", 401, null);
        yield return Post("signature without its prefix", valid, hex, 401, null);
        yield return Post("signature with the sha1= prefix", valid, "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(BadInputHost.WhatsAppAppSecret), valid)), 401, null);
        yield return Post("signature with an upper-case SHA256= prefix", valid, "SHA256=" + hex, 401, null);
        yield return Post("signature of 63 hex digits", valid, "sha256=" + hex[..63], 401, null);
        yield return Post("signature of 65 hex digits", valid, "sha256=" + hex + "0", 401, null);
        yield return Post("signature with a non-hex digit", valid, "sha256=" + hex[..63] + "g", 401, null);
        yield return Post("signature of another body", valid, Sign(Utf8(Valid + " ")), 401, null);
        yield return Post("signature with another secret", valid, TemporalBridge.Providers.Meta.WebhookSignature.Sign(valid, "another-app-secret"), 401, null);
        yield return Post("signature of the body re-serialised", Utf8(Valid.Replace("\":\"", "\": \"", StringComparison.Ordinal)), Sign(valid), 401, null);
        yield return Post("unsigned malformed body", Utf8("{\"object\":"), null, 401, null);
        var brokenId = Utf8(P.Envelope(P.Value(messages: P.Text(BadInputCase.Text.ClientMessage).Replace($"\"id\":\"{P.MessageId}\",", "", StringComparison.Ordinal), contacts: P.Contact())));
        yield return Post("upper-case hex signature is accepted, the broken field named", brokenId, Sign(brokenId).ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), 400, $"{Values}.messages[0].id");

        // Size: 413 before the signature is even checked.
        var huge = Utf8(Valid[..^1] + $",\"padding\":\"{new string('p', 3 * 1024 * 1024)}\"}}");
        yield return Post("body over 3 MB, signed", huge, Sign(huge), 413, null);
        yield return Post("body over 3 MB, unsigned", huge, null, 413, null);

        // The body as a whole.
        yield return Signed("empty body", "", 400, "body");
        yield return Signed("whitespace body", " \n", 400, "body");
        yield return Signed("malformed JSON (cut short)", Valid[..^2], 400, "entry[1]");
        yield return Signed("array where the envelope object is expected", $"[{Valid}]", 400, "body");
        yield return Signed("string body", "\"whatsapp_business_account\"", 400, "body");
        yield return Signed("JSON null body", "null", 400, "body");
        yield return Signed("raw NUL inside a string", Valid.Replace("Tuesday", "Tues\0day", StringComparison.Ordinal), 400, Values);
        var inText = Valid.IndexOf("Tuesday", StringComparison.Ordinal);
        byte[] invalidUtf8 = [.. Utf8(Valid[..inText]), 0xC3, 0x28, .. Utf8(Valid[inText..])];
        yield return Post("invalid UTF-8 inside a string", invalidUtf8, Sign(invalidUtf8), 400, $"{Values}.messages[0].text.body");

        // One field of a real payload broken.
        yield return Signed("object missing", Valid.Replace("\"object\":\"whatsapp_business_account\",", "", StringComparison.Ordinal), 400, "object");
        yield return Signed("object as a number", Valid.Replace("\"whatsapp_business_account\"", "7", StringComparison.Ordinal), 400, "object");
        yield return Signed("entry missing", """{"object":"whatsapp_business_account"}""", 400, "entry");
        yield return Signed("entry as an object where an array is expected", """{"object":"whatsapp_business_account","entry":{"id":"1","changes":[]}}""", 400, "entry");
        yield return Signed("entry[0] null", """{"object":"whatsapp_business_account","entry":[null]}""", 400, "entry[0]");
        yield return Signed("changes missing", """{"object":"whatsapp_business_account","entry":[{"id":"102290129340398"}]}""", 400, "entry[0].changes");
        yield return Signed("change field missing", Valid.Replace("\"field\":\"messages\",", "", StringComparison.Ordinal), 400, "entry[0].changes[0].field");
        yield return Signed("change field as a number", Valid.Replace("\"field\":\"messages\"", "\"field\":1", StringComparison.Ordinal), 400, "entry[0].changes[0].field");
        yield return Signed("value missing", """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages"}]}]}""", 400, Values);
        yield return Signed("value as an array", $$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":[{{P.Value(messages: Text)}}]}]}]}""", 400, Values);
        yield return Signed("metadata.phone_number_id missing", Valid.Replace($",\"phone_number_id\":\"{P.PhoneNumberId}\"", "", StringComparison.Ordinal), 400, $"{Values}.metadata.phone_number_id");
        yield return Signed("messages as an object where an array is expected", P.Envelope(P.Value(contacts: P.Contact())[..^1] + $",\"messages\":{Text}}}"), 400, $"{Values}.messages");
        yield return Signed("message id missing", Encoding.UTF8.GetString(brokenId), 400, $"{Values}.messages[0].id");
        yield return Signed("message id as a number", Valid.Replace($"\"{P.MessageId}\"", "12345", StringComparison.Ordinal), 400, $"{Values}.messages[0].id");
        yield return Signed("timestamp of letters", Valid.Replace($"\"{P.Timestamp}\"", "\"yesterday\"", StringComparison.Ordinal), 400, $"{Values}.messages[0].timestamp");
        // A number is read as well as a string: Meta writes timestamps as strings in its examples, but types an echo's
        // as an integer in its tables; refusing a whole batch over the form would have Meta send it again for a week.
        yield return Signed("timestamp as an object", Valid.Replace($"\"{P.Timestamp}\"", "{\"seconds\":1}", StringComparison.Ordinal), 400, $"{Values}.messages[0].timestamp");
        yield return Signed("negative timestamp", Valid.Replace($"\"{P.Timestamp}\"", "\"-1\"", StringComparison.Ordinal), 400, $"{Values}.messages[0].timestamp");
        yield return Signed("timestamp past the year 9999", Valid.Replace($"\"{P.Timestamp}\"", "\"99999999999999999999\"", StringComparison.Ordinal), 400, $"{Values}.messages[0].timestamp");
        yield return Signed("message type missing", Valid.Replace("\"type\":\"text\",", "", StringComparison.Ordinal), 400, $"{Values}.messages[0].type");
        yield return Signed("sender missing (no from, no from_user_id)", Valid.Replace($"\"from\":\"{P.WaId}\",", "", StringComparison.Ordinal), 400, $"{Values}.messages[0].from");
        yield return Signed("text object missing for a text message", P.Envelope(P.Value(messages: P.Message("text", "null"), contacts: P.Contact())), 400, $"{Values}.messages[0].text");
        yield return Signed("text body as a number", P.Envelope(P.Value(messages: P.Message("text", """{"body":42}"""), contacts: P.Contact())), 400, $"{Values}.messages[0].text.body");
        yield return Signed("text body as an array", P.Envelope(P.Value(messages: P.Message("text", $$"""{"body":["{{BadInputCase.Text.ClientMessage}}"]}"""), contacts: P.Contact())), 400, $"{Values}.messages[0].text.body");
        yield return Signed("text body with a lone surrogate escape", P.Envelope(P.Value(messages: P.Text("hi \\ud800"), contacts: P.Contact())), 400, $"{Values}.messages[0].text.body");
        yield return Signed("status id missing", P.Envelope(P.Value(statuses: P.Status(P.MessageId, "read").Replace($"\"id\":\"{P.MessageId}\",", "", StringComparison.Ordinal))), 400, $"{Values}.statuses[0].id");
        yield return Signed("status value missing", P.Envelope(P.Value(statuses: P.Status(P.MessageId, "read").Replace("\"status\":\"read\",", "", StringComparison.Ordinal))), 400, $"{Values}.statuses[0].status");
        yield return Signed("status value as a number", P.Envelope(P.Value(statuses: P.Status(P.MessageId, "read").Replace("\"read\"", "3", StringComparison.Ordinal))), 400, $"{Values}.statuses[0].status");
        yield return Signed("status timestamp of letters", P.Envelope(P.Value(statuses: P.Status(P.MessageId, "read", timestamp: "soon"))), 400, $"{Values}.statuses[0].timestamp");
        yield return Signed("the object key twice, the last not WhatsApp's", Valid[..^1] + ",\"object\":\"page\"}", 400, "object");
        yield return Signed("from with CR LF", Valid.Replace($"\"from\":\"{P.WaId}\"", "\"from\":\"1650\\r\\n5551234\"", StringComparison.Ordinal), 400, $"{Values}.messages[0].from");
        yield return Signed("from with letters", Valid.Replace($"\"from\":\"{P.WaId}\"", "\"from\":\"16505551234abc\"", StringComparison.Ordinal), 400, $"{Values}.messages[0].from");
        yield return Signed("from of 5000 digits", Valid.Replace($"\"from\":\"{P.WaId}\"", $"\"from\":\"{new string('1', 5000)}\"", StringComparison.Ordinal), 400, $"{Values}.messages[0].from");
        yield return Signed("message id with a path segment", Valid.Replace($"\"{P.MessageId}\"", "\"wamid.x/../../admin\"", StringComparison.Ordinal), 400, $"{Values}.messages[0].id");
        yield return Signed("message id with a bidi control", Valid.Replace($"\"{P.MessageId}\"", "\"wamid.\\u202Eevil\"", StringComparison.Ordinal), 400, $"{Values}.messages[0].id");
        yield return Signed("message id with the id separator", Valid.Replace($"\"{P.MessageId}\"", "\"wamid:1:2\"", StringComparison.Ordinal), 400, $"{Values}.messages[0].id");
        yield return Signed("phone_number_id of 5000 digits", Valid.Replace($"\"{P.PhoneNumberId}\"", $"\"{new string('1', 5000)}\"", StringComparison.Ordinal), 400, $"{Values}.metadata.phone_number_id");
        yield return Signed("phone_number_id with letters", Valid.Replace($"\"{P.PhoneNumberId}\"", "\"1065403522429x\"", StringComparison.Ordinal), 400, $"{Values}.metadata.phone_number_id");
        yield return Signed("from_user_id not a business-scoped id", P.Envelope(P.Value(messages: """{"from_user_id":"admin:1","id":"wamid.1","timestamp":"1739321024","type":"text","text":{"body":"x"}}""")), 400, $"{Values}.messages[0].from_user_id");
        yield return Signed("status id with CR LF", P.Envelope(P.Value(statuses: P.Status("wamid.1\\r\\n", "read"))), 400, $"{Values}.statuses[0].id");
        yield return Signed("nesting 200 deep inside value", P.Envelope(P.Value(contacts: P.Contact())[..^1] + $",\"x\":{new string('[', 200)}{new string(']', 200)}}}"), 400, Values);
        yield return Signed("text/plain content type", Valid, 415, null, contentType: "text/plain");

        // The verification handshake.
        yield return Handshake("handshake: wrong verify token", $"hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1158201444", 403, null);
        yield return Handshake("handshake: no verify token", "hub.mode=subscribe&hub.challenge=1158201444", 403, null);
        yield return Handshake("handshake: mode not subscribe", $"hub.mode=unsubscribe&hub.verify_token={BadInputHost.VerifyToken}&hub.challenge=1", 403, null);
        yield return Handshake("handshake: mode in upper case", $"hub.mode=SUBSCRIBE&hub.verify_token={BadInputHost.VerifyToken}&hub.challenge=1", 403, null);
        yield return Handshake("handshake: verify token given twice", $"hub.mode=subscribe&hub.verify_token={BadInputHost.VerifyToken}&hub.verify_token={BadInputHost.VerifyToken}&hub.challenge=1", 403, null);
        yield return Handshake("handshake: verify token plus NUL", $"hub.mode=subscribe&hub.verify_token={BadInputHost.VerifyToken}%00&hub.challenge=1", 403, null);
        yield return Handshake("handshake: injection in the verify token", "hub.mode=subscribe&hub.verify_token=%27%20OR%20%271%27%3D%271&hub.challenge=1", 403, null);
        yield return Handshake("handshake: no challenge", $"hub.mode=subscribe&hub.verify_token={BadInputHost.VerifyToken}", 400, "hub.challenge");
        yield return Handshake("handshake: empty challenge", $"hub.mode=subscribe&hub.verify_token={BadInputHost.VerifyToken}&hub.challenge=", 400, "hub.challenge");
        yield return new(Group, "PUT", "PUT", Webhook, Headers(), valid, Json, 405, null);
    }
}
