using TemporalBridge.Conversations;

namespace TemporalBridge.Deliveries;

/// <summary>A staff member's message for the client, as vcita posted it (<c>POST /vcita/messages</c>).</summary>
/// <param name="MessageUid">vcita's id of the message, unique per channel: the delivery's key and how its statuses
/// are reported back.</param>
/// <param name="ChannelUid">The VCS channel the message was written in.</param>
public sealed record StaffMessage(string MessageUid, string ChannelUid, string Text);

/// <summary>One staff message to send to a client, and the conversation it belongs to.</summary>
/// <param name="SessionWorkflowId">The conversation (its session workflow).</param>
/// <param name="Client">Whom to send it to, as the provider knows them.</param>
public sealed record OutboundDeliveryInput(
    string Provider,
    string AccountId,
    string BusinessUid,
    string SessionWorkflowId,
    ClientIdentity Client,
    StaffMessage Message);

/// <summary>How a delivery ended: <paramref name="State"/> is a <see cref="DeliveryStates"/> value;
/// <paramref name="VcitaStatus"/> the last status vcita was given.</summary>
public sealed record OutboundDeliveryResult(string State, string MessageUid, string ProviderMessageId, string VcitaStatus, int Attempts);

/// <summary>Sends a staff message's text to the client (or, outside the provider's window, the channel's template).</summary>
public sealed record SendToClient(string Provider, string AccountId, ClientIdentity Client, string Text);

/// <summary>What the provider accepted: its id of the new message, and whether it was the template.</summary>
public sealed record SentToClient(string ProviderMessageId, bool AsTemplate, int Attempt);

/// <summary>A provider status of a message the bridge sent (see <see cref="DeliveryStatusEvent"/>).</summary>
public sealed record ProviderStatusReport(string ProviderMessageId, ProviderDeliveryStatus Status, DateTimeOffset At, ProviderError? Error = null);

/// <summary><c>PUT /messages/{message_uid}</c>: a staff message's status.</summary>
public sealed record VcitaStatusUpdate(string BusinessUid, string ChannelUid, string MessageUid, string Status);

/// <summary>What an operator sees of an outbound delivery (its query).</summary>
/// <param name="State">A <see cref="DeliveryStates"/> value.</param>
/// <param name="Reason">Why it is retrying or failed, in words.</param>
public sealed record OutboundDeliveryView(string State, string? ProviderMessageId, string VcitaStatus, int Attempts, string? Reason);
