using System.Globalization;
using System.Text;

namespace TemporalBridge.Vcita;

// Wire types of vcita's Communication Service, as vcita publishes them: vcita/developers-hub
// swagger/communication/legacy/communication.json ("communication.json" below), and where that is silent, vcita's own
// API tests (api-validation/workflows/communication/*.md). Requests carry only fields the spec names. JSON names come
// from VcitaJsonContext's snake_case policy (BusinessUid → business_uid). Responses are what is inside the
// envelope's `data`: the handler unwraps it. Statuses stay strings: vcita's lists are longer than the seed's and
// may grow; mapping them to the bridge's own types happens next to the workflows, not here.

/// <summary><c>POST /channels</c>: definitions.CreateChannelDto. <paramref name="Type"/>: <see cref="VcsChannelTypes"/>.</summary>
public sealed record VcsCreateChannelRequest(string BusinessUid, string Type, string DisplayName);

/// <summary><c>PUT /channels/{uid}</c>: communication.json documents no body; vcita's own API test sends
/// <c>{status, display_name, open_channel}</c> (put_business_communication_channels_uid.md). The bridge sends only the
/// name staff pick the channel by, to tell them when it needs reconnecting.</summary>
public sealed record VcsRenameChannelRequest(string DisplayName);

public static class VcsChannelTypes
{
    public const string Transactional = "transactional";
    public const string Promotional = "promotional";
}

/// <summary>The <c>data</c> of <c>POST /channels</c>: definitions.ChannelResponseDto.</summary>
public sealed record VcsChannelData(VcsChannel Channel);

/// <summary>definitions.ChannelResponseEntity. Status: pending, active, inactive, blocked, deleted, error.</summary>
public sealed record VcsChannel(string Uid, string Status, string? DisplayName = null);

/// <summary><c>POST /sessions</c>: definitions.CreateSessionDto, every field required.</summary>
public sealed record VcsCreateSessionRequest(string BusinessUid, string ChannelUid, string ContactUid, string ExternalUid);

/// <summary><c>PUT /sessions/{uid}</c>: definitions.UpdateSessionDto's <c>status</c> (active, inactive, deleted). Its
/// <c>ai_status</c> is vcita's AI receptionist's to set ("source channel apps must not send ai_status").</summary>
public sealed record VcsUpdateSessionRequest(string Status);

/// <summary>The <c>data</c> of <c>POST /sessions</c> and <c>PUT /sessions/{uid}</c>: definitions.SessionResponseDto.</summary>
public sealed record VcsSessionData(VcsSession Session);

/// <summary>The <c>data</c> of <c>GET /sessions</c>: definitions.MultiSessionResponseDto.</summary>
public sealed record VcsSessionsData(IReadOnlyList<VcsSession> Sessions);

/// <summary>
/// definitions.SessionResponse, which documents exactly these three. Status: pending, active, inactive, deleted,
/// failed. <paramref name="AiStatus"/> (<see cref="VcsAiStatuses"/>): whether vcita's AI receptionist owns the
/// conversation; required by the spec, read as optional so an older vcita without it still works.
/// </summary>
public sealed record VcsSession(string Uid, string Status, string? AiStatus = null);

/// <summary>definitions.SessionResponse.properties.ai_status.enum.</summary>
public static class VcsAiStatuses
{
    /// <summary>The AI receptionist does not own the session.</summary>
    public const string None = "none";

    /// <summary>Inbound messages go to the AI receptionist.</summary>
    public const string Intercepted = "ai_intercepted";

    /// <summary>The AI handed the session back.</summary>
    public const string Released = "ai_released";

    public static readonly IReadOnlyList<string> All = [None, Intercepted, Released];
}

/// <summary>
/// <c>POST /messages</c>: definitions.CreateMessageDto. <paramref name="MessageUid"/> is the bridge's id for the message (at most 255 characters,
/// unique per channel); vcita reports the message's later statuses with it. The text is never printed: see
/// <see cref="PrintMembers"/>.
/// </summary>
public sealed record VcsCreateMessageRequest(string ChannelUid, string ExternalUid, string Message, string MessageUid)
{
    public const int MaxMessageUidLength = 255;

    /// <summary>vcita's format for <see cref="CreatedAt"/>, "YYYY-MM-DD HH:MM:SS" (UTC assumed).</summary>
    public const string CreatedAtFormat = "yyyy-MM-dd HH:mm:ss";

    public string? ContactUid { get; init; }

    /// <summary><see cref="VcsMessageDirections"/>.</summary>
    public string? Direction { get; init; }

    /// <summary>Formatted with <see cref="FormatCreatedAt"/>.</summary>
    public string? CreatedAt { get; init; }

    public IReadOnlyList<VcsAttachment>? Attachments { get; init; }

    public static string FormatCreatedAt(DateTimeOffset time) =>
        time.UtcDateTime.ToString(CreatedAtFormat, CultureInfo.InvariantCulture);

    // Message text must not reach logs, even when someone logs the whole request.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"ChannelUid = {ChannelUid}, ExternalUid = {ExternalUid}, MessageUid = {MessageUid}, Direction = {Direction}, " +
            $"Message = [{Message.Length} chars], Attachments = {Attachments?.Count ?? 0}");
        return true;
    }
}

public static class VcsMessageDirections
{
    public const string ClientToBusiness = "client_to_business";
    public const string BusinessToClient = "business_to_client";
}

/// <summary>
/// One attachment of a message. Assumption: the spec types <c>attachments[]</c> as plain objects with no fields
/// named; these are the usual ones and get corrected when vcita's shape is known. No caller sends one yet.
/// </summary>
public sealed record VcsAttachment(string Url, string? ContentType = null, string? FileName = null);

/// <summary>
/// <c>PUT /messages/{messageUid}</c>: definitions.UpdateMessageDto, both required and nothing else. A failure's
/// reason has no field here, so it stays on the bridge's side (the delivery's state, its search attributes, the
/// admin API).
/// </summary>
public sealed record VcsUpdateMessageRequest(string Status, string ChannelUid);

/// <summary>The <c>data</c> of <c>POST /messages</c>: definitions.MessageResponseDto.</summary>
public sealed record VcsMessageData(VcsMessage Message);

/// <summary>definitions.MessageResponseEntity. Status: pending, channel_pending, sent, received, read, error, unavailable.</summary>
public sealed record VcsMessage(string Uid, string Status);
