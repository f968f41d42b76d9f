namespace TemporalBridge.Sessions;

/// <summary>What a conversation knows of a provider message id: the delivery that sent it (null if none of its recent
/// ones), and whether a send is under way right now.</summary>
public sealed record SentLookup(string? DeliveryId, bool SendInFlight);

/// <summary>A provider message the conversation sent, and the delivery that sent it.</summary>
public sealed record SentMessage(string ProviderMessageId, string DeliveryId);

/// <summary>
/// The conversation's latest sent provider messages and their deliveries, oldest forgotten first: the durable
/// fallback behind the Redis cache when a provider status must find its delivery. Workflow state, carried across
/// continue-as-new.
/// </summary>
internal sealed class RecentlySent
{
    /// <summary>Providers report statuses within days; a conversation rarely sends this many in that time.</summary>
    internal const int Kept = 500;

    private readonly Queue<SentMessage> order = new();
    private readonly Dictionary<string, string> deliveries = new(StringComparer.Ordinal);

    public IReadOnlyList<SentMessage> Entries => [.. order];

    public void Add(string providerMessageId, string deliveryId)
    {
        if (!deliveries.TryAdd(providerMessageId, deliveryId))
        {
            return;
        }
        order.Enqueue(new SentMessage(providerMessageId, deliveryId));
        if (order.Count > Kept)
        {
            deliveries.Remove(order.Dequeue().ProviderMessageId);
        }
    }

    public string? DeliveryOf(string providerMessageId) => deliveries.GetValueOrDefault(providerMessageId);

    public void Restore(IEnumerable<SentMessage> entries)
    {
        foreach (var entry in entries)
        {
            Add(entry.ProviderMessageId, entry.DeliveryId);
        }
    }
}
