using static TemporalBridge.Tests.BadInput.Rows;

namespace TemporalBridge.Tests.BadInput;

/// <summary>
/// Connecting a business (<c>/oauth/vcita/...</c>): public endpoints a browser reaches, so there is no key; the
/// single-use <c>state</c> proves the flow started here, and is checked before anything else the callback carries.
/// </summary>
internal static class OAuthCases
{
    public const string Group = "oauth";

    private const string Start = "/oauth/vcita/start";
    private const string Callback = "/oauth/vcita/callback";

    /// <summary>Well-formed (43 base64url characters, 32 bytes) but never issued.</summary>
    private static readonly string UnknownState = new('A', 43);

    private static BadInputCase Get(string name, string path, int status, string? field) =>
        new(Group, name, "GET", path, Headers(), null, null, status, field);

    public static IEnumerable<BadInputCase> All()
    {
        yield return Get("start: provider with a quote", $"{Start}?provider=whats%27app", 400, "provider");
        yield return Get("start: provider with a space", $"{Start}?provider=whats%20app", 400, "provider");
        yield return Get("start: provider with path traversal", $"{Start}?provider=..%2F..%2Fadmin", 400, "provider");
        yield return Get("start: provider of 33 characters", $"{Start}?provider={new string('p', 33)}", 400, "provider");
        yield return Get("start: provider with NUL", $"{Start}?provider=whatsapp%00", 400, "provider");
        yield return Get("start: provider in full-width letters", $"{Start}?provider=%EF%BD%97hatsapp", 400, "provider");
        yield return Get("start: provider given twice", $"{Start}?provider=whatsapp&provider=messenger", 400, "provider");
        yield return Get("start: provider with no app configured", $"{Start}?provider=messenger", 400, "provider");
        yield return new(Group, "start: with a request body", "GET", Start, Headers(), Utf8("{}"), Json, 413, "body");

        yield return Get("callback: no query at all", Callback, 400, "state");
        yield return Get("callback: code without state", $"{Callback}?code=abc", 400, "state");
        yield return Get("callback: empty state", $"{Callback}?code=abc&state=", 400, "state");
        yield return Get("callback: state never issued", $"{Callback}?code=abc&state={UnknownState}", 400, "state");
        yield return Get("callback: state of 44 characters", $"{Callback}?code=abc&state={UnknownState}A", 400, "state");
        yield return Get("callback: state with Redis-key characters", $"{Callback}?code=abc&state=*", 400, "state");
        yield return Get("callback: injection in state", $"{Callback}?code=abc&state=%27%20OR%20%271%27%3D%271", 400, "state");
        yield return Get("callback: state with path traversal", $"{Callback}?code=abc&state=..%2F..%2Ftb%3Aoauth", 400, "state");
        yield return Get("callback: state with NUL", $"{Callback}?code=abc&state={UnknownState[..42]}%00", 400, "state");
        yield return Get("callback: state of 5000 characters", $"{Callback}?code=abc&state={new string('s', 5000)}", 400, "state");
        yield return Get("callback: state given twice", $"{Callback}?code=abc&state={UnknownState}&state={UnknownState}", 400, "state");
        yield return Get("callback: declined, with an unknown state", $"{Callback}?error=access_denied&state={UnknownState}", 400, "state");
        yield return Get("callback: code of 5000 characters, unknown state", $"{Callback}?code={new string('c', 5000)}&state={UnknownState}", 400, "state");

        yield return new(Group, "start: POST", "POST", Start, Headers(), Utf8("{}"), Json, 405, null);
        yield return new(Group, "callback: POST", "POST", Callback, Headers(), Utf8("code=abc"), "application/x-www-form-urlencoded", 405, null);
    }
}
