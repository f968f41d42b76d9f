using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>Serialises, signs and queues webhooks to <c>Sandbox__BridgeBaseUrl</c> + <c>WhatsAppEmulator__WebhookPath</c>.</summary>
public sealed class WebhookSender(
    OutboundQueue<WebhookRecord> queue, WebhookLog log, IOptions<WhatsAppEmulatorOptions> options, IOptions<SandboxOptions> sandbox)
{
    /// <summary>Queues <paramref name="payload"/> <paramref name="copies"/> times (identical bytes: deliberate duplicates).</summary>
    public IReadOnlyList<WebhookRecord> Post(string reason, WebhookPayload payload, IReadOnlyList<string> wamids, int copies = 1, TimeSpan delay = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, WhatsAppJsonContext.Default.WebhookPayload);
        return Post(reason, body, wamids, copies, delay);
    }

    /// <summary>Queues an <c>account_update</c>, which names no message.</summary>
    public WebhookRecord Post(AccountUpdatePayload payload) =>
        Post("account update", JsonSerializer.SerializeToUtf8Bytes(payload, WhatsAppJsonContext.Default.AccountUpdatePayload), [], copies: 1, TimeSpan.Zero)[0];

    private List<WebhookRecord> Post(string reason, byte[] body, IReadOnlyList<string> wamids, int copies, TimeSpan delay)
    {
        var signature = WebhookSignature.For(body, options.Value.AppSecret, SignatureMode.Good);
        var records = new List<WebhookRecord>(copies);
        for (var copy = 1; copy <= copies; copy++)
        {
            var record = log.Add(stamp => new WebhookRecord(stamp, reason, Url(), body, signature, wamids, copy, copies, retries: true));
            records.Add(record);
            queue.Schedule(new OutboundDelivery<WebhookRecord>(record, 1), delay);
        }

        return records;
    }

    /// <summary>Queues a body as given, signed as asked, for one attempt only: it tests the bridge's refusals.</summary>
    public WebhookRecord PostRaw(string body, SignatureMode mode)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var record = log.Add(stamp => new WebhookRecord(stamp, "raw", Url(), bytes, WebhookSignature.For(bytes, options.Value.AppSecret, mode), [], 1, 1, retries: false));
        queue.Schedule(new OutboundDelivery<WebhookRecord>(record, 1), TimeSpan.Zero);
        return record;
    }

    private Uri Url() => new(sandbox.Value.BridgeBaseUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/') + options.Value.WebhookPath);
}
