namespace TemporalBridge.Sandbox.Vcita.Callbacks;

/// <summary>Every callback the emulator queued, in order; a reset empties it and starts a new generation.</summary>
public sealed class CallbackLog(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly List<CallbackRecord> records = [];
    private long nextId = 1;
    private long generation;

    public CallbackRecord Add(string reason, string method, Uri url, string body, int copy, int copies, int heldMs)
    {
        lock (gate)
        {
            var record = new CallbackRecord(nextId++, generation, reason, method, url, body, copy, copies, heldMs, time.GetUtcNow());
            records.Add(record);
            return record;
        }
    }

    public bool IsCurrent(CallbackRecord record)
    {
        lock (gate)
        {
            return record.Generation == generation;
        }
    }

    public IReadOnlyList<CallbackView> Views()
    {
        lock (gate)
        {
            return [.. records.Select(r => r.ToView())];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            records.Clear();
            generation++;
        }
    }
}
