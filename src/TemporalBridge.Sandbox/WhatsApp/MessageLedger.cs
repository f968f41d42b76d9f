using TemporalBridge.Sandbox.WhatsApp.Chats;

namespace TemporalBridge.Sandbox.WhatsApp;

/// <summary>A message the business sent through the Graph API; the statuses it got are in <see cref="MessageLedger"/>.</summary>
/// <param name="CallbackData">The send's <c>biz_opaque_callback_data</c>, handed back with each of its statuses.</param>
public sealed record OutboundMessage(
    string Wamid, string PhoneNumberId, string RecipientKey, string? WaId, string? UserId, string Type, DateTimeOffset SentAt,
    string? CallbackData = null)
{
    /// <summary>Sent to a business-scoped user id (<c>recipient</c>) rather than a phone number (<c>to</c>).</summary>
    public bool ByUserId { get; init; }

    public bool IsTemplate => Type == "template";

    /// <summary>What the user's app shows of it: its text, or what kind of message it is.</summary>
    public string Preview { get; init; } = "";
}

/// <summary>A message a simulated user sent: what a mark-as-read must name, and what the chat page shows of it: its
/// line, the wamid it replies to, or for a reaction the wamid it reacts to (its line then the emoji, empty when the
/// reaction is taken back).</summary>
public sealed record InboundRecord(string Wamid, string PhoneNumberId, string UserKey, DateTimeOffset At, string Preview = "")
{
    public string? ReplyTo { get; init; }

    public string? ReactsTo { get; init; }
}

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

    /// <summary>The statuses queued for the message so far.</summary>
    public IReadOnlyList<string> StatusesOf(string wamid)
    {
        lock (gate)
        {
            return statuses.TryGetValue(wamid, out var list) ? [.. list] : [];
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

    /// <summary>The user's chat with the business, oldest first: what each side sent, the statuses of the business's
    /// messages so far. A reaction is shown on the message it reacts to, as the app shows it, not as a message.</summary>
    public IReadOnlyList<ChatMessage> Chat(string userKey)
    {
        lock (gate)
        {
            var written = inbound.Values.Where(m => m.UserKey == userKey).OrderBy(m => m.At).ToList();
            var reactions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var reaction in written.Where(m => m.ReactsTo is not null))
            {
                reactions[reaction.ReactsTo!] = reaction.Preview;
            }
            string? ReactionTo(string wamid) => reactions.TryGetValue(wamid, out var emoji) && emoji.Length > 0 ? emoji : null;

            var fromUser = written.Where(m => m.ReactsTo is null)
                .Select(m => new ChatMessage(m.Wamid, ChatMessage.User, m.Preview, m.At, []) { ReplyTo = m.ReplyTo, Reaction = ReactionTo(m.Wamid) });
            var fromBusiness = outbound.Values.Where(m => m.RecipientKey == userKey)
                .Select(m => new ChatMessage(m.Wamid, ChatMessage.Business, m.Preview, m.SentAt, [.. statuses[m.Wamid]]) { Reaction = ReactionTo(m.Wamid) });
            return [.. fromUser.Concat(fromBusiness).OrderBy(entry => entry.At)];
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
