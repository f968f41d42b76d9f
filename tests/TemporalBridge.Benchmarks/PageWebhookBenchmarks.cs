using System.Text;
using BenchmarkDotNet.Attributes;
using TemporalBridge.Providers.Messenger.Webhooks;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Benchmarks;

/// <summary>
/// The Messenger webhook's work before the hand-over, beside <see cref="WebhookBenchmarks"/> for WhatsApp: the HMAC
/// check over the raw bytes, then the parse of a Page webhook into provider events. Measured for the single text
/// message that is most webhooks, and for 1,000 events of 100 Pages in one body (Meta batches under load).
/// </summary>
[MemoryDiagnoser]
public class PageWebhookBenchmarks
{
    private const string AppSecret = "benchmark-messenger-app-secret";

    private byte[] single = null!;
    private string singleSignature = null!;
    private byte[] batch = null!;
    private string batchSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        single = Encoding.UTF8.GetBytes(Envelope([Entry(0, [Event(0, 0)])]));
        singleSignature = WebhookSignature.Sign(single, AppSecret);
        batch = Encoding.UTF8.GetBytes(Envelope([.. Enumerable.Range(0, 100).Select(page => Entry(page, [.. Enumerable.Range(0, 10).Select(n => Event(page, n))]))]));
        batchSignature = WebhookSignature.Sign(batch, AppSecret);

        // A refused body would be measured as a fast failure: check both are accepted whole before timing anything.
        Expect(single, singleSignature, 1);
        Expect(batch, batchSignature, 1000);
        Console.WriteLine($"// single body: {single.Length:N0} bytes; batch body: {batch.Length:N0} bytes, 1,000 events");
    }

    [Benchmark(Description = "messenger single: verify + parse (1 message)")]
    public int VerifyAndParseSingle() => VerifyAndParse(single, singleSignature);

    [Benchmark(Description = "messenger single: verify only")]
    public bool VerifySingle() => WebhookSignature.IsValid(single, singleSignature, AppSecret);

    [Benchmark(Description = "messenger single: parse only")]
    public int ParseSingle() => PageWebhookParser.Parse(single).Batch!.Events.Count;

    [Benchmark(Description = "messenger batch: verify + parse (1,000 events)")]
    public int VerifyAndParseBatch() => VerifyAndParse(batch, batchSignature);

    private static int VerifyAndParse(byte[] body, string signature) =>
        WebhookSignature.IsValid(body, signature, AppSecret)
            ? PageWebhookParser.Parse(body).Batch!.Events.Count
            : throw new InvalidOperationException("The signature was refused.");

    private static void Expect(byte[] body, string signature, int events)
    {
        if (VerifyAndParse(body, signature) != events)
        {
            var problem = PageWebhookParser.Parse(body).Problem;
            throw new InvalidOperationException($"The benchmark body was not accepted whole: {problem?.Path} {problem?.Problem}");
        }
    }

    // Meta's Page webhook shape (Messenger Platform reference, "Webhook Events" and "messages"), this benchmark's values.
    private static string Envelope(string[] entries) => $$"""{"object":"page","entry":[{{string.Join(',', entries)}}]}""";

    private static string Entry(int page, string[] events) =>
        $$"""{"id":"{{PageId(page)}}","time":1733390000123,"messaging":[{{string.Join(',', events)}}]}""";

    private static string Event(int page, int n) =>
        $$$"""{"sender":{"id":"{{{7766554433221100 + n}}}"},"recipient":{"id":"{{{PageId(page)}}}"},"timestamp":{{{1733390000000 + n}}},"message":{"mid":"m_{{{page}}}x{{{n}}}AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjKlMnOpQrStUvWxYz","text":"Could we move Tuesday's appointment to Thursday at 10?"}}""";

    private static string PageId(int page) => (104400112233445 + page).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
