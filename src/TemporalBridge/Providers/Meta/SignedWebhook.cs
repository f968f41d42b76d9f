namespace TemporalBridge.Providers.Meta;

/// <summary>
/// The handler's parameter for an authenticated, parsed webhook. Binding only records that the endpoint takes one:
/// <see cref="SignedWebhookFilter{TBatch}"/> reads, authenticates and parses the body first, so the handler never
/// sees a body that is too large, unsigned or malformed.
/// </summary>
public sealed class SignedWebhook<TBatch>
    where TBatch : class
{
    private TBatch? batch;

    public TBatch Batch => batch ?? throw new InvalidOperationException(
        $"The webhook was not authenticated: the endpoint needs the {nameof(SignedWebhookFilter<TBatch>)}.");

    public static ValueTask<SignedWebhook<TBatch>?> BindAsync(HttpContext context) => ValueTask.FromResult<SignedWebhook<TBatch>?>(new SignedWebhook<TBatch>());

    internal void Accept(TBatch accepted) => batch = accepted;
}
