using System.Globalization;
using System.Text;

namespace TemporalBridge.Vcita;

// Wire types of vcita's Communication Service, as the facts sheet (docs/vcita-api.md) names them. JSON names come
// from VcitaJsonContext's snake_case policy (BusinessUid → business_uid). Responses are what is inside the
// envelope's `data`: the handler unwraps it. Statuses stay strings: vcita's lists are longer than the seed's and
// may grow; mapping them to the bridge's own types happens next to the workflows, not here.

/// <summary><c>POST /channels</c>. <paramref name="Type"/>: <see cref="VcsChannelTypes"/>.</summary>
public sealed record VcsCreateChannelRequest(string BusinessUid, string Type, string DisplayName);

public static class VcsChannelTypes
{
    public const string Transactional = "transactional";
    public const string Promotional = "promotional";
}

/// <summary><c>PUT /channels/{uid}</c>: the body is undocumented; what is null is left out.</summary>
public sealed record VcsUpdateChannelRequest(string? Status = null, string? DisplayName = null);

/// <summary>The <c>data</c> of <c>POST /channels</c>.</summary>
public sealed record VcsChannelData(VcsChannel Channel);

/// <summary>Status: pending, active, inactive, blocked, deleted, error.</summary>
public sealed record VcsChannel(string Uid, string Status, string? DisplayName = null);

/// <summary><c>POST /sessions</c>: every field is required.</summary>
public sealed record VcsCreateSessionRequest(string BusinessUid, string ChannelUid, string ContactUid, string ExternalUid);

/// <summary><c>PUT /sessions/{uid}</c>. Status: active, inactive, deleted.</summary>
public sealed record VcsUpdateSessionRequest(string Status);

/// <summary><c>POST /sessions/typing</c>.</summary>
public sealed record VcsTypingRequest(string SessionUid, bool Typing);

/// <summary>The <c>data</c> of <c>POST /sessions</c>.</summary>
public sealed record VcsSessionData(VcsSession Session);

/// <summary>The <c>data</c> of <c>GET /sessions</c>.</summary>
public sealed record VcsSessionsData(IReadOnlyList<VcsSession> Sessions);

/// <summary>Status: pending, active, inactive, deleted, failed. The other fields are filled when vcita sends them.</summary>
public sealed record VcsSession(
    string Uid,
    string Status,
    string? ChannelUid = null,
    string? ContactUid = null,
    string? ExternalUid = null);

/// <summary>
/// <c>POST /messages</c>. <paramref name="MessageUid"/> is the bridge's id for the message (at most 255 characters,
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
/// One attachment of a message. Assumption: the facts sheet names <c>attachments[]</c> but not its fields; these
/// are the usual ones and get corrected when vcita's shape is known.
/// </summary>
public sealed record VcsAttachment(string Url, string? ContentType = null, string? FileName = null);

/// <summary><c>PUT /messages/{message_uid}</c>.</summary>
public sealed record VcsUpdateMessageRequest(string Status, string ChannelUid)
{
    /// <summary>With <c>error</c>: why, for staff to read. vcita documents only status and channel_uid; this field is
    /// our assumption (see the README), and omitted when null.</summary>
    public string? ErrorMessage { get; init; }
}

/// <summary>The <c>data</c> of <c>POST /messages</c>.</summary>
public sealed record VcsMessageData(VcsMessage Message);

/// <summary>Status: pending, channel_pending, sent, received, read, error, unavailable.</summary>
public sealed record VcsMessage(string Uid, string Status);
