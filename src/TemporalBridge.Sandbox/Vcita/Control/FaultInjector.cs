namespace TemporalBridge.Sandbox.Vcita.Control;

/// <summary>
/// One injected fault: the next <see cref="Count"/> calls of <see cref="Endpoint"/> wait <see cref="DelayMs"/> and
/// then answer <see cref="Status"/> (or, without a status, go on normally — only slowed).
/// </summary>
public sealed record Fault(string Endpoint, int? Status, int DelayMs, int Count);

/// <summary>Faults waiting for their calls, per endpoint, used in the order they were added.</summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<Fault> faults = [];

    public void Add(Fault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }
    }

    /// <summary>The fault this call of <paramref name="endpoint"/> suffers, if any; each call uses up one.</summary>
    public Fault? Take(string endpoint)
    {
        lock (gate)
        {
            var index = faults.FindIndex(f => f.Endpoint == endpoint);
            if (index < 0)
            {
                return null;
            }

            var fault = faults[index];
            if (fault.Count <= 1)
            {
                faults.RemoveAt(index);
            }
            else
            {
                faults[index] = fault with { Count = fault.Count - 1 };
            }

            return fault with { Count = 1 };
        }
    }

    public IReadOnlyList<Fault> Pending
    {
        get
        {
            lock (gate)
            {
                return [.. faults];
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }
}
