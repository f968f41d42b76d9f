using System.Text.Json.Serialization;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.WhatsApp.Webhooks;

// Meta's webhook payload, as its webhook reference pages describe it (checked against the fixtures of the SDKs
// david-lev/pywa, tests/data/updates/*.json, and the types of Secreto31126/whatsapp-api-js, src/types.ts). Every
// member is nullable: what is required, and for which message type, is judged by WebhookParser, which can then name
// the missing field by its JSON path. Fields the bridge does not read are not declared, so Meta may add fields
// without breaking anything. The records read once per update (a value, a message, a status) have init-only
// properties rather than constructor parameters: the serializer fills constructor parameters through an argument
// cache it allocates and clears per object, which for a message's 28 members was more than a third of the time a
// single-message webhook takes to parse.

/// <summary><c>{"object": "whatsapp_business_account", "entry": [...]}</c>.</summary>
public sealed record WebhookPayload(string? Object, IReadOnlyList<WebhookEntry>? Entry);

/// <summary>
/// One entry's changes. Its <c>id</c> is not needed for messages (the phone number id in each change's metadata says
/// which channel a change is for); an <c>account_update</c> without <c>waba_info</c> names its account only here.
/// <c>time</c> (unix seconds) tells one account update from another of the same kind.
/// </summary>
public sealed record WebhookEntry(
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? Id,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? Time,
    IReadOnlyList<WebhookChange>? Changes);

/// <summary>
/// One change. <see cref="Value"/> only counts once <see cref="Field"/> says it is a <c>messages</c>,
/// <c>smb_message_echoes</c> or <c>account_update</c> change: other fields (template status, ...) have shapes of
/// their own that the bridge ignores.
/// </summary>
public sealed record WebhookChange(string? Field, ChangeValue? Value);

/// <summary>
/// The <c>value</c> of a <c>messages</c> change — users' messages, statuses of the business's messages, and errors
/// about the account itself (<c>errors</c>, which may come alone) — or of a <c>smb_message_echoes</c> change:
/// messages the business sent from the WhatsApp Business app on the same number (<c>message_echoes</c>).
/// </summary>
public sealed record MessagesValue
{
    public WebhookMetadata? Metadata { get; init; }

    public IReadOnlyList<WebhookContact>? Contacts { get; init; }

    public IReadOnlyList<WebhookMessage>? Messages { get; init; }

    public IReadOnlyList<WebhookStatus>? Statuses { get; init; }

    public IReadOnlyList<WebhookMessage>? MessageEchoes { get; init; }

    public IReadOnlyList<WebhookError>? Errors { get; init; }

    /// <summary>An <c>account_update</c>'s kind, e.g. <c>PARTNER_APP_UNINSTALLED</c>, <c>ACCOUNT_DELETED</c>.</summary>
    public string? Event { get; init; }

    /// <summary>An <c>account_update</c>'s account (given for the partner events).</summary>
    public WabaInfo? WabaInfo { get; init; }

    /// <summary>A <c>DISABLED_UPDATE</c>'s ban.</summary>
    public BanInfo? BanInfo { get; init; }
}

// account_update, as Meta's webhook reference for that field describes it (checked against pywa's
// tests/data/updates/account_update.json and pywa/types/account_update.py).

/// <summary>The WhatsApp Business Account an <c>account_update</c> is about, and the partner app it names.</summary>
public sealed record WabaInfo(
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? WabaId,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? PartnerAppId);

/// <summary>
/// A ban's state: <c>DISABLE</c>, <c>REINSTATE</c> or <c>SCHEDULE_FOR_DISABLE</c>. Meta's reference writes it as a
/// string; its older examples as an array of one: both are read (<see cref="WebhookParser"/>).
/// </summary>
public sealed record BanInfo(System.Text.Json.JsonElement? WabaBanState);

/// <summary>The business phone number the change is for.</summary>
public sealed record WebhookMetadata(string? DisplayPhoneNumber, string? PhoneNumberId);

/// <summary>
/// A user: <c>wa_id</c> (their phone, left out since 2026 when a user with a username does not share it), the
/// business-scoped <c>user_id</c>, and <c>parent_user_id</c> when the business has linked portfolios.
/// </summary>
public sealed record WebhookContact(WebhookProfile? Profile, string? WaId, string? UserId, string? ParentUserId);

/// <summary>A user's public profile: their name, and their WhatsApp username when they chose one.</summary>
public sealed record WebhookProfile(string? Name, string? Username);

/// <summary>
/// An inbound message (or, in <c>message_echoes</c>, one the business sent from the app: then <see cref="To"/> and
/// <see cref="ToUserId"/> name the user): the common fields, and the object named by <see cref="Type"/>.
/// </summary>
public sealed record WebhookMessage
{
    public string? From { get; init; }

    public string? FromUserId { get; init; }

    public string? FromParentUserId { get; init; }

    public string? To { get; init; }

    public string? ToUserId { get; init; }

    public string? GroupId { get; init; }

