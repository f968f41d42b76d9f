using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>Every webhook the emulator queued, in order, as <c>GET /_control/webhooks</c> shows them.</summary>
public sealed class WebhookLog(TimeProvider time) : OutboundLog<WebhookRecord>(time)
{
    public IReadOnlyList<WebhookView> Views() => [.. Calls().Select(c => c.ToView())];
}
