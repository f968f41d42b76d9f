using Microsoft.Extensions.Options;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.WhatsApp.Webhooks;

/// <summary>WhatsApp's part of the shared Meta webhook filter: its app secret and its parser.</summary>
internal sealed class WhatsAppWebhookReader(IOptions<WhatsAppOptions> options) : IMetaWebhookReader<WebhookBatch>
{
    public string Provider => ProviderNames.WhatsApp;

    public string AppSecret => options.Value.AppSecret;

    public (WebhookBatch? Batch, PayloadProblem? Problem) Read(ReadOnlySpan<byte> body)
    {
        var parsed = WebhookParser.Parse(body);
        return (parsed.Batch, parsed.Problem);
    }
}
