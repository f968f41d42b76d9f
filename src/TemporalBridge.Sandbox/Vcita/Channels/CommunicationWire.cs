using System.Text.Json;
using System.Text.Json.Serialization;

namespace TemporalBridge.Sandbox.Vcita;

// The Communication Service's wire shapes, as vcita publishes them: vcita/developers-hub
// swagger/communication/legacy/communication.json (cited below as "communication.json"), and where that spec is
// silent, vcita's own API tests (api-validation/workflows/communication/*.md). snake_case on the wire.

/// <summary><c>POST /channels</c>: communication.json definitions.CreateChannelDto (required: business_uid, type).</summary>
public sealed record CreateChannelRequest(string? BusinessUid, string? Type, string? DisplayName) : IVcitaRequest
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Undocumented { get; set; }

    public void Validate(VcitaValidation check)
    {
        check.BusinessUid("business_uid", BusinessUid);
        if (check.Required("type", Type))
        {
            check.OneOf("type", Type, VcitaRules.ChannelTypes);
        }
    }
}

/// <summary>
/// <c>PUT /channels/{uid}</c>: communication.json documents no body at all; vcita's own test sends
/// <c>{status, display_name, open_channel}</c> (put_business_communication_channels_uid.md), so those three are accepted.
/// </summary>
public sealed record UpdateChannelRequest(string? Status, string? DisplayName, bool? OpenChannel) : IVcitaRequest
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Undocumented { get; set; }

    public void Validate(VcitaValidation check) => check.OneOf("status", Status, VcitaRules.ChannelStatuses);
}

/// <summary><c>POST /sessions</c>: communication.json definitions.CreateSessionDto (all four required).</summary>
public sealed record CreateSessionRequest(string? BusinessUid, string? ChannelUid, string? ContactUid, string? ExternalUid) : IVcitaRequest
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Undocumented { get; set; }

    public void Validate(VcitaValidation check)
    {
        check.BusinessUid("business_uid", BusinessUid);
        check.Required("channel_uid", ChannelUid);
        check.Required("contact_uid", ContactUid);
        check.Required("external_uid", ExternalUid);
    }
}

/// <summary>
/// <c>PUT /sessions/{uid}</c>: communication.json definitions.UpdateSessionDto. Its <c>ai_status</c> is for vcita's AI
/// receptionist only ("source channel apps must not send ai_status"), so an app sending it is refused; with it gone,
/// <c>status</c> is all an app can send and is required here.
/// </summary>
public sealed record UpdateSessionRequest(string? Status, string? AiStatus) : IVcitaRequest
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Undocumented { get; set; }

    public void Validate(VcitaValidation check)
    {
        if (check.Required("status", Status))
        {
            check.OneOf("status", Status, VcitaRules.SessionUpdateStatuses);
        }

        if (AiStatus is not null)
        {
            check.Fail(VcitaErrorCodes.Invalid, "ai_status is set by vcita's AI receptionist, not by a source channel app");
        }
    }
}

/// <summary>
/// <c>POST /messages</c>: communication.json definitions.CreateMessageDto (required: external_uid, message,
/// message_uid, channel_uid; attachments are untyped objects; contact_data maps names to strings).
/// </summary>
public sealed record CreateMessageRequest(
    string? ChannelUid,
    string? ExternalUid,
    string? Message,
    string? MessageUid,
    string? ContactUid,
    string? Direction,
    string? CreatedAt,
    JsonElement? Attachments,
    JsonElement? ContactData) : IVcitaRequest
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Undocumented { get; set; }

    public void Validate(VcitaValidation check)
    {
        check.Required("channel_uid", ChannelUid);
        check.Required("external_uid", ExternalUid);
        check.Required("message", Message);
        check.Required("message_uid", MessageUid);
        check.MaxLength("message_uid", MessageUid, VcitaRules.MaxMessageUidLength);
        check.OneOf("direction", Direction, VcitaRules.MessageDirections);
        check.CreatedAt("created_at", CreatedAt);
        if (Attachments is { ValueKind: not JsonValueKind.Null } attachments
            && (attachments.ValueKind != JsonValueKind.Array || attachments.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.Object)))
        {
            check.Fail(VcitaErrorCodes.Invalid, "attachments is invalid: it must be an array of objects");
        }

        if (ContactData is { ValueKind: not JsonValueKind.Null } data
            && (data.ValueKind != JsonValueKind.Object || data.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String)))
        {
            check.Fail(VcitaErrorCodes.Invalid, "contact_data is invalid: it must be an object of strings");
        }
    }
}

/// <summary><c>PUT /messages/{messageUid}</c>: communication.json definitions.UpdateMessageDto (both required, nothing else).</summary>
public sealed record UpdateMessageRequest(string? Status, string? ChannelUid) : IVcitaRequest
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Undocumented { get; set; }

    public void Validate(VcitaValidation check)
    {
        if (check.Required("status", Status))
        {
            check.OneOf("status", Status, VcitaRules.MessageStatuses);
        }

        check.Required("channel_uid", ChannelUid);
    }
}

// What the Communication Service answers: exactly the documented fields, so nothing can come to rely on more.

/// <summary>communication.json definitions.ChannelResponseEntity (uid, status, display_name; all required).</summary>
public sealed record ChannelEntity(string Uid, string Status, string DisplayName);

/// <summary>communication.json definitions.SessionResponse (uid, status, ai_status; all required).</summary>
public sealed record SessionEntity(string Uid, string Status, string AiStatus);

/// <summary>communication.json definitions.MessageResponseEntity (uid, status; both required).</summary>
public sealed record MessageEntity(string Uid, string Status);

/// <summary>definitions.ChannelResponseDto.</summary>
public sealed record ChannelData(ChannelEntity Channel);

/// <summary>definitions.SessionResponseDto.</summary>
public sealed record SessionData(SessionEntity Session);

/// <summary>definitions.MultiSessionResponseDto.</summary>
public sealed record SessionsData(IReadOnlyList<SessionEntity> Sessions);

/// <summary>definitions.MessageResponseDto.</summary>
public sealed record MessageData(MessageEntity Message);

// What the control API shows of the emulator's state: everything it holds, for tests and people.

public sealed record ChannelView(string Uid, string BusinessUid, string Type, string DisplayName, string Status);

public sealed record SessionView(
    string Uid, string BusinessUid, string ChannelUid, string ContactUid, string ExternalUid, string Status, string AiStatus);

public sealed record MessageView(
    string Uid,
    string ChannelUid,
    string MessageUid,
    string ExternalUid,
    string Message,
    string? ContactUid,
    string Direction,
    string? CreatedAt,
    JsonElement? Attachments,
    string Status);
