using System.Text.Json;

namespace TemporalBridge.Sandbox.Vcita;

// VCS wire shapes (facts sheet, "calls the bridge makes"); snake_case on the wire.

public sealed record CreateChannelRequest(string? BusinessUid, string? Type, string? DisplayName) : IVcitaRequest
{
    public void Validate(VcitaValidation check)
    {
        check.BusinessUid("business_uid", BusinessUid);
        if (check.Required("type", Type))
        {
            check.OneOf("type", Type, VcitaRules.ChannelTypes);
        }

        check.Required("display_name", DisplayName);
    }
}

/// <summary>vcita does not document this body; status and display_name are what the seed sends.</summary>
public sealed record UpdateChannelRequest(string? Status, string? DisplayName) : IVcitaRequest
{
    public void Validate(VcitaValidation check)
    {
        if (Status is null && DisplayName is null)
        {
            check.Fail(VcitaErrorCodes.MissingField, "status or display_name is required");
        }

        check.OneOf("status", Status, VcitaRules.ChannelStatuses);
    }
}

public sealed record CreateSessionRequest(string? BusinessUid, string? ChannelUid, string? ContactUid, string? ExternalUid) : IVcitaRequest
{
    public void Validate(VcitaValidation check)
    {
        check.BusinessUid("business_uid", BusinessUid);
        check.Required("channel_uid", ChannelUid);
        check.Required("contact_uid", ContactUid);
        check.Required("external_uid", ExternalUid);
    }
}

public sealed record UpdateSessionRequest(string? Status) : IVcitaRequest
{
    public void Validate(VcitaValidation check)
    {
        if (check.Required("status", Status))
        {
            check.OneOf("status", Status, VcitaRules.SessionUpdateStatuses);
        }
    }
}

public sealed record TypingRequest(string? SessionUid, bool? Typing) : IVcitaRequest
{
    public void Validate(VcitaValidation check)
    {
        check.Required("session_uid", SessionUid);
        check.Required("typing", Typing);
    }
}

public sealed record CreateMessageRequest(
    string? ChannelUid,
    string? ExternalUid,
    string? Message,
    string? MessageUid,
    string? ContactUid,
    string? Direction,
    string? CreatedAt,
    JsonElement? Attachments) : IVcitaRequest
{
    public void Validate(VcitaValidation check)
    {
        check.Required("channel_uid", ChannelUid);
        check.Required("external_uid", ExternalUid);
        check.Required("message", Message);
        check.Required("message_uid", MessageUid);
        check.MaxLength("message_uid", MessageUid, VcitaRules.MaxMessageUidLength);
        check.OneOf("direction", Direction, VcitaRules.MessageDirections);
        check.CreatedAt("created_at", CreatedAt);
        if (Attachments is { ValueKind: not JsonValueKind.Array and not JsonValueKind.Null })
        {
            check.Fail(VcitaErrorCodes.Invalid, "attachments is invalid: it must be an array");
        }
    }
}

/// <param name="ErrorMessage">Optional, with <c>error</c>: why, for staff (the bridge's assumption of an error-reason field).</param>
public sealed record UpdateMessageRequest(string? Status, string? ChannelUid, string? ErrorMessage = null) : IVcitaRequest
{
    public void Validate(VcitaValidation check)
    {
        if (check.Required("status", Status))
        {
            check.OneOf("status", Status, VcitaRules.MessageStatuses);
        }

        check.Required("channel_uid", ChannelUid);
    }
}

public sealed record ChannelView(string Uid, string BusinessUid, string Type, string DisplayName, string Status);

public sealed record SessionView(string Uid, string BusinessUid, string ChannelUid, string ContactUid, string ExternalUid, string Status);

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

public sealed record ChannelData(ChannelView Channel);

public sealed record SessionData(SessionView Session);

public sealed record SessionsData(IReadOnlyList<SessionView> Sessions);

public sealed record MessageData(MessageView Message);

public sealed record TypingData(string SessionUid, bool Typing);
