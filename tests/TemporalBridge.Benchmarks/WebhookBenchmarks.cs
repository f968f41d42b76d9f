using BenchmarkDotNet.Attributes;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;

namespace TemporalBridge.Benchmarks;

/// <summary>
/// What the WhatsApp webhook filter does to a body before the hand-over: the HMAC-SHA256 signature check over the raw
/// bytes, then the parse into provider events (what <c>SignedWebhookFilter</c> does after reading the request). Measured
/// for Meta's largest batch (1,000 text messages, ~3 MB) and for the single message that is most webhooks; each also
/// split into its two halves, to show which one dominates.
/// </summary>
[MemoryDiagnoser]
public class WebhookBenchmarks
{
    private byte[] batch = null!;
    private string batchSignature = null!;
    private byte[] single = null!;
    private string singleSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        batch = WebhookPayloadBuilder.Batch(updates: 1000, targetBytes: 3_000_000);
        batchSignature = WebhookSignature.Sign(batch, WebhookPayloadBuilder.AppSecret);
        single = WebhookPayloadBuilder.Single(
            WebhookPayloadBuilder.PhoneNumberIds[0], WebhookPayloadBuilder.WaId(0, 1), WebhookPayloadBuilder.MessageId(1), WebhookPayloadBuilder.Phrase(0));
        singleSignature = WebhookSignature.Sign(single, WebhookPayloadBuilder.AppSecret);

        // A refused body would be measured as a fast failure: check both are accepted whole before timing anything.
        Expect(batch, batchSignature, 1000);
        Expect(single, singleSignature, 1);
        Console.WriteLine($"// batch body: {batch.Length:N0} bytes, 1,000 messages; single body: {single.Length:N0} bytes");
    }

    [Benchmark(Description = "batch: verify + parse (1,000 messages, ~3 MB)")]
    public int VerifyAndParseBatch() => VerifyAndParse(batch, batchSignature);

    [Benchmark(Description = "batch: verify only")]
    public bool VerifyBatch() => WebhookSignature.IsValid(batch, batchSignature, WebhookPayloadBuilder.AppSecret);

    [Benchmark(Description = "batch: parse only")]
    public int ParseBatch() => WebhookParser.Parse(batch).Batch!.Events.Count;

    [Benchmark(Description = "single: verify + parse (1 message)")]
    public int VerifyAndParseSingle() => VerifyAndParse(single, singleSignature);

    [Benchmark(Description = "single: verify only")]
    public bool VerifySingle() => WebhookSignature.IsValid(single, singleSignature, WebhookPayloadBuilder.AppSecret);

    [Benchmark(Description = "single: parse only")]
    public int ParseSingle() => WebhookParser.Parse(single).Batch!.Events.Count;

    private static int VerifyAndParse(byte[] body, string signature) =>
        WebhookSignature.IsValid(body, signature, WebhookPayloadBuilder.AppSecret)
            ? WebhookParser.Parse(body).Batch!.Events.Count
            : throw new InvalidOperationException("The signature was refused.");

    private static void Expect(byte[] body, string signature, int events)
    {
        if (VerifyAndParse(body, signature) != events)
        {
            var problem = WebhookParser.Parse(body).Problem;
            throw new InvalidOperationException($"The benchmark body was not accepted whole: {problem?.Path} {problem?.Problem}");
        }
    }
}
