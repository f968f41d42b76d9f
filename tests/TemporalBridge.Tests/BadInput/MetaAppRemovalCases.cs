using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using static TemporalBridge.Tests.BadInput.Rows;

namespace TemporalBridge.Tests.BadInput;

/// <summary>Meta's app-removal callbacks (<c>/meta/...</c>): a form with one <c>signed_request</c>, signed with a Meta
/// app's secret of this bridge; anything else is 400 naming it, before Temporal is asked.</summary>
internal static class MetaAppRemovalCases
{
    public const string Group = "meta";

    private const string Form = "application/x-www-form-urlencoded";

    /// <summary>A signed request as Meta builds it, with <paramref name="secret"/>.</summary>
    private static string Signed(string payloadJson, string secret)
    {
        var payload = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payloadJson));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(payload));
        return $"{WebEncoders.Base64UrlEncode(signature)}.{payload}";
    }

    private static BadInputCase Post(string name, string path, string body, string contentType = Form) =>
        new(Group, name, "POST", path, Headers(), Utf8(body), contentType, 400, "signed_request");

    public static IEnumerable<BadInputCase> All()
    {
        const string Person = """{"algorithm":"HMAC-SHA256","issued_at":1767225600,"user_id":"3000000000000009"}""";
        foreach (var (route, path) in new[] { ("deauthorize", "/meta/deauthorize"), ("data deletion", "/meta/data-deletion") })
        {
            yield return Post($"{route}: signed with another secret", path, "signed_request=" + Uri.EscapeDataString(Signed(Person, "not-the-app-secret")));
            yield return Post($"{route}: no dot", path, "signed_request=abcdefabcdef");
            yield return Post($"{route}: no signed_request", path, "user_id=3000000000000009");
            yield return Post($"{route}: signed_request twice", path,
                $"signed_request={Uri.EscapeDataString(Signed(Person, BadInputHost.WhatsAppAppSecret))}&signed_request=x.y");
            yield return Post($"{route}: JSON instead of a form", path, """{"signed_request":"x.y"}""", Json);
        }
        yield return Post("deauthorize: signed, but another algorithm", "/meta/deauthorize",
            "signed_request=" + Uri.EscapeDataString(Signed("""{"algorithm":"HMAC-SHA1","user_id":"3000000000000009"}""", BadInputHost.WhatsAppAppSecret)));
        yield return Post("deauthorize: signed, without user_id", "/meta/deauthorize",
            "signed_request=" + Uri.EscapeDataString(Signed("""{"algorithm":"HMAC-SHA256"}""", BadInputHost.WhatsAppAppSecret)));
        yield return Post("data deletion: signed, user_id not an id", "/meta/data-deletion",
            "signed_request=" + Uri.EscapeDataString(Signed("""{"algorithm":"HMAC-SHA256","user_id":"' OR 1=1"}""", BadInputHost.WhatsAppAppSecret)));
        yield return new(Group, "deletion status: code with a quote", "GET", "/meta/data-deletion/abc'def", Headers(), null, null, 400, "confirmation_code");
        yield return new(Group, "deletion status: unknown code", "GET", "/meta/data-deletion/aaaaaaaaaaaaaaaaaaaa", Headers(), null, null, 404, "confirmation_code");
    }
}
