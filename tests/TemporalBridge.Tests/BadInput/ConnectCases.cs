using Microsoft.Extensions.Options;
using TemporalBridge.Connect;
using static TemporalBridge.Tests.BadInput.Rows;

namespace TemporalBridge.Tests.BadInput;

/// <summary>
/// The connect page's calls (<c>/connect/...</c>): the sign-in cookie first (401), then on every change the anti-forgery
/// header (403), then route values and the body. Meta is never asked: nothing here may get that far.
/// </summary>
internal static class ConnectCases
{
    public const string Group = "connect";

    private const string Csrf = "csrf-of-the-bad-input-rows";

    /// <summary>A sign-in of the host's business, sealed with the test hosts' key, good for the whole run.</summary>
    private static readonly string SignedIn = new SealedValues(
            Options.Create(new ConnectOptions { SessionKey = BridgeApplication.TestConnectSessionKey }), TimeProvider.System)
        .Seal(ConnectSessions.Purpose, $"{BadInputHost.ConnectedBusinessUid} {Csrf}", TimeSpan.FromHours(6));

    private static BadInputCase Row(
        string name, string method, string path, string? body, int status, string? field, bool cookie = true, string? csrf = Csrf) =>
        new(Group, name, method, path,
            Headers(("Cookie", cookie ? $"{ConnectSessions.CookieName}={SignedIn}" : null), (ConnectSessions.CsrfHeader, csrf)),
            body is null ? null : Utf8(body), body is null ? null : Json, status, field);

    private const string Signup = """{"code":"AQBcode-of-the-dialog","phone_number_id":"5550001111","waba_id":"5550002222"}""";
    private const string Disconnect = "/connect/channels/whatsapp/" + BadInputHost.ConnectedPhoneNumberId + "/disconnect";

    public static IEnumerable<BadInputCase> All()
    {
        yield return Row("channels: no sign-in", "GET", "/connect/channels", null, 401, ConnectSessions.CookieName, cookie: false);
        yield return new(Group, "channels: a cookie the bridge did not seal", "GET", "/connect/channels",
            Headers(("Cookie", $"{ConnectSessions.CookieName}={new string('A', 120)}")), null, null, 401, ConnectSessions.CookieName);
        yield return Row("whatsapp: no sign-in", "POST", "/connect/whatsapp", Signup, 401, ConnectSessions.CookieName, cookie: false);
        yield return Row("whatsapp: no anti-forgery header", "POST", "/connect/whatsapp", Signup, 403, ConnectSessions.CsrfHeader, csrf: null);
        yield return Row("whatsapp: another anti-forgery token", "POST", "/connect/whatsapp", Signup, 403, ConnectSessions.CsrfHeader, csrf: "csrf-of-another-sign-in");
        yield return Row("whatsapp: body is not JSON", "POST", "/connect/whatsapp", "code=abc", 400, "body");
        yield return Row("whatsapp: no code", "POST", "/connect/whatsapp", """{"phone_number_id":"5550001111","waba_id":"5550002222"}""", 400, "code");
        yield return Row("whatsapp: code with a space", "POST", "/connect/whatsapp", """{"code":"AQB code","phone_number_id":"5550001111","waba_id":"5550002222"}""", 400, "code");
        yield return Row("whatsapp: code of 5000 characters", "POST", "/connect/whatsapp", $$"""{"code":"{{new string('c', 5000)}}","phone_number_id":"5550001111","waba_id":"5550002222"}""", 400, "code");
        yield return Row("whatsapp: phone_number_id with letters", "POST", "/connect/whatsapp", """{"code":"AQBcode-of-the-dialog","phone_number_id":"555abc","waba_id":"5550002222"}""", 400, "phone_number_id");
        yield return Row("whatsapp: phone_number_id as a number", "POST", "/connect/whatsapp", """{"code":"AQBcode-of-the-dialog","phone_number_id":5550001111,"waba_id":"5550002222"}""", 400, "phone_number_id");
        yield return Row("whatsapp: no waba_id", "POST", "/connect/whatsapp", """{"code":"AQBcode-of-the-dialog","phone_number_id":"5550001111"}""", 400, "waba_id");
        yield return Row("whatsapp: waba_id with path traversal", "POST", "/connect/whatsapp", """{"code":"AQBcode-of-the-dialog","phone_number_id":"5550001111","waba_id":"../me"}""", 400, "waba_id");
        yield return Row("pages: no access_token", "POST", "/connect/messenger/pages", "{}", 400, "access_token");
        yield return Row("pages: access_token with a quote", "POST", "/connect/messenger/pages", """{"access_token":"EAAtoken'quote"}""", 400, "access_token");
        yield return Row("pages: no anti-forgery header", "POST", "/connect/messenger/pages", """{"access_token":"EAAshort-lived-token"}""", 403, ConnectSessions.CsrfHeader, csrf: null);
        yield return Row("messenger: no ticket", "POST", "/connect/messenger", """{"page_ids":["2000000000000001"]}""", 400, "ticket");
        yield return Row("messenger: ticket of 5000 characters", "POST", "/connect/messenger", $$"""{"ticket":"{{new string('t', 5000)}}","page_ids":["2000000000000001"]}""", 400, "ticket");
        yield return Row("messenger: page_ids empty", "POST", "/connect/messenger", """{"ticket":"sealed-ticket","page_ids":[]}""", 400, "page_ids");
        yield return Row("messenger: page_ids not an array", "POST", "/connect/messenger", """{"ticket":"sealed-ticket","page_ids":"2000000000000001"}""", 400, "page_ids");
        yield return Row("messenger: a page id with letters", "POST", "/connect/messenger", """{"ticket":"sealed-ticket","page_ids":["2000000000000001","20x"]}""", 400, "page_ids[1]");
        yield return Row("messenger: 51 page ids", "POST", "/connect/messenger",
            $$"""{"ticket":"sealed-ticket","page_ids":[{{string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"{2000000000000100 + i}\""))}}]}""", 400, "page_ids");
        yield return Row("disconnect: unknown provider", "POST", "/connect/channels/telegram/1234567890/disconnect", null, 400, "provider");
        yield return Row("disconnect: account_id with letters", "POST", "/connect/channels/whatsapp/12ab/disconnect", null, 400, "account_id");
        yield return Row("disconnect: no anti-forgery header", "POST", Disconnect, null, 403, ConnectSessions.CsrfHeader, csrf: null);
        yield return Row("disconnect: no sign-in", "POST", Disconnect, null, 401, ConnectSessions.CookieName, cookie: false);
        yield return Row("sign-out: no anti-forgery header", "POST", "/connect/sign-out", null, 403, ConnectSessions.CsrfHeader, csrf: null);
        yield return Row("disconnect: GET", "GET", Disconnect, null, 405, null);
    }
}
