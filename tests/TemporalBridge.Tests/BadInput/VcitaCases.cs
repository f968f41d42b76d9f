using static TemporalBridge.Tests.BadInput.Rows;

namespace TemporalBridge.Tests.BadInput;

/// <summary>vcita's calls into the bridge (<c>/vcita</c>): the shared secret, then the route and the JSON body.</summary>
internal static class VcitaCases
{
    public const string Group = "vcita";

    private const string Channel = "/vcita/channels/ch1";
    private const string Session = "/vcita/sessions/se1";
    private const string Messages = "/vcita/messages";
    private const string MessageStatus = "/vcita/messages/wa-wamid.HBgL";
    private const string Typing = "/vcita/sessions/se1/typing";

    private const string StaffMessage = $$"""{"external_uid":"ext1","message":"{{BadInputCase.Text.StaffMessage}}","message_uid":"m1","channel_uid":"ch1"}""";

    private static readonly string LongText = new('x', 10_001);

    private static BadInputCase Row(
        string name, string method, string path, string body, int status, string? field,
        string? authorization = "Bearer " + BadInputHost.VcitaSecret, string? contentType = Json, (string, string?)[]? headers = null) =>
        Raw(name, method, path, Utf8(body), status, field, authorization, contentType, headers);

    private static BadInputCase Raw(
        string name, string method, string path, byte[] body, int status, string? field,
        string? authorization = "Bearer " + BadInputHost.VcitaSecret, string? contentType = Json, (string, string?)[]? headers = null) =>
        new(Group, name, method, path, Headers([("Authorization", authorization), .. headers ?? []]), body, contentType, status, field);

