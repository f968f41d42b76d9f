using System.Text.Json;

namespace TemporalBridge.Sandbox.Vcita;

// What the emulator stores. Wire shapes are separate (Channels/CommunicationWire.cs); ToView() maps between them.

/// <summary>A VCS channel; <see cref="AppClientId"/> is the app that created it, and the one vcita calls back.</summary>
public sealed record VcitaChannel(
    string Uid, string BusinessUid, string Type, string DisplayName, string Status, string AppClientId, DateTimeOffset CreatedAt)
{
    public ChannelView ToView() => new(Uid, BusinessUid, Type, DisplayName, Status);

    public ChannelEntity ToEntity() => new(Uid, Status, DisplayName);
}

/// <param name="AiStatus">Whether vcita's AI receptionist owns the conversation: <see cref="VcitaRules.AiStatuses"/>.</param>
public sealed record VcitaSession(
    string Uid, string BusinessUid, string ChannelUid, string ContactUid, string ExternalUid, string Status, string AiStatus, DateTimeOffset CreatedAt)
{
    public SessionView ToView() => new(Uid, BusinessUid, ChannelUid, ContactUid, ExternalUid, Status, AiStatus);

    public SessionEntity ToEntity() => new(Uid, Status, AiStatus);
}

/// <summary>A message in a channel; <see cref="MessageUid"/> is the sender's id, unique per channel.</summary>
public sealed record VcitaMessage(
    string Uid,
    string ChannelUid,
    string MessageUid,
    string ExternalUid,
    string Text,
    string? ContactUid,
    string Direction,
    string? CreatedAt,
    JsonElement? Attachments,
    string Status,
    DateTimeOffset ReceivedAt)
{
    public MessageView ToView() =>
        new(Uid, ChannelUid, MessageUid, ExternalUid, Text, ContactUid, Direction, CreatedAt, Attachments, Status);

    public MessageEntity ToEntity() => new(Uid, Status);
}

/// <summary>A status change an app asked for (PUT channel/session/message, DELETE channel/session), in arrival order.</summary>
public sealed record StatusUpdateReceived(string Kind, string Uid, string Status, string? ChannelUid, DateTimeOffset At);
