namespace TemporalBridge.Sandbox.Messenger.Chats;

/// <summary><c>GET /messenger-emulator/_control/chats/{psid}</c>: a person's conversation with their Page, as the
/// sandbox's page shows it.</summary>
public static class PageChatsApi
{
    /// <summary>Meta turns a typing indicator off after 20 seconds, or when the Page's next message arrives
    /// (developers.facebook.com/docs/messenger-platform/send-messages/sender-actions).</summary>
    public static readonly TimeSpan TypingShows = TimeSpan.FromSeconds(20);

    public static void MapMessengerChats(this RouteGroupBuilder control) =>
        control.MapGet("/chats/{psid}", (string psid, PagePeople people, SendApiCallLog calls, TimeProvider time) =>
            people.Find(psid) is { } person
                ? Results.Ok(Of(person, people, calls.All(null), time.GetUtcNow()))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such person", detail: $"psid: no simulated person '{psid}'; create one with POST _control/people"));

    /// <summary>
    /// The Page's <c>mark_seen</c> marks every message the person wrote before it seen (Meta: "mark last message as
    /// read", the sender actions page above); the person's <c>read</c> watermark marks every Page message up to it. Only
    /// what the Send API accepted counts.
    /// </summary>
    public static PageChatView Of(PagePerson person, PagePeople people, IReadOnlyList<SendApiCall> calls, DateTimeOffset now)
    {
        var (written, sent, reactions) = people.Conversation(person.Psid);
        var actions = calls.Where(c => c.Psid == person.Psid && c.StatusCode == StatusCodes.Status200OK).ToList();
        var seenUpTo = actions.Where(c => c.Operation == "mark_seen").Select(c => c.At).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var typing = actions.LastOrDefault(c => c.Operation is "typing_on" or "typing_off");
        DateTimeOffset? typingUntil = typing is { Operation: "typing_on" } && now - typing.At < TypingShows && !sent.Any(m => m.At >= typing.At)
            ? typing.At + TypingShows
            : null;

        string? ReactionTo(string mid) => reactions.TryGetValue(mid, out var emoji) ? emoji : null;
        var messages = written
            .Select(m => new PageChatMessage(m.Mid, PageChatMessage.Person, m.Preview, m.At, m.ReplyTo, ReactionTo(m.Mid), m.At <= seenUpTo))
            .Concat(sent.Select(m => new PageChatMessage(m.Mid, PageChatMessage.Page, m.Text, m.At, null, ReactionTo(m.Mid), person.ReadUpTo is { } read && m.At <= read)))
            .OrderBy(m => m.At)
            .ToList();
        return new PageChatView(person.Psid, person.PageId, person.Name, messages, typingUntil);
    }
}
