using TemporalBridge.Deliveries;
using TemporalBridge.Providers;

namespace TemporalBridge.Sessions;

/// <summary>One client's conversation on one channel: who, and where in vcita.</summary>
/// <param name="AccountId">The provider account (WhatsApp phone number id) the client writes to.</param>
public sealed record SessionInput(string Provider, string AccountId, string BusinessUid, string ChannelUid, ClientIdentity Client)
{
    /// <summary>Set when the workflow continues as new: what the earlier runs learned and had not finished.</summary>
    public SessionCarry? Carried { get; init; }

    /// <summary>Set when this id is another name of a client whose conversation runs elsewhere: the conversation
    /// (its session workflow id) that messages arriving here are passed on to.</summary>
    public string? ForwardsTo { get; init; }
}

/// <summary>The conversation as the session workflow knows it; what its query answers.</summary>
/// <param name="BusinessUid">The business whose channel the client writes to, as the latest webhook found it.</param>
/// <param name="ChannelUid">That channel's VCS uid: a reconnected number gets a new channel, and a new session.</param>
/// <param name="ContactUid">The vcita client the messaging user maps to, once found or created.</param>
/// <param name="SessionUid">The VCS session, once created (or found).</param>
/// <param name="Status">The VCS session's status as vcita last reported it (<see cref="SessionStatus"/>).</param>
/// <param name="ActivationOverdue">vcita has not confirmed the session in the expected time: an operator should look.</param>
/// <param name="BlockedBy">Why the conversation cannot reach vcita right now (an error type), while it waits to try again.</param>
/// <param name="Waiting">Client messages not yet handed to vcita.</param>
/// <param name="StaffWaiting">Staff messages not yet sent to the client.</param>
/// <param name="LatestClientMessageId">The provider id of the client's latest message (by the provider's clock): what
/// a typing indicator or read receipt refers to.</param>
/// <param name="AiStatus">Whether vcita's AI receptionist owns the conversation (<see cref="Vcita.VcsAiStatuses"/>), as
/// vcita last said; null until it has.</param>
/// <param name="Client">The client as the conversation knows them now: a change of number or of user id moves it on.</param>
/// <param name="ForwardsTo">When this is another name of a client whose conversation runs elsewhere, that conversation:
/// what arrives here is passed on to it.</param>
public sealed record SessionState(
    string BusinessUid,
    string ChannelUid,
    string? ContactUid,
    string? SessionUid,
    string Status,
    bool ActivationOverdue = false,
    string? BlockedBy = null,
    int Waiting = 0,
    int StaffWaiting = 0,
    string? LatestClientMessageId = null,
    DateTimeOffset? LatestClientMessageAt = null,
    string? AiStatus = null,
    ClientIdentity? Client = null,
    string? ForwardsTo = null);

/// <summary>What a run hands to the next when it continues as new.</summary>
/// <param name="RecentMessageIds">Provider message ids seen lately, so a duplicate webhook is still recognised.</param>
public sealed record SessionCarry(
    SessionState State,
    IReadOnlyList<QueuedMessage> Queue,
    IReadOnlyList<string> RecentMessageIds,
    long NextArrival,
    IReadOnlyList<SessionStatusReport> Reports)
{
    /// <summary>Staff messages not yet sent, in order.</summary>
    public IReadOnlyList<StaffMessage> Outbound { get; init; } = [];

    /// <summary>Recent provider message ids sent by this conversation's deliveries, with those deliveries.</summary>
    public IReadOnlyList<SentMessage> RecentlySent { get; init; } = [];

    /// <summary>The client's ids that lead to this conversation: its own, and those it has made (or found) a
    /// conversation of another name for.</summary>
    public IReadOnlyList<string> KnownIds { get; init; } = [];

    /// <summary>The client's ids learnt but not yet given a conversation of their name.</summary>
    public IReadOnlyList<string> IdsToName { get; init; } = [];

    /// <summary>Batches to pass on to <see cref="SessionState.ForwardsTo"/>, not passed on yet.</summary>
    public IReadOnlyList<InboundBatch> Forwards { get; init; } = [];

    /// <summary>Sent staff messages a watermark receipt may still move forward.</summary>
    public IReadOnlyList<AwaitingReceipt> AwaitingReceipts { get; init; } = [];

    /// <summary>The furthest watermark receipt of each status so far.</summary>
    public IReadOnlyList<ReceiptWatermark> FurthestWatermarks { get; init; } = [];

    /// <summary>Watermark receipts not yet passed on to the messages they cover.</summary>
    public IReadOnlyList<ReceiptWatermark> Watermarks { get; init; } = [];
}

/// <summary>Client messages from one webhook, in the provider's order, with the channel the webhook found.</summary>
/// <param name="Client">Who sent them, as the webhook named them (its ids may be more than the conversation knows).</param>
public sealed record InboundBatch(string BusinessUid, string ChannelUid, IReadOnlyList<InboundMessage> Messages, ClientIdentity? Client = null)
{
    /// <summary>How many conversations of another name have passed it on: a bound, so a loop of forwards cannot carry
    /// a message forever.</summary>
    public int Hops { get; init; }
}

/// <summary>A client message waiting its turn; <paramref name="Arrival"/> breaks ties between equal timestamps.</summary>
public sealed record QueuedMessage(InboundMessage Message, long Arrival);

/// <summary>vcita told the bridge a session's status (its <c>PUT /sessions/{uid}</c> call), and who owns it when it said.</summary>
public sealed record SessionStatusReport(string SessionUid, string Status)
{
    public string? AiStatus { get; init; }
}

/// <summary>A delivery tells its session it has settled: the other side has the message, or the delivery gave up; the next
/// message in that direction may go.</summary>
/// <param name="DeliveryId">The delivery's workflow id.</param>
/// <param name="SentAs">For a staff message: the provider's id of what was sent, so that a provider status about it
/// can be traced to its delivery even when the cache has forgotten.</param>
public sealed record DeliverySettled(string DeliveryId, string? SentAs = null)
{
    /// <summary>For a staff message: when it went (just before the provider took it), which a watermark receipt
    /// compares with its watermark.</summary>
    public DateTimeOffset? SentAt { get; init; }
}

/// <summary>Finds or creates the vcita client for a messaging user.</summary>
public sealed record ContactRequest(string BusinessUid, string Provider, ClientIdentity Client)
{
    /// <summary>The provider account the client wrote to: where a provider's profile of them is asked for their name.
    /// Null in sessions started before it was given (they are then named by the fallback).</summary>
    public string? AccountId { get; init; }
}

/// <summary>Creates (or finds) the VCS session of one contact on one channel.</summary>
/// <param name="ExternalUid">The bridge's id of the conversation: the session workflow's id.</param>
public sealed record OpenSessionRequest(string BusinessUid, string ChannelUid, string ContactUid, string ExternalUid);

/// <summary>The VCS session, its status and its AI receptionist's hold on it when it was created or found.</summary>
public sealed record OpenedSession(string SessionUid, string Status, string? AiStatus = null);

/// <summary>Asks vcita to change a session's status (reactivation).</summary>
public sealed record SessionStatusChange(string BusinessUid, string SessionUid, string Status);
