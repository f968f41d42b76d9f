using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.Vcita.Callbacks;

/// <summary>Every callback the emulator queued, in order, as <c>GET /_control/callbacks</c> shows them.</summary>
public sealed class CallbackLog(TimeProvider time) : OutboundLog<CallbackRecord>(time)
{
    public IReadOnlyList<CallbackView> Views() => [.. Calls().Select(c => c.ToView())];
}
