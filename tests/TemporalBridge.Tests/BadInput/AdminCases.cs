using static TemporalBridge.Tests.BadInput.Rows;

namespace TemporalBridge.Tests.BadInput;

/// <summary>The admin API (<c>/admin</c>): the key, then the body, route and query values.</summary>
internal static class AdminCases
{
    public const string Group = "admin";

    private const string Channels = "/admin/channels";
    private const string Connected = "/admin/channels/whatsapp/" + BadInputHost.ConnectedPhoneNumberId;

    private static BadInputCase Row(
        string name, string method, string path, string? body, int status, string? field,
        string? apiKey = BadInputHost.AdminKey, string? authorization = null, string? contentType = Json) =>
        new(Group, name, method, path, Headers(("X-Api-Key", apiKey), ("Authorization", authorization)),
            body is null ? null : Utf8(body), body is null ? null : contentType, status, field);

    /// <summary>A connect body with one field replaced (raw JSON value) or removed (null).</summary>
    private static string Connect(string? field = null, string? value = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["business_uid"] = "\"bizuid0000000009\"",
            ["provider"] = "\"whatsapp\"",
            ["phone_number_id"] = "\"5550001111\"",
            ["display_number"] = "\"+1 555 000 1111\"",
        };
        if (field is not null)
        {
            if (value is null)
            {
                fields.Remove(field);
            }
            else
            {
                fields[field] = value;
            }
        }

        return "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }

    /// <summary>A Facebook Page's connection in the neutral fields, with <paramref name="more"/> fields appended.</summary>
    private static string Page(string more = "") =>
        $$"""{"business_uid":"bizuid0000000009","provider":"messenger","account_id":"2000000000000009","display_name":"Acme Bakery"{{more}}}""";

