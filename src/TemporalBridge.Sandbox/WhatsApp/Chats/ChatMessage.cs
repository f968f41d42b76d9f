namespace TemporalBridge.Sandbox.WhatsApp.Chats;

/// <summary>
/// One message of a user's chat with the business (the sandbox's own shape, for its page): who sent it, one line of
/// it, the statuses of a business's message so far (sent, delivered, read), for a user's message whether the
/// business has read it (its blue ticks) and the wamid it replies to, and the user's reaction to it.
/// </summary>
public sealed record ChatMessage(string Wamid, string From, string Preview, DateTimeOffset At, IReadOnlyList<string> Statuses, bool ReadByBusiness = false)
{
    public string? ReplyTo { get; init; }

    public string? Reaction { get; init; }

    public const string User = "user";
    public const string Business = "business";
}

/// <summary>A user's chat as their app shows it, and until when staff's typing indicator shows (null: it does not).</summary>
public sealed record ChatView(string User, string Name, IReadOnlyList<ChatMessage> Messages, DateTimeOffset? StaffTypingUntil)
{
    public bool StaffTyping => StaffTypingUntil is not null;
}