    public string? Id { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Timestamp { get; init; }

    public string? Type { get; init; }

    public MessageContext? Context { get; init; }

    public ReferralContent? Referral { get; init; }

    public TextContent? Text { get; init; }

    public MediaContent? Image { get; init; }

    public MediaContent? Video { get; init; }

    public MediaContent? Audio { get; init; }

    public MediaContent? Document { get; init; }

    public MediaContent? Sticker { get; init; }

    public LocationContent? Location { get; init; }

    public IReadOnlyList<SharedContact>? Contacts { get; init; }

    public InteractiveContent? Interactive { get; init; }

    public ButtonContent? Button { get; init; }

    public ReactionContent? Reaction { get; init; }

    public OrderContent? Order { get; init; }

    public EditContent? Edit { get; init; }

    public RevokeContent? Revoke { get; init; }

    public SystemContent? System { get; init; }

    public UnsupportedContent? Unsupported { get; init; }

    public IReadOnlyList<WebhookError>? Errors { get; init; }
}

/// <summary><c>id</c>: the message replied to; <c>forwarded</c>/<c>frequently_forwarded</c>: where it came from.</summary>
public sealed record MessageContext(string? From, string? Id, bool? Forwarded, bool? FrequentlyForwarded);

/// <summary>The Click-to-WhatsApp ad (or post) the user came from: beside the message's own content.</summary>
public sealed record ReferralContent(string? SourceUrl, string? SourceType, string? SourceId, string? Headline, string? Body);

public sealed record TextContent(string? Body);

/// <summary>Image, video, audio, document or sticker: only the words around the media are read for now.</summary>
public sealed record MediaContent(string? Id, string? MimeType, string? Caption, string? Filename, bool? Voice);

public sealed record LocationContent(double? Latitude, double? Longitude, string? Name, string? Address);

public sealed record SharedContact(SharedContactName? Name, IReadOnlyList<SharedContactPhone>? Phones);

public sealed record SharedContactName(string? FormattedName, string? FirstName, string? LastName);

public sealed record SharedContactPhone(string? Phone, string? WaId);

/// <summary><c>button_reply</c>, <c>list_reply</c>, or <c>nfm_reply</c> (the answer to a WhatsApp Flow).</summary>
public sealed record InteractiveContent(string? Type, ChosenReply? ButtonReply, ChosenReply? ListReply, FlowReply? NfmReply);

public sealed record ChosenReply(string? Id, string? Title, string? Description);

/// <summary>A Flow's answer: <see cref="ResponseJson"/> is a JSON object written as a string.</summary>
public sealed record FlowReply(string? Name, string? Body, string? ResponseJson);

/// <summary>A template's quick-reply button the user tapped.</summary>
public sealed record ButtonContent(string? Payload, string? Text);

/// <summary>An absent or empty <see cref="Emoji"/> means the user removed their reaction.</summary>
public sealed record ReactionContent(string? MessageId, string? Emoji);

/// <summary>A cart sent from the business's catalog.</summary>
public sealed record OrderContent(string? CatalogId, string? Text, IReadOnlyList<OrderItem>? ProductItems);

public sealed record OrderItem(string? ProductRetailerId, decimal? Quantity, decimal? ItemPrice, string? Currency);

/// <summary>The user edited an earlier message: its id, and the new message (a type and its object, no id of its own).</summary>
public sealed record EditContent(string? OriginalMessageId, WebhookMessage? Message);

/// <summary>The user deleted an earlier message.</summary>
public sealed record RevokeContent(string? OriginalMessageId);

/// <summary>
/// A notice from WhatsApp itself. <c>user_changed_number</c>: the message comes from the old number and
/// <see cref="WaId"/> is the new one (with, since 2026, the new <see cref="UserId"/>); <c>user_changed_user_id</c>:
/// only the business-scoped id changed, to <see cref="UserId"/> (and <see cref="ParentUserId"/>).
/// </summary>
public sealed record SystemContent(string? Body, string? Type, string? WaId, string? UserId, string? ParentUserId);

public sealed record UnsupportedContent(string? Type);

/// <summary>An outbound message's new status. <see cref="BizOpaqueCallbackData"/> is what the send gave Meta to hand
/// back: the bridge's delivery id. <see cref="RecipientType"/> is <c>group</c> for a message sent to a group.</summary>
public sealed record WebhookStatus
{
    public string? Id { get; init; }

    public string? Status { get; init; }

    public string? Timestamp { get; init; }

    public string? RecipientId { get; init; }

    public string? RecipientUserId { get; init; }

    public string? RecipientType { get; init; }

    public string? BizOpaqueCallbackData { get; init; }

    public WebhookPricing? Pricing { get; init; }

    public IReadOnlyList<WebhookError>? Errors { get; init; }
}

/// <summary>What Meta charges for the message: <c>pricing{billable, pricing_model, type, category}</c>, on <c>sent</c>
/// and on one of <c>delivered</c> or <c>read</c>.</summary>
public sealed record WebhookPricing(bool? Billable, string? PricingModel, string? Type, string? Category);

/// <summary>Meta's error object: in statuses, unsupported messages, and about the account (<c>value.errors</c>).</summary>
public sealed record WebhookError(long? Code, string? Title, string? Message, WebhookErrorData? ErrorData);

public sealed record WebhookErrorData(string? Details);