    public static IEnumerable<BadInputCase> All()
    {
        // Who may call: every route, before its body is read.
        foreach (var (route, method, path, body) in new[]
        {
            ("channel status", "PUT", Channel, """{"status":"active"}"""),
            ("session status", "PUT", Session, """{"status":"active"}"""),
            ("staff message", "POST", Messages, StaffMessage),
            ("message status", "PUT", MessageStatus, """{"status":"read","channel_uid":"ch1"}"""),
            ("typing", "POST", Typing, """{"typing":true}"""),
        })
        {
            yield return Row($"{route}: no secret", method, path, body, 401, null, authorization: null);
            yield return Row($"{route}: wrong bearer secret", method, path, body, 401, null, authorization: "Bearer wrong-vcita-secret");
        }

        yield return Row("secret under the Basic scheme", "PUT", Channel, """{"status":"active"}""", 401, null, authorization: "Basic " + BadInputHost.VcitaSecret);
        yield return Row("secret in upper case", "PUT", Channel, """{"status":"active"}""", 401, null, authorization: "Bearer " + BadInputHost.VcitaSecret.ToUpperInvariant());
        yield return Row("secret as X-Api-Key (the admin header)", "PUT", Channel, """{"status":"active"}""", 401, null, authorization: null, headers: [("X-Api-Key", BadInputHost.VcitaSecret)]);
        yield return Row("token query with an injection", "PUT", $"{Channel}?token=x%27%20OR%20%271%27%3D%271", """{"status":"active"}""", 401, null, authorization: null);
        yield return Row("token query: the secret plus NUL", "PUT", $"{Channel}?token={BadInputHost.VcitaSecret}%00", """{"status":"active"}""", 401, null, authorization: null);
        yield return Row("token query given twice", "PUT", $"{Channel}?token={BadInputHost.VcitaSecret}&token=x", """{"status":"active"}""", 401, null, authorization: null);
        yield return Row("no secret and a malformed body", "PUT", Channel, "{not json", 401, null, authorization: null);

        // PUT /vcita/channels/{channel_uid}
        yield return Row("channel status: empty body", "PUT", Channel, "", 400, "body");
        yield return Row("channel status: whitespace body", "PUT", Channel, " \r\n\t", 400, "body");
        yield return Row("channel status: malformed JSON", "PUT", Channel, """{"status":"active" """, 400, "body");
        yield return Row("channel status: form-encoded body", "PUT", Channel, "status=active", 400, "body");
        yield return Row("channel status: array where an object is expected", "PUT", Channel, """[{"status":"active"}]""", 400, "body");
        yield return Row("channel status: string body", "PUT", Channel, "\"active\"", 400, "body");
        yield return Row("channel status: JSON null body", "PUT", Channel, "null", 400, "body");
        yield return Row("channel status: duplicate key", "PUT", Channel, """{"status":"active","status":"deleted"}""", 400, "body");
        yield return Row("channel status: nesting 200 deep", "PUT", Channel, Nested("status", 200), 400, "body");
        yield return Row("channel status: trailing garbage after the object", "PUT", Channel, """{"status":"active"} x""", 400, "body");
        yield return Row("channel status: raw NUL inside a string", "PUT", Channel, "{\"status\":\"act\0ive\"}", 400, "body");
        yield return Row("channel status: status missing", "PUT", Channel, "{}", 400, "status");
        yield return Row("channel status: status null", "PUT", Channel, """{"status":null}""", 400, "status");
        yield return Row("channel status: number where a string is expected", "PUT", Channel, """{"status":5}""", 400, "status");
        yield return Row("channel status: boolean where a string is expected", "PUT", Channel, """{"status":true}""", 400, "status");
        yield return Row("channel status: array where a string is expected", "PUT", Channel, """{"status":["active"]}""", 400, "status");
        yield return Row("channel status: object where a string is expected", "PUT", Channel, """{"status":{"value":"active"}}""", 400, "status");
        yield return Row("channel status: status outside the enum", "PUT", Channel, """{"status":"activated"}""", 400, "status");
        yield return Row("channel status: status in upper case", "PUT", Channel, """{"status":"ACTIVE"}""", 400, "status");
        yield return Row("channel status: a session status (failed)", "PUT", Channel, """{"status":"failed"}""", 400, "status");
        yield return Row("channel status: empty status", "PUT", Channel, """{"status":""}""", 400, "status");
        yield return Row("channel status: escaped NUL after the status", "PUT", Channel, """{"status":"active\u0000"}""", 400, "status");
        yield return Row("channel status: status with a trailing newline", "PUT", Channel, """{"status":"active\n"}""", 400, "status");
        yield return Row("channel status: status of 5000 characters", "PUT", Channel, $$"""{"status":"{{new string('a', 5000)}}"}""", 400, "status");
        yield return Row("channel status: SQL-like injection in status", "PUT", Channel, """{"status":"active' OR '1'='1"}""", 400, "status");
        yield return Row("channel status: status in the query, not the body", "PUT", $"{Channel}?status=active", "{}", 400, "status");
        yield return Row("channel status: body over 64 KiB", "PUT", Channel, $$"""{"status":"active","padding":"{{new string('p', 64 * 1024)}}"}""", 413, null);
        yield return Row("channel status: uid with a quote", "PUT", "/vcita/channels/ch%271", """{"status":"active"}""", 400, "channel_uid");
        yield return Row("channel status: uid with a space", "PUT", "/vcita/channels/ch%201", """{"status":"active"}""", 400, "channel_uid");
        yield return Row("channel status: uid with a dot", "PUT", "/vcita/channels/ch.1", """{"status":"active"}""", 400, "channel_uid");
        yield return Row("channel status: encoded path traversal as uid", "PUT", "/vcita/channels/..%2F..%2Fadmin", """{"status":"active"}""", 400, "channel_uid");
        yield return Row("channel status: uid of 65 characters", "PUT", $"/vcita/channels/{new string('u', 65)}", """{"status":"active"}""", 400, "channel_uid");
        yield return Row("channel status: uid of 4000 characters", "PUT", $"/vcita/channels/{new string('u', 4000)}", """{"status":"active"}""", 400, "channel_uid");
        yield return Row("channel status: uid with a trailing newline", "PUT", "/vcita/channels/ch1%0A", """{"status":"active"}""", 400, "channel_uid");
        yield return Row("channel status: uid in full-width letters", "PUT", "/vcita/channels/%EF%BD%83%EF%BD%881", """{"status":"active"}""", 400, "channel_uid");
        yield return Row("channel status: uid of invalid UTF-8", "PUT", "/vcita/channels/ch%FF%FE", """{"status":"active"}""", 400, "channel_uid");

        // PUT /vcita/sessions/{session_uid}
        yield return Row("session status: a channel status (blocked)", "PUT", Session, """{"status":"blocked"}""", 400, "status");
        yield return Row("session status: status under another key", "PUT", Session, """{"state":"active"}""", 400, "status");
        yield return Row("session status: number where a string is expected", "PUT", Session, """{"status":1}""", 400, "status");
        yield return Row("session status: empty body", "PUT", Session, "", 400, "body");
        yield return Row("session status: array body", "PUT", Session, "[]", 400, "body");
        yield return Row("session status: uid with a space", "PUT", "/vcita/sessions/se%201", """{"status":"active"}""", 400, "session_uid");
        yield return Row("session status: uid with a quote", "PUT", "/vcita/sessions/se%22", """{"status":"active"}""", 400, "session_uid");
        yield return Row("session status: uid of 65 characters", "PUT", $"/vcita/sessions/{new string('s', 65)}", """{"status":"active"}""", 400, "session_uid");
        yield return Row("session status: body over 64 KiB", "PUT", Session, $$"""{"status":"active","padding":"{{new string('p', 64 * 1024)}}"}""", 413, null);

        // POST /vcita/messages
        yield return Row("staff message: empty body", "POST", Messages, "", 400, "body");
        yield return Row("staff message: malformed JSON", "POST", Messages, StaffMessage[..^1], 400, "body");
        yield return Row("staff message: array of messages where one object is expected", "POST", Messages, $"[{StaffMessage}]", 400, "body");
        yield return Row("staff message: external_uid missing", "POST", Messages, """{"message":"hi","message_uid":"m1","channel_uid":"ch1"}""", 400, "external_uid");
        yield return Row("staff message: external_uid with a space", "POST", Messages, """{"external_uid":"ext 1","message":"hi","message_uid":"m1","channel_uid":"ch1"}""", 400, "external_uid");
        yield return Row("staff message: external_uid with an escaped NUL", "POST", Messages, """{"external_uid":"ext\u00001","message":"hi","message_uid":"m1","channel_uid":"ch1"}""", 400, "external_uid");
        yield return Row("staff message: external_uid with non-ASCII", "POST", Messages, """{"external_uid":"ext✓","message":"hi","message_uid":"m1","channel_uid":"ch1"}""", 400, "external_uid");
        yield return Row("staff message: external_uid of 256 characters", "POST", Messages, $$"""{"external_uid":"{{new string('e', 256)}}","message":"hi","message_uid":"m1","channel_uid":"ch1"}""", 400, "external_uid");
        yield return Row("staff message: message missing", "POST", Messages, """{"external_uid":"ext1","message_uid":"m1","channel_uid":"ch1"}""", 400, "message");
        yield return Row("staff message: blank message", "POST", Messages, """{"external_uid":"ext1","message":"  ","message_uid":"m1","channel_uid":"ch1"}""", 400, "message");
        yield return Row("staff message: number where the text is expected", "POST", Messages, """{"external_uid":"ext1","message":42,"message_uid":"m1","channel_uid":"ch1"}""", 400, "message");
        yield return Row("staff message: object where the text is expected", "POST", Messages, $$"""{"external_uid":"ext1","message":{"text":"{{BadInputCase.Text.StaffMessage}}"},"message_uid":"m1","channel_uid":"ch1"}""", 400, "message");
        yield return Row("staff message: text of 10,001 characters", "POST", Messages, $$"""{"external_uid":"ext1","message":"{{LongText}}","message_uid":"m1","channel_uid":"ch1"}""", 400, "message");
        yield return Row("staff message: message_uid missing", "POST", Messages, $$"""{"external_uid":"ext1","message":"{{BadInputCase.Text.StaffMessage}}","channel_uid":"ch1"}""", 400, "message_uid");
        yield return Row("staff message: message_uid of 256 characters", "POST", Messages, $$"""{"external_uid":"ext1","message":"hi","message_uid":"{{new string('m', 256)}}","channel_uid":"ch1"}""", 400, "message_uid");
        yield return Row("staff message: message_uid with a space", "POST", Messages, """{"external_uid":"ext1","message":"hi","message_uid":"m 1","channel_uid":"ch1"}""", 400, "message_uid");
        yield return Row("staff message: message_uid as a number", "POST", Messages, """{"external_uid":"ext1","message":"hi","message_uid":1,"channel_uid":"ch1"}""", 400, "message_uid");
        yield return Row("staff message: channel_uid missing", "POST", Messages, """{"external_uid":"ext1","message":"hi","message_uid":"m1"}""", 400, "channel_uid");
        yield return Row("staff message: channel_uid with a quote", "POST", Messages, """{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":"c'h"}""", 400, "channel_uid");
        yield return Row("staff message: channel_uid as an array", "POST", Messages, """{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":["ch1"]}""", 400, "channel_uid");
        yield return Row("staff message: status outside the enum", "POST", Messages, """{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":"ch1","status":"delivered"}""", 400, "status");
        yield return Row("staff message: status as a boolean", "POST", Messages, """{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":"ch1","status":true}""", 400, "status");
        yield return Row("staff message: body over 64 KiB", "POST", Messages, $$"""{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":"ch1","padding":"{{new string('p', 64 * 1024)}}"}""", 413, null);

        // PUT /vcita/messages/{message_uid}
        yield return Row("message status: channel_uid missing", "PUT", MessageStatus, """{"status":"read"}""", 400, "channel_uid");
        yield return Row("message status: status missing", "PUT", MessageStatus, """{"channel_uid":"ch1"}""", 400, "status");
        yield return Row("message status: status outside the enum", "PUT", MessageStatus, """{"status":"seen","channel_uid":"ch1"}""", 400, "status");
        yield return Row("message status: status as a number", "PUT", MessageStatus, """{"status":3,"channel_uid":"ch1"}""", 400, "status");
        yield return Row("message status: malformed JSON", "PUT", MessageStatus, """{"status":"read",""", 400, "body");
        yield return Row("message status: message_uid of 256 characters", "PUT", $"/vcita/messages/{new string('m', 256)}", """{"status":"read","channel_uid":"ch1"}""", 400, "message_uid");
        yield return Row("message status: message_uid with a space", "PUT", "/vcita/messages/m%201", """{"status":"read","channel_uid":"ch1"}""", 400, "message_uid");
        yield return Row("message status: message_uid with non-ASCII", "PUT", "/vcita/messages/m%C3%A9", """{"status":"read","channel_uid":"ch1"}""", 400, "message_uid");
        yield return Row("message status: well-formed message_uid with a quote, owned by nothing", "PUT", "/vcita/messages/m%27", """{"status":"read","channel_uid":"ch1"}""", 404, "message_uid");
        yield return Row("message status: encoded path traversal as message_uid, owned by nothing", "PUT", "/vcita/messages/..%2F..%2Fadmin", """{"status":"read","channel_uid":"ch1"}""", 404, "message_uid");

        // POST /vcita/sessions/{session_uid}/typing
        yield return Row("typing: typing missing", "POST", Typing, "{}", 400, "typing");
        yield return Row("typing: typing null", "POST", Typing, """{"typing":null}""", 400, "typing");
        yield return Row("typing: string where a boolean is expected", "POST", Typing, """{"typing":"true"}""", 400, "typing");
        yield return Row("typing: number where a boolean is expected", "POST", Typing, """{"typing":1}""", 400, "typing");
        yield return Row("typing: array where a boolean is expected", "POST", Typing, """{"typing":[true]}""", 400, "typing");
        yield return Row("typing: malformed JSON", "POST", Typing, "{", 400, "body");
        yield return Row("typing: empty body", "POST", Typing, "", 400, "body");
        yield return Row("typing: session uid with a quote", "POST", "/vcita/sessions/se%27/typing", """{"typing":true}""", 400, "session_uid");
        yield return Row("typing: session uid of 65 characters", "POST", $"/vcita/sessions/{new string('s', 65)}/typing", """{"typing":true}""", 400, "session_uid");
        yield return Row("typing: body over 64 KiB", "POST", Typing, $$"""{"typing":true,"padding":"{{new string('p', 64 * 1024)}}"}""", 413, null);

        // Wrong content type: the body is JSON, the label says otherwise.
        yield return Row("channel status: text/plain content type", "PUT", Channel, """{"status":"active"}""", 415, null, contentType: "text/plain");
        yield return Row("typing: form content type", "POST", Typing, """{"typing":true}""", 415, null, contentType: "application/x-www-form-urlencoded");
        yield return Row("staff message: no content type", "POST", Messages, StaffMessage, 415, null, contentType: null);
        yield return Row("channel status: no content type", "PUT", Channel, """{"status":"active"}""", 415, null, contentType: null);

        // Text JSON's syntax allows but Unicode does not.
        yield return Row("channel status: a lone surrogate escape", "PUT", Channel, """{"status":"\ud800"}""", 400, "status");
        yield return Row("staff message: text with a lone surrogate escape", "POST", Messages,
            """{"external_uid":"ext1","message":"hi \udc00","message_uid":"m1","channel_uid":"ch1"}""", 400, "message");
        yield return Raw("channel status: invalid UTF-8 inside the string", "PUT", Channel,
            [.. Utf8("""{"status":"act"""), 0xFF, 0xFE, .. Utf8("\"}")], 400, "status");

        // Wrong method.
        yield return Row("channel status: GET", "GET", Channel, "", 405, null);
        yield return Row("staff message: DELETE", "DELETE", Messages, "", 405, null);
    }
}
