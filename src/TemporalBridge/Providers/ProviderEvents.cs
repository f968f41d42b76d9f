namespace TemporalBridge.Providers;

// What a messaging provider's webhooks mean, in the provider-neutral words the workflows speak: a client wrote, a
// message the bridge sent changed status. Each provider (WhatsApp today, Messenger next) turns
// its own payloads into these; nothing past this point knows a provider's wire format.

/// <summary>A client as the provider knows them.</summary>
/// <param name="Id">What the conversation is keyed by, per provider account: WhatsApp's <c>wa_id</c>, or its
/// business-scoped user id when no <c>wa_id</c> is given; a Messenger PSID.</param>
/// <param name="Phone">E.164 digits with a leading '+', when the provider tells the number.</param>
/// <param name="Name">The client's profile name (or, without one, their username), when the provider tells it.</param>
public sealed record ClientIdentity(string Id, string? Phone, string? Name)
{
    /// <summary>The provider's business-scoped id of the client, when it gives one beside <see cref="Id"/> (WhatsApp's
    /// <c>user_id</c>): the same person may later come under it alone.</summary>
    public string? UserId { get; init; }

    /// <summary>The id of the client across the business's linked accounts (WhatsApp's <c>parent_user_id</c>), when given.</summary>
    public string? ParentUserId { get; init; }

    /// <summary>Every id the client is known by here: <see cref="Id"/> first.</summary>
    public IEnumerable<string> Ids() => new[] { Id, UserId }.OfType<string>().Distinct(StringComparer.Ordinal);
}

/// <summary>One message of a conversation the provider reports, already readable as text.</summary>
/// <param name="ProviderMessageId">The provider's id of the message (WhatsApp: <c>wamid.…</c>).</param>
/// <param name="SentAt">When it was sent, by the provider's clock.</param>
/// <param name="Text">What staff read in vcita. Until attachments are supported, media, locations, contacts,
/// reactions and the like are described in words here, so nothing is silently dropped.</param>
/// <param name="ReplyToProviderMessageId">The earlier message this one quotes, if any.</param>
public sealed record InboundMessage(string ProviderMessageId, DateTimeOffset SentAt, string Text, string? ReplyToProviderMessageId = null)
{
    /// <summary>The earlier message this one edits or deletes (its provider id), when it does.</summary>
    public string? Amends { get; init; }

    /// <summary>The business sent it, from outside the bridge (WhatsApp: its Business app on the same number): it
    /// reaches vcita as the business's message, not the client's.</summary>
    public bool FromBusiness { get; init; }

    /// <summary>A notice that the client now goes by another identity (WhatsApp: a new number or user id): the same
    /// person, whose conversation goes on.</summary>
    public ClientIdentity? NowKnownAs { get; init; }
}

/// <summary>One thing a provider's webhook reported, for one of the bridge's provider accounts.</summary>
/// <param name="Provider">The provider's name, as in <see cref="ProviderNames"/>.</param>
/// <param name="AccountId">The provider account the event is for (WhatsApp: the business phone number id).</param>
public abstract record ProviderEvent(string Provider, string AccountId);

/// <summary>A client wrote to the business.</summary>
public sealed record ClientMessageEvent(string Provider, string AccountId, ClientIdentity Client, InboundMessage Message)
    : ProviderEvent(Provider, AccountId);

/// <summary>A message the bridge sent to a client changed status at the provider.</summary>
/// <param name="ProviderMessageId">The provider's id of the bridge's outbound message.</param>
/// <param name="RecipientId">The client it was sent to, when the provider says.</param>
/// <param name="Error">Why it failed, when <paramref name="Status"/> is <see cref="ProviderDeliveryStatus.Failed"/>.</param>
public sealed record DeliveryStatusEvent(
    string Provider,
    string AccountId,
    string ProviderMessageId,
    ProviderDeliveryStatus Status,
    DateTimeOffset At,
    string? RecipientId,
    ProviderError? Error = null)
    : ProviderEvent(Provider, AccountId)
{
    /// <summary>The delivery that sent the message, when the provider hands back what the send gave it
    /// (WhatsApp's <c>biz_opaque_callback_data</c>); null for messages sent without it, or by another app.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>What the provider says the message costs, when it says it with this status.</summary>
    public MessagePricing? Pricing { get; init; }
}

/// <summary>Every message the business sent to a client up to a moment reached a status, without naming any
/// (Messenger's delivery and read watermarks): the conversation moves each earlier message forward.</summary>
/// <param name="ClientId">The client the messages went to (<see cref="ClientIdentity.Id"/>).</param>
/// <param name="Status"><see cref="ProviderDeliveryStatus.Delivered"/> or <see cref="ProviderDeliveryStatus.Read"/>.</param>
/// <param name="Watermark">Messages sent up to this moment, by the provider's clock, have the status.</param>
public sealed record ReceiptWatermarkEvent(string Provider, string AccountId, string ClientId, ProviderDeliveryStatus Status, DateTimeOffset Watermark)
    : ProviderEvent(Provider, AccountId);

/// <summary>
/// The provider took access to a group of accounts away (WhatsApp: a WhatsApp Business Account and its numbers):
/// every channel of the group needs reconnection, or disconnects. <see cref="ProviderEvent.AccountId"/> is the group.
/// </summary>
/// <param name="Report">What makes the report one, so the same report sent again is acted on once, e.g.
/// <c>PARTNER_APP_UNINSTALLED-1767225600</c>.</param>
public sealed record AccountGroupRevokedEvent(string Provider, string AccountId, string Report, Channels.AccessRevoked Revocation)
    : ProviderEvent(Provider, AccountId);

/// <summary>What a provider charges for a message, as it reports it (WhatsApp: a status's <c>pricing</c>).</summary>
/// <param name="Billable">Whether it is charged (WhatsApp marks this field deprecated in favour of <paramref name="Type"/>).</param>
/// <param name="Category">The provider's pricing category, e.g. <c>service</c>, <c>utility</c>, <c>marketing</c>.</param>
/// <param name="Type">How it is charged, e.g. <c>regular</c>, <c>free_customer_service</c>, <c>free_entry_point</c>.</param>
/// <param name="Model">The pricing model, e.g. <c>PMP</c> (per message).</param>
public sealed record MessagePricing(bool? Billable, string? Category, string? Type, string? Model);

/// <summary>Where an outbound message is at the provider. Statuses only move forward, in this order; <see cref="Failed"/>
/// can come at any point.</summary>
public enum ProviderDeliveryStatus
{
    Sent,
    Delivered,
    Read,
    Failed,
}

/// <summary>A provider's reason for a failure, as it gave it.</summary>
/// <param name="Code">The provider's error code (WhatsApp: e.g. "131026").</param>
/// <param name="Title">Its short description.</param>
/// <param name="Details">More detail, when given.</param>
public sealed record ProviderError(string Code, string Title, string? Details = null);
