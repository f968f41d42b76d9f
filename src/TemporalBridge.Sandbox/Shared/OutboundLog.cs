namespace TemporalBridge.Sandbox.Shared;

/// <summary>
/// Every call an emulator queued, in order; a reset empties it and starts a new generation, so deliveries still
/// waiting from before it are dropped. Each emulator derives a named log that also turns calls into its wire views.
/// </summary>
public abstract class OutboundLog<TCall>(TimeProvider time)
    where TCall : OutboundCall
{
    private readonly Lock gate = new();
    private readonly List<TCall> calls = [];
    private long nextId = 1;
    private long generation;

    /// <summary>Logs the call <paramref name="create"/> builds from its stamp (next id, current generation, now).</summary>
    public TCall Add(Func<CallStamp, TCall> create)
    {
        lock (gate)
        {
            var call = create(new CallStamp(nextId++, generation, time.GetUtcNow()));
            calls.Add(call);
            return call;
        }
    }

    public bool IsCurrent(TCall call)
    {
        lock (gate)
        {
            return call.Generation == generation;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            calls.Clear();
            generation++;
        }
    }

    protected IReadOnlyList<TCall> Calls()
    {
        lock (gate)
        {
            return [.. calls];
        }
    }
}
