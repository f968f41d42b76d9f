using System.Text.Json.Serialization;

using TemporalBridge.Hosting;

namespace TemporalBridge.CommunicationApp;

// The bodies vcita sends to the communication-app interface (docs/vcita-api.md, "vcita → app"). Property names are
// the wire's (for the API reference); each reads itself field by field so a wrong one is named in the 400.

/// <summary><c>PUT /vcita/channels/{channel_uid}</c>: vcita changed a channel's status.</summary>
public sealed record ChannelStatusBody(string Status) : IJsonRequest<ChannelStatusBody>
{
    public static ChannelStatusBody? Read(JsonFields fields) =>
        fields.RequiredString("status", WireRules.OneOf(WireRules.ChannelStatuses)) is { } status ? new(status) : null;
}

/// <summary>
/// <c>PUT /vcita/sessions/{session_uid}</c>: vcita changed (or confirmed) a session's status. <paramref name="AiStatus"/>,
/// when vcita sends it, says whether its AI receptionist owns the conversation — one of vcita's session fields
/// (communication.json definitions.SessionResponse); vcita documents no body for this call, so it is optional.
/// </summary>
public sealed record SessionStatusBody(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("ai_status")] string? AiStatus = null) : IJsonRequest<SessionStatusBody>
{
    public static SessionStatusBody? Read(JsonFields fields)
    {
        var status = fields.RequiredString("status", WireRules.OneOf(WireRules.SessionStatuses));
        var aiStatus = fields.OptionalString("ai_status", WireRules.OneOf(WireRules.AiStatuses));
        return status is null ? null : new(status, aiStatus);
    }
}

/// <summary><c>POST /vcita/messages</c>: a staff member wrote to a client.</summary>
/// <param name="ExternalUid">The conversation's id on the app's side, as the bridge gave it when creating the session.</param>
/// <param name="MessageUid">vcita's id of the message; its later status is reported back with it.</param>
/// <param name="Status">Optional: vcita's status of the message when it sent it.</param>
public sealed record StaffMessageBody(
    [property: JsonPropertyName("external_uid")] string ExternalUid,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("message_uid")] string MessageUid,
    [property: JsonPropertyName("channel_uid")] string ChannelUid,
    [property: JsonPropertyName("status")] string? Status)
    : IJsonRequest<StaffMessageBody>
{
    public static StaffMessageBody? Read(JsonFields fields)
    {
        // Every field is read before deciding, so one answer names all that are wrong.
        var externalUid = fields.RequiredString("external_uid", WireRules.ExternalId);
        var message = fields.RequiredString("message", WireRules.MessageText);
        var messageUid = fields.RequiredString("message_uid", WireRules.ExternalId);
        var channelUid = fields.RequiredString("channel_uid", WireRules.Uid);
        var status = fields.OptionalString("status", WireRules.OneOf(WireRules.MessageStatuses));
        return externalUid is null || message is null || messageUid is null || channelUid is null
            ? null
            : new(externalUid, message, messageUid, channelUid, status);
    }
}

/// <summary><c>PUT /vcita/messages/{message_uid}</c>: the status of a message the bridge handed to vcita.</summary>
public sealed record MessageStatusBody(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("channel_uid")] string ChannelUid) : IJsonRequest<MessageStatusBody>
{
    public static MessageStatusBody? Read(JsonFields fields)
    {
        var status = fields.RequiredString("status", WireRules.OneOf(WireRules.MessageStatuses));
        var channelUid = fields.RequiredString("channel_uid", WireRules.Uid);
        return status is null || channelUid is null ? null : new(status, channelUid);
    }
}

/// <summary><c>POST /vcita/sessions/{session_uid}/typing</c>: a staff member started or stopped typing.</summary>
public sealed record TypingBody(bool Typing) : IJsonRequest<TypingBody>
{
    public static TypingBody? Read(JsonFields fields) => fields.RequiredBoolean("typing") is { } typing ? new(typing) : null;
}
