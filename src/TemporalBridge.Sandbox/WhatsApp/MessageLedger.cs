namespace TemporalBridge.Sandbox.WhatsApp;

/// <summary>A message the business sent through the Graph API; the statuses it got are in <see cref="MessageLedger"/>.</summary>
public sealed record OutboundMessage(
    string Wamid, string PhoneNumberId, string RecipientKey, string? WaId, string? UserId, string Type, DateTimeOffset SentAt)
{
    public bool IsTemplate => Type == "template";
}

/// <summary>A message a simulated user sent: what a mark-as-read must name.</summary>
public sealed record InboundRecord(string Wamid, string PhoneNumberId, string UserKey, DateTimeOffset At);

/// <summary>Messages in both directions by wamid, and the statuses sent for each outbound one.</summary>
public sealed class MessageLedger
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, OutboundMessage> outbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InboundRecord> inbound = new(StringComparer.Ordinal);

    public void Sent(OutboundMessage message)
    {
        lock (gate)
        {
            outbound[message.Wamid] = message;
            statuses[message.Wamid] = [];
        }
    }

    public void Received(InboundRecord message)
    {
        lock (gate)
        {
            inbound.TryAdd(message.Wamid, message);
        }
    }

    public OutboundMessage? FindOutbound(string wamid)
    {
        lock (gate)
        {
            return outbound.GetValueOrDefault(wamid);
        }
    }

    public InboundRecord? FindInbound(string wamid)
    {
        lock (gate)
        {
            return inbound.GetValueOrDefault(wamid);
        }
    }

    public void StatusSent(string wamid, string status)
    {
        lock (gate)
        {
            if (statuses.TryGetValue(wamid, out var list))
            {
                list.Add(status);
            }
        }
    }

    /// <summary>The business's messages, oldest first, each with the statuses queued for it so far.</summary>
    public IReadOnlyList<OutboundView> Outbound()
    {
        lock (gate)
        {
            return [.. outbound.Values.OrderBy(m => m.SentAt).Select(m =>
                new OutboundView(m.Wamid, m.PhoneNumberId, m.RecipientKey, m.Type, m.SentAt, [.. statuses[m.Wamid]]))];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            outbound.Clear();
            statuses.Clear();
            inbound.Clear();
        }
    }
}

public sealed record OutboundView(string Wamid, string PhoneNumberId, string Recipient, string Type, DateTimeOffset SentAt, IReadOnlyList<string> Statuses);
