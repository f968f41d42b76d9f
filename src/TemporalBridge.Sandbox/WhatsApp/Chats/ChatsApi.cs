using TemporalBridge.Sandbox.WhatsApp.Graph;
using TemporalBridge.Sandbox.WhatsApp.Users;

namespace TemporalBridge.Sandbox.WhatsApp.Chats;

/// <summary><c>GET /whatsapp-emulator/_control/chats/{user}</c>: a simulated user's chat, as the sandbox's page shows
/// it; the user is named by wa_id or user id.</summary>
public static class ChatsApi
{
    /// <summary>Meta's typing indicator shows for 25 seconds or until the business's next message
    /// (developers.facebook.com/docs/whatsapp/cloud-api/typing-indicators).</summary>
    public static readonly TimeSpan TypingShows = TimeSpan.FromSeconds(25);

    public static void MapWhatsAppChats(this RouteGroupBuilder control) =>
        control.MapGet("/chats/{user}", (string user, UserDirectory users, MessageLedger ledger, GraphCallLog calls, TimeProvider time) =>
            users.Find(user) is { } simulated
                ? Results.Ok(Of(simulated, ledger.Chat(simulated.Key), calls.All(), time.GetUtcNow()))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such user", detail: $"user: no simulated user '{user}'; create one with POST _control/users"));

    /// <summary>A read receipt marks the message it names and every earlier one read, as in the user's app
    /// (developers.facebook.com/docs/whatsapp/cloud-api/guides/mark-message-as-read); a typing indicator is sent as a
    /// read receipt with the indicator (the typing-indicators page above), so it marks them read too.</summary>
    public static ChatView Of(SimulatedUser user, IReadOnlyList<ChatMessage> messages, IReadOnlyList<GraphCall> calls, DateTimeOffset now)
    {
        var fromUser = messages.Where(m => m.From == ChatMessage.User).ToDictionary(m => m.Wamid, m => m.At, StringComparer.Ordinal);
        bool Answered(GraphCall call, string operation) =>
            call.Operation == operation && call.StatusCode == StatusCodes.Status200OK && call.Wamid is { } wamid && fromUser.ContainsKey(wamid);

        var readUpTo = calls.Where(c => Answered(c, GraphOperations.Read) || Answered(c, GraphOperations.Typing)).Select(c => fromUser[c.Wamid!]).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var typing = calls.LastOrDefault(c => Answered(c, GraphOperations.Typing));
        DateTimeOffset? typingUntil = typing is not null && now - typing.At < TypingShows
            && !messages.Any(m => m.From == ChatMessage.Business && m.At >= typing.At)
            ? typing.At + TypingShows
            : null;
        return new ChatView(
            user.Key,
            user.Name,
            [.. messages.Select(m => m.From == ChatMessage.User ? m with { ReadByBusiness = m.At <= readUpTo } : m)],
            typingUntil);
    }
}
