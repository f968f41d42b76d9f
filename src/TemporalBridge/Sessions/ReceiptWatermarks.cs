using TemporalBridge.Providers;

namespace TemporalBridge.Sessions;

/// <summary>A provider's watermark receipt for the conversation (<see cref="ReceiptWatermarkEvent"/>): every staff
/// message sent up to <paramref name="Watermark"/> has <paramref name="Status"/>.</summary>
public sealed record ReceiptWatermark(ProviderDeliveryStatus Status, DateTimeOffset Watermark);

/// <summary>A staff message this conversation sent, as a watermark receipt finds it: its delivery, the provider's id
/// of what went (the last part), when it went, and the furthest status a watermark has given it.</summary>
public sealed record AwaitingReceipt(string DeliveryId, string ProviderMessageId, DateTimeOffset SentAt, ProviderDeliveryStatus? Reached = null);

/// <summary>
/// The conversation's sent staff messages that a watermark may still move forward: a receipt moves each message sent
/// up to its watermark, once per status and never back; a read message needs no more and is forgotten. The furthest
/// watermark of each status is kept too: the provider's receipt can come before the delivery has told the
/// conversation its message went, and must still move it then. Bounded: the oldest messages go first, as a
/// provider's watermarks come within hours. Workflow state, carried across continue-as-new.
/// </summary>
internal sealed class ReceiptWatermarks
{
    internal const int Kept = 100;

    private readonly List<AwaitingReceipt> sent = [];
    private readonly Dictionary<ProviderDeliveryStatus, ReceiptWatermark> furthest = [];

    public IReadOnlyList<AwaitingReceipt> Entries => [.. sent];

    /// <summary>The furthest watermark of each status so far.</summary>
    public IReadOnlyList<ReceiptWatermark> Furthest => [.. furthest.Values.OrderBy(r => r.Status)];

    /// <summary>Notes a message that went; answers the receipts that came before it did and cover it already.</summary>
    public IReadOnlyList<ReceiptWatermark> Add(AwaitingReceipt message)
    {
        sent.Add(message);
        if (sent.Count > Kept)
        {
            sent.RemoveAt(0);
        }
        return [.. Furthest.Where(r => message.SentAt <= r.Watermark)];
    }

    /// <summary>The messages <paramref name="receipt"/> moves forward, noted as moved.</summary>
    public IReadOnlyList<AwaitingReceipt> Apply(ReceiptWatermark receipt)
    {
        if (!furthest.TryGetValue(receipt.Status, out var known) || known.Watermark < receipt.Watermark)
        {
            furthest[receipt.Status] = receipt;
        }
        var moved = sent.Where(m => m.SentAt <= receipt.Watermark && (m.Reached is null || m.Reached < receipt.Status)).ToList();
        foreach (var message in moved)
        {
            sent[sent.IndexOf(message)] = message with { Reached = receipt.Status };
        }
        sent.RemoveAll(m => m.Reached == ProviderDeliveryStatus.Read);
        return moved;
    }

    /// <summary>The delivery has ended: nothing can move it any more.</summary>
    public void Forget(string deliveryId) => sent.RemoveAll(m => m.DeliveryId == deliveryId);

    public void Restore(IEnumerable<AwaitingReceipt> entries, IEnumerable<ReceiptWatermark> furthestSoFar)
    {
        sent.AddRange(entries);
        foreach (var receipt in furthestSoFar)
        {
            furthest[receipt.Status] = receipt;
        }
    }
}
