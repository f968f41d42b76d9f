using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.Vcita.Control;

/// <summary>
/// One injected fault: the next <see cref="Count"/> calls of <see cref="Endpoint"/> wait <see cref="DelayMs"/> and
/// then answer <see cref="Status"/> (or, without a status, go on normally — only slowed).
/// </summary>
public sealed record Fault(string Endpoint, int? Status, int DelayMs, int Count) : ICountedFault<Fault>
{
    public Fault WithCount(int count) => this with { Count = count };
}
