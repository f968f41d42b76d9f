namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>Every webhook the emulator queued, in order; a reset empties it and starts a new generation.</summary>
public sealed class WebhookLog(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly List<WebhookRecord> records = [];
    private long nextId = 1;
    private long generation;

    public WebhookRecord Add(
        string reason, Uri url, byte[] body, string? signature, IReadOnlyList<string> wamids, int copy, int copies, bool retries)
    {
        lock (gate)
        {
            var record = new WebhookRecord(nextId++, generation, reason, url, body, signature, wamids, copy, copies, retries, time.GetUtcNow());
            records.Add(record);
            return record;
        }
    }

    public bool IsCurrent(WebhookRecord record)
    {
        lock (gate)
        {
            return record.Generation == generation;
        }
    }

    public IReadOnlyList<WebhookView> Views()
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
