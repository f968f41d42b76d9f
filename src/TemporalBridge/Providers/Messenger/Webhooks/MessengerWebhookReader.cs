using Microsoft.Extensions.Options;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.Messenger.Webhooks;

/// <summary>Messenger's part of the shared Meta webhook filter: its app secret and its parser.</summary>
internal sealed class MessengerWebhookReader(IOptions<MessengerOptions> options) : IMetaWebhookReader<PageWebhookBatch>
{
    public string Provider => ProviderNames.Messenger;

    public string AppSecret => options.Value.AppSecret;

    public (PageWebhookBatch? Batch, PayloadProblem? Problem) Read(ReadOnlySpan<byte> body)
    {
        var parsed = PageWebhookParser.Parse(body);
        return (parsed.Batch, parsed.Problem);
    }
}
