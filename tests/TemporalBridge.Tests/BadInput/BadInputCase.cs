using System.Text;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;

namespace TemporalBridge.Tests.BadInput;

/// <summary>
/// One row of the bad-input table: a request as the wire carries it, and the answer it must get. <see cref="Field"/>
/// is the field the ProblemDetails must name (a key of its <c>errors</c>, or its <c>field</c> extension), null when
/// the answer is about the request as a whole (401, 413, 415, 405).
/// </summary>
internal sealed record BadInputCase(
    string Group,
    string Case,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    byte[]? Body,
    string? ContentType,
    int Status,
    string? Field)
{
    /// <summary>The row's name in the test explorer and in docs/bad-input.md: unique across the table.</summary>
    public string Id => $"{Group}: {Case}";

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                throw new InvalidOperationException($"{Id}: header {name} cannot be sent");
            }
        }

        return request;
    }

    /// <summary>Values of the request that must never come back in the answer (tokens, signatures, message text).</summary>
    public IEnumerable<string> Sensitive()
    {
        foreach (var value in Headers.Values)
        {
            yield return value;
            if (value.Split(' ', 2) is [_, { Length: >= 8 } token])
            {
                yield return token;
            }
        }

        if (Body is { Length: < 100_000 } body)
        {
            foreach (var text in Sentinels.Where(s => Encoding.UTF8.GetString(body).Contains(s, StringComparison.Ordinal)))
            {
                yield return text;
            }
        }
    }

    /// <summary>Text the rows put in bodies that stands for what a user wrote: it must never be echoed.</summary>
    public static readonly string[] Sentinels = [Text.StaffMessage, Text.ClientMessage];

    internal static class Text
    {
        public const string StaffMessage = "Hi Dana, your appointment moved to Tuesday";
        public const string ClientMessage = "Is Tuesday 10:00 still free for me?";
    }
}

/// <summary>Builds rows: the body as UTF-8 (or raw bytes), headers by name.</summary>
internal static class Rows
{
    public const string Json = "application/json";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static Dictionary<string, string> Headers(params (string Name, string? Value)[] headers) =>
        headers.Where(h => h.Value is not null).ToDictionary(h => h.Name, h => h.Value!);

    public static string Bearer(string token) => "Bearer " + token;

    /// <summary>Meta's signature of exactly these bytes with the test host's app secret.</summary>
    public static string Sign(byte[] body) => WebhookSignature.Sign(body, BadInputHost.WhatsAppAppSecret);

    /// <summary><paramref name="depth"/> nested arrays inside one field: deeper than any JSON reader here allows.</summary>
    public static string Nested(string field, int depth) =>
        $$"""{"{{field}}":{{new string('[', depth)}}1{{new string(']', depth)}}}""";
}