    public static IEnumerable<BadInputCase> All()
    {
        foreach (var (route, method, path, body) in new[]
        {
            ("connect", "POST", Channels, Connect()),
            ("list channels", "GET", Channels, null),
            ("disconnect", "DELETE", Connected, null),
            ("list deliveries", "GET", "/admin/deliveries", null),
            ("retry delivery", "POST", "/admin/deliveries/delivery-out:ch1:m1/retry", null),
            ("show conversation", "GET", "/admin/sessions/se0000000000001", null),
        })
        {
            yield return Row($"{route}: no key", method, path, body, 401, null, apiKey: null);
            yield return Row($"{route}: wrong X-Api-Key", method, path, body, 401, null, apiKey: "wrong-admin-key");
        }

        yield return Row("disconnect: wrong bearer key", "DELETE", Connected, null, 401, null, apiKey: null, authorization: "Bearer wrong-admin-key");
        yield return Row("disconnect: body over 64 KiB, no key (size before authentication)", "DELETE", Connected, new string(' ', (64 * 1024) + 1), 413, "body", apiKey: null);
        yield return Row("disconnect: key under the Basic scheme", "DELETE", Connected, null, 401, null, apiKey: null, authorization: "Basic " + BadInputHost.AdminKey);
        yield return Row("disconnect: key in the query", "DELETE", $"{Connected}?api_key={BadInputHost.AdminKey}", null, 401, null, apiKey: null);
        yield return Row("disconnect: key with a trailing character", "DELETE", Connected, null, 401, null, apiKey: BadInputHost.AdminKey + "x");
        yield return Row("connect: vcita's secret instead of the key", "POST", Channels, Connect(), 401, null, apiKey: null, authorization: "Bearer " + BadInputHost.VcitaSecret);
        yield return Row("connect: no key and a malformed body", "POST", Channels, "{oops", 401, null, apiKey: null);

        // POST /admin/channels
        yield return Row("connect: empty body", "POST", Channels, "", 400, "body");
        yield return Row("connect: malformed JSON", "POST", Channels, Connect()[..^1], 400, "body");
        yield return Row("connect: array where an object is expected", "POST", Channels, $"[{Connect()}]", 400, "body");
        yield return Row("connect: number body", "POST", Channels, "42", 400, "body");
        yield return Row("connect: duplicate key", "POST", Channels, Connect()[..^1] + ",\"provider\":\"messenger\"}", 400, "body");
        yield return Row("connect: nesting 200 deep", "POST", Channels, Nested("business_uid", 200), 400, "body");
        yield return Row("connect: business_uid missing", "POST", Channels, Connect("business_uid"), 400, "business_uid");
        yield return Row("connect: business_uid as a number", "POST", Channels, Connect("business_uid", "1234567890123456"), 400, "business_uid");
        yield return Row("connect: business_uid of 17 characters", "POST", Channels, Connect("business_uid", "\"bizuid00000000001\""), 400, "business_uid");
        yield return Row("connect: business_uid with a quote", "POST", Channels, Connect("business_uid", "\"bizuid000000000'\""), 400, "business_uid");
        yield return Row("connect: business_uid with an escaped NUL", "POST", Channels, Connect("business_uid", "\"bizuid00000000\\u00001\""), 400, "business_uid");
        yield return Row("connect: provider outside the list", "POST", Channels, Connect("provider", "\"telegram\""), 400, "provider");
        yield return Row("connect: provider in another case", "POST", Channels, Connect("provider", "\"WhatsApp\""), 400, "provider");
        yield return Row("connect: provider as an object", "POST", Channels, Connect("provider", "{\"name\":\"whatsapp\"}"), 400, "provider");
        yield return Row("connect: phone_number_id with a letter", "POST", Channels, Connect("phone_number_id", "\"555000111a\""), 400, "phone_number_id");
        yield return Row("connect: phone_number_id as a number", "POST", Channels, Connect("phone_number_id", "5550001111"), 400, "phone_number_id");
        yield return Row("connect: phone_number_id of 33 digits", "POST", Channels, Connect("phone_number_id", $"\"{new string('5', 33)}\""), 400, "phone_number_id");
        yield return Row("connect: phone_number_id with path traversal", "POST", Channels, Connect("phone_number_id", "\"../../1\""), 400, "phone_number_id");
        yield return Row("connect: display_number of letters", "POST", Channels, Connect("display_number", "\"call me\""), 400, "display_number");
        yield return Row("connect: display_number of 16 digits", "POST", Channels, Connect("display_number", "\"+1234567890123456\""), 400, "display_number");
        yield return Row("connect: display_number of 5000 characters", "POST", Channels, Connect("display_number", $"\"{new string('1', 5000)}\""), 400, "display_number");
        yield return Row("connect: display_number as an array", "POST", Channels, Connect("display_number", "[\"+1 555 000 1111\"]"), 400, "display_number");
        yield return Row("connect: window_template not a template name", "POST", Channels, Connect()[..^1] + ",\"window_template\":\"Hello World!\"}", 400, "window_template");
        yield return Row("connect: window_template_language without window_template", "POST", Channels, Connect()[..^1] + ",\"window_template_language\":\"en_US\"}", 400, "window_template_language");
        yield return Row("connect: window_template_language not a language code", "POST", Channels, Connect()[..^1] + ",\"window_template\":\"reopen\",\"window_template_language\":\"english\"}", 400, "window_template_language");
        yield return Row("connect: messenger Page without its own token", "POST", Channels, Page(), 400, "credentials");
        yield return Row("connect: messenger Page with a window_template (it has no templates)", "POST", Channels, Page(",\"credentials\":{\"access_token\":\"EAAG-page-token-1234\"},\"window_template\":\"reopen\""), 400, "window_template");
        yield return Row("connect: display_name blank", "POST", Channels, Page(",\"credentials\":{\"access_token\":\"EAAG-page-token-1234\"}").Replace("Acme Bakery", "   "), 400, "display_name");
        yield return Row("connect: display_name of 101 characters", "POST", Channels, Page(",\"credentials\":{\"access_token\":\"EAAG-page-token-1234\"}").Replace("Acme Bakery", new string('a', 101)), 400, "display_name");
        yield return Row("connect: display_name with a line break", "POST", Channels, Page(",\"credentials\":{\"access_token\":\"EAAG-page-token-1234\"}").Replace("Acme Bakery", "Acme\\nBakery"), 400, "display_name");
        yield return Row("connect: body over 64 KiB", "POST", Channels, Connect()[..^1] + $",\"padding\":\"{new string('p', 64 * 1024)}\"}}", 413, null);

        // GET /admin/channels?business_uid=
        yield return Row("list channels: visibility-query injection in business_uid", "GET", $"{Channels}?business_uid=x%27%20OR%20BridgeBusinessUid%20!%3D%20%27", null, 400, "business_uid");
        yield return Row("list channels: business_uid of 17 characters", "GET", $"{Channels}?business_uid=bizuid00000000001", null, 400, "business_uid");
        yield return Row("list channels: business_uid given twice", "GET", $"{Channels}?business_uid=bizuid0000000001&business_uid=bizuid0000000002", null, 400, "business_uid");
        yield return Row("list channels: business_uid with NUL", "GET", $"{Channels}?business_uid=bizuid000000000%00", null, 400, "business_uid");

        // DELETE /admin/channels/{provider}/{account_id}
        yield return Row("disconnect: provider outside the list", "DELETE", $"/admin/channels/telegram/{BadInputHost.ConnectedPhoneNumberId}", null, 400, "provider");
        yield return Row("disconnect: account_id with a quote", "DELETE", "/admin/channels/whatsapp/123%27", null, 400, "account_id");
        yield return Row("disconnect: account_id with a space", "DELETE", "/admin/channels/whatsapp/123%204", null, 400, "account_id");
        yield return Row("disconnect: encoded path traversal as account_id", "DELETE", "/admin/channels/whatsapp/..%2F..%2F1234567890", null, 400, "account_id");
        yield return Row("disconnect: account_id of 4000 digits", "DELETE", $"/admin/channels/whatsapp/{new string('1', 4000)}", null, 400, "account_id");
        yield return Row("disconnect: account_id in full-width digits", "DELETE", "/admin/channels/whatsapp/%EF%BC%91%EF%BC%92", null, 400, "account_id");

        // GET /admin/conversations?provider=&account_id=&client_id=
        yield return Row("find conversation: provider outside the list", "GET", "/admin/conversations?provider=telegram&account_id=1234567890&client_id=15551230001", null, 400, "provider");
        yield return Row("find conversation: account_id with a letter", "GET", "/admin/conversations?provider=whatsapp&account_id=12ab&client_id=15551230001", null, 400, "account_id");
        yield return Row("find conversation: client_id missing", "GET", "/admin/conversations?provider=whatsapp&account_id=1234567890", null, 400, "client_id");
        yield return Row("find conversation: client_id with a quote", "GET", "/admin/conversations?provider=whatsapp&account_id=1234567890&client_id=1555%27", null, 400, "client_id");
        yield return Row("find conversation: client_id of 65 characters", "GET", $"/admin/conversations?provider=whatsapp&account_id=1234567890&client_id={new string('a', 65)}", null, 400, "client_id");
        yield return Row("find conversation: client_id given twice", "GET", "/admin/conversations?provider=whatsapp&account_id=1234567890&client_id=1&client_id=2", null, 400, "client_id");
        yield return Row("find conversation: no key", "GET", "/admin/conversations?provider=whatsapp&account_id=1234567890&client_id=15551230001", null, 401, null, apiKey: null);

        // GET /admin/deliveries?state=&business_uid=
        yield return Row("list deliveries: state outside the list", "GET", "/admin/deliveries?state=stuck", null, 400, "state");
        yield return Row("list deliveries: visibility-query injection in state", "GET", "/admin/deliveries?state=failed%27%20OR%20%271%27%3D%271", null, 400, "state");
        yield return Row("list deliveries: visibility-query injection in business_uid", "GET", "/admin/deliveries?business_uid=%27%20OR%20%27%27%3D%27", null, 400, "business_uid");

        // POST /admin/deliveries/{delivery_id}/retry
        yield return Row("retry delivery: an inbound delivery's id", "POST", "/admin/deliveries/delivery-in:whatsapp:wamid.1/retry", null, 400, "delivery_id");
        yield return Row("retry delivery: id of 600 characters", "POST", $"/admin/deliveries/delivery-out:{new string('x', 587)}/retry", null, 400, "delivery_id");
        yield return Row("retry delivery: encoded path traversal as id", "POST", "/admin/deliveries/..%2Fdelivery-out:x/retry", null, 400, "delivery_id");
        yield return Row("retry delivery: id with a quote and spaces", "POST", "/admin/deliveries/delivery-out:ch1:m%27%20OR%201/retry", null, 400, "delivery_id");
        yield return Row("retry delivery: id with CR LF", "POST", "/admin/deliveries/delivery-out:ch1:m%0D%0A1/retry", null, 400, "delivery_id");
        yield return Row("retry delivery: well-formed id no delivery has", "POST", "/admin/deliveries/delivery-out:ch1:m-404/retry", null, 404, "delivery_id");

        // GET /admin/sessions/{session_uid}
        yield return Row("show conversation: session_uid with a quote", "GET", "/admin/sessions/se0000%27%20OR%201", null, 400, "session_uid");
        yield return Row("show conversation: session_uid of 65 characters", "GET", $"/admin/sessions/{new string('s', 65)}", null, 400, "session_uid");
        yield return Row("show conversation: well-formed session_uid no conversation has", "GET", "/admin/sessions/se0000000000404", null, 404, "session_uid");

        // Wrong content type and method.
        yield return Row("connect: text/plain content type", "POST", Channels, Connect(), 415, null, contentType: "text/plain");
        yield return Row("connect: no content type", "POST", Channels, Connect(), 415, null, contentType: null);
        yield return Row("connect: PUT", "PUT", Channels, Connect(), 405, null);
        yield return Row("disconnect: POST", "POST", Connected, null, 405, null);
    }
}
