using TemporalBridge.Providers;

namespace TemporalBridge.Deliveries;

/// <summary>One client message to hand to vcita, and the conversation it belongs to.</summary>
/// <param name="ExternalUid">The conversation's id at vcita: its session workflow's id.</param>
public sealed record InboundDeliveryInput(
    string Provider,
    string AccountId,
    string BusinessUid,
    string ChannelUid,
    string ExternalUid,
    string ContactUid,
    InboundMessage Message)
{
    /// <summary>Who wrote it (<see cref="ClientIdentity.Id"/>): where a provider marks a person's messages read rather
    /// than one message (Messenger), the read receipt goes to them. Null in deliveries started before it was given.</summary>
    public string? ClientId { get; init; }
}

/// <summary>How a delivery ended: <paramref name="State"/> is a <see cref="DeliveryStates"/> value;
/// <paramref name="VcitaStatus"/> the message's last status in vcita.</summary>
public sealed record InboundDeliveryResult(string State, string MessageUid, string VcitaStatus, int Attempts);

/// <summary><c>POST /messages</c> of one client message, with the business's token.</summary>
public sealed record PostInboundMessage(
    string BusinessUid,
    string ChannelUid,
    string ExternalUid,
    string ContactUid,
    string MessageUid,
    InboundMessage Message);

/// <summary>Tells the client their message was read.</summary>
public sealed record MarkReadRequest(string Provider, string AccountId, ClientMessageRef? Message)
{
    /// <summary>The message's id alone, as requests scheduled before <see cref="Message"/> carried it.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>The message, from either shape.</summary>
    public ClientMessageRef Read => Message ?? new ClientMessageRef("", ProviderMessageId);
}
