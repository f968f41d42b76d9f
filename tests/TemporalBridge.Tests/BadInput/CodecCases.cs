using static TemporalBridge.Tests.BadInput.Rows;

namespace TemporalBridge.Tests.BadInput;

/// <summary>
/// The codec endpoint (<c>/codec/encode</c>, <c>/codec/decode</c>), on with an access token: Temporal's remote codec
/// protocol, <c>{"payloads":[…]}</c>.
/// </summary>
internal static class CodecCases
{
    public const string Group = "codec";

    private const string Decode = "/codec/decode";
    private const string Encode = "/codec/encode";
    private const string Plain = """{"payloads":[{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"ImhpIg=="}]}""";

    private static BadInputCase Row(
        string name, string path, string body, int status, string? field,
        string? authorization = "Bearer " + BadInputHost.CodecToken, string? contentType = Json, string method = "POST") =>
        new(Group, name, method, path, Headers(("Authorization", authorization)), Utf8(body), contentType, status, field);

    public static IEnumerable<BadInputCase> All()
    {
        foreach (var (operation, path) in new[] { ("decode", Decode), ("encode", Encode) })
        {
            yield return Row($"{operation}: no token", path, Plain, 401, null, authorization: null);
            yield return Row($"{operation}: wrong token", path, Plain, 401, null, authorization: "Bearer wrong-codec-token");
        }

        yield return Row("decode: token under the Basic scheme", Decode, Plain, 401, null, authorization: "Basic " + BadInputHost.CodecToken);
        yield return Row("decode: token in the query", $"{Decode}?access_token={BadInputHost.CodecToken}", Plain, 401, null, authorization: null);
        yield return Row("decode: the admin key instead of the token", Decode, Plain, 401, null, authorization: "Bearer " + BadInputHost.AdminKey);
        yield return Row("decode: no token and a malformed body", Decode, "{", 401, null, authorization: null);

        yield return Row("decode: text/plain content type", Decode, Plain, 415, null, contentType: "text/plain");
        yield return Row("encode: no content type", Encode, Plain, 415, null, contentType: null);
        yield return Row("decode: malformed JSON", Decode, "{\"payloads\":[", 400, "body");
        yield return Row("decode: empty body", Decode, "", 400, "body");
        yield return Row("encode: array where an object is expected", Encode, $"[{Plain}]", 400, "body");
        yield return Row("decode: payloads as an object", Decode, """{"payloads":{"metadata":{}}}""", 400, "payloads");
        yield return Row("decode: data that is not base64", Decode, """{"payloads":[{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"not base64!"}]}""", 400, "payloads");
        yield return Row("decode: data as a number", Decode, """{"payloads":[{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":12}]}""", 400, "payloads");
        yield return Row("decode: metadata as an array", Decode, """{"payloads":[{"metadata":["anNvbi9wbGFpbg=="],"data":"ImhpIg=="}]}""", 400, "payloads");
        yield return Row("encode: body over 16 MiB", Encode, "{\"payloads\":[]" + new string(' ', (16 * 1024 * 1024) + 1) + "}", 413, "body");
        yield return Row("decode: unknown key id", Decode, """{"payloads":[{"metadata":{"encoding":"YmluYXJ5L2VuY3J5cHRlZA==","encryption-key-id":"bm8tc3VjaC1rZXk="},"data":"AAAA"}]}""", 400, "payloads");
        yield return Row("decode: GET", Decode, "", 405, null, method: "GET");
    }
}
