using TemporalBridge.Providers;

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
    StaffMessage Message)
{
    /// <summary>A rejected token makes the delivery wait for its channel to be connected again (up to a week) rather than
    /// retry every half hour and give up after a day. False in deliveries started before channels could need
    /// reconnection: they keep the rules their histories were made with.</summary>
    public bool WaitsForReconnection { get; init; }
}

/// <summary>How a delivery ended: <paramref name="State"/> is a <see cref="DeliveryStates"/> value;
/// <paramref name="VcitaStatus"/> the last status vcita was given.</summary>
public sealed record OutboundDeliveryResult(string State, string MessageUid, string ProviderMessageId, string VcitaStatus, int Attempts)
{
    /// <summary>What the provider said the message costs, when it said.</summary>
    public MessagePricing? Pricing { get; init; }
}

/// <summary>Sends a staff message's text to the client (or, outside the provider's window, the channel's template).</summary>
/// <param name="Text">The whole text: the activity cuts it into the provider's <see cref="TextParts"/>.</param>
/// <param name="Sent">The status to give vcita once the provider has accepted the message (<c>sent</c>): told by the
/// send itself, so no status of the provider's has to be waited for, and none costs a signal, to say it.</param>
public sealed record SendToClient(string Provider, string AccountId, ClientIdentity Client, string Text, VcitaStatusUpdate? Sent = null)
{
    /// <summary>Which of the text's parts this call sends, from 0.</summary>
    public int Part { get; init; }
}

/// <summary>What the provider accepted: its id of the new message, and whether it was the template.</summary>
/// <param name="VcitaToldSent">Whether vcita was told <c>sent</c> with the send: when it could not be (vcita away), the
/// delivery reports the provider's statuses as they come instead.</param>
public sealed record SentToClient(string ProviderMessageId, bool AsTemplate, int Attempt, bool VcitaToldSent = false)
{
    /// <summary>How many parts the text goes in (1 unless it is longer than the provider allows).</summary>
    public int Parts { get; init; } = 1;

    /// <summary>When it went: just before the provider was called, so a watermark receipt of the provider's (whose
    /// clock stamps the message later) covers it.</summary>
    public DateTimeOffset? SentAt { get; init; }
}

/// <summary>A provider status of a message the bridge sent (see <see cref="DeliveryStatusEvent"/>).</summary>
public sealed record ProviderStatusReport(string ProviderMessageId, ProviderDeliveryStatus Status, DateTimeOffset At, ProviderError? Error = null)
{
    /// <summary>What the provider says the message costs, when this status says it.</summary>
    public MessagePricing? Pricing { get; init; }
}

/// <summary><c>PUT /messages/{message_uid}</c>: a staff message's status.</summary>
public sealed record VcitaStatusUpdate(string BusinessUid, string ChannelUid, string MessageUid, string Status);

/// <summary>What an operator sees of an outbound delivery (its query).</summary>
/// <param name="State">A <see cref="DeliveryStates"/> value.</param>
/// <param name="Reason">Why it is retrying or failed, in words: vcita is given only the status, so this is where it is.</param>
/// <param name="Pricing">What the provider said the message costs, once it has.</param>
public sealed record OutboundDeliveryView(
    string State, string? ProviderMessageId, string VcitaStatus, int Attempts, string? Reason, MessagePricing? Pricing = null);
