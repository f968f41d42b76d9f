namespace TemporalBridge.Sandbox.Messenger.Chats;

/// <summary>
/// One message of a person's conversation with a Page (the sandbox's own shape, for its page): who sent it, one line of
/// it, the mid it answers, the person's reaction to it; for the person's message whether the Page has seen it, for
/// the Page's whether the person has read it.
/// </summary>
public sealed record PageChatMessage(string Mid, string From, string Preview, DateTimeOffset At, string? ReplyTo, string? Reaction, bool Seen)
{
    public const string Person = "person";
    public const string Page = "page";
}

/// <summary>A person's conversation as their Messenger shows it, and until when the Page's typing indicator shows
/// (null: it does not).</summary>
public sealed record PageChatView(string Psid, string PageId, string Name, IReadOnlyList<PageChatMessage> Messages, DateTimeOffset? PageTypingUntil)
{
    public bool PageTyping => PageTypingUntil is not null;
}
