namespace TemporalBridge.Sandbox.Shared;

/// <summary>A fault that applies to its next <see cref="Count"/> matching calls; each call takes one away.</summary>
public interface ICountedFault<TSelf>
    where TSelf : ICountedFault<TSelf>
{
    int Count { get; }

    /// <summary>The same fault for <paramref name="count"/> calls (records answer with <c>this with { Count = count }</c>).</summary>
    TSelf WithCount(int count);
}

/// <summary>
/// Faults set through a control API, waiting for their calls, used in the order they were added. Each emulator says
/// which calls a fault matches; the counting, ordering and locking are the same for both, so they live here once.
/// </summary>
public sealed class FaultList<TFault>
    where TFault : class, ICountedFault<TFault>
{
    private readonly Lock gate = new();
    private readonly List<TFault> faults = [];

    public void Add(TFault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }
    }

    /// <summary>The first fault that <paramref name="matches"/> this call, if any, for one call; the call uses it up.</summary>
    public TFault? Take(Predicate<TFault> matches)
    {
        lock (gate)
        {
            var index = faults.FindIndex(matches);
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
                faults[index] = fault.WithCount(fault.Count - 1);
            }

            return fault.WithCount(1);
        }
    }

    public IReadOnlyList<TFault> Pending
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
