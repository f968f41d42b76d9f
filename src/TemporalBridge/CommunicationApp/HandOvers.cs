
namespace TemporalBridge.CommunicationApp;

/// <summary>
/// What became of a vcita event the API tried to hand to the workflow that owns it: accepted (Temporal has it, so
/// the API may answer 2xx), or nobody here owns the uid it names (404 naming that field). Temporal being unreachable
/// is neither: it is thrown, and answered 503 so vcita sends the event again.
/// </summary>
public readonly record struct HandOver(string? UnknownField, string? UnknownUid)
{
    public static HandOver Accepted => default;

    public bool IsAccepted => UnknownField is null;

    /// <summary>Nothing of this bridge answers to <paramref name="uid"/>, named by the request field that carried it.</summary>
    public static HandOver Unknown(string field, string uid) => new(field, uid);
}

// One small interface per route of the communication-app interface, each implemented by the feature that owns the
// route (sessions, deliveries, typing). The API depends only on these, so the endpoints, their authentication and
// their validation do not change when a feature's workflows do.

/// <summary>Hands <c>PUT /vcita/sessions/{session_uid}</c> to the session's workflow.</summary>
public interface ISessionStatusHandOver
{
    Task<HandOver> HandOverAsync(string sessionUid, SessionStatusBody update, CancellationToken cancellationToken);
}

/// <summary>Hands <c>POST /vcita/messages</c> (a staff member's message) to the conversation it belongs to.</summary>
public interface IStaffMessageHandOver
{
    Task<HandOver> HandOverAsync(StaffMessageBody message, CancellationToken cancellationToken);
}

/// <summary>Hands <c>PUT /vcita/messages/{message_uid}</c> to the delivery of that message.</summary>
public interface IMessageStatusHandOver
{
    Task<HandOver> HandOverAsync(string messageUid, MessageStatusBody update, CancellationToken cancellationToken);
}

/// <summary>Relays <c>POST /vcita/sessions/{session_uid}/typing</c> straight to the client's provider: typing is
/// seconds-long and best effort, so it is the one vcita event that is not handed to a workflow.</summary>
public interface IStaffTypingRelay
{
    Task<HandOver> RelayAsync(string sessionUid, TypingBody typing, CancellationToken cancellationToken);
}
