namespace TemporalBridge.Providers.WhatsApp.Webhooks;

/// <summary>
/// The handler's parameter for an authenticated, parsed webhook. Binding only records that the endpoint takes one:
/// <see cref="SignedWebhookFilter"/> reads, authenticates and parses the body first, so the handler never sees a
/// body that is too large, unsigned or malformed.
/// </summary>
public sealed class SignedWebhook
{
    private WebhookBatch? batch;

    public WebhookBatch Batch => batch ?? throw new InvalidOperationException(
        $"The webhook was not authenticated: the endpoint needs the {nameof(SignedWebhookFilter)}.");

    public static ValueTask<SignedWebhook?> BindAsync(HttpContext context) => ValueTask.FromResult<SignedWebhook?>(new SignedWebhook());

    internal void Accept(WebhookBatch accepted) => batch = accepted;
}
