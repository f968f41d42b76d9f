namespace TemporalBridge.WhatsApp.Webhooks;

// Meta's webhook payload, as the facts sheet describes it. Every member is nullable: what is required, and for which
// message type, is judged by WebhookParser, which can then name the missing field by its JSON path. Fields the
// bridge does not read are not declared, so Meta may add fields without breaking anything.

/// <summary><c>{"object": "whatsapp_business_account", "entry": [...]}</c>.</summary>
public sealed record WebhookPayload(string? Object, IReadOnlyList<WebhookEntry>? Entry);

/// <summary>One WhatsApp Business Account's changes. Its <c>id</c> (the account) is not needed: the phone number id in
/// each change's metadata says which channel the change is for.</summary>
public sealed record WebhookEntry(IReadOnlyList<WebhookChange>? Changes);

/// <summary>
/// One change. <see cref="Value"/> only counts once <see cref="Field"/> says it is a <c>messages</c> change: other
/// fields (template status, account updates, ...) have shapes of their own that the bridge ignores.
/// </summary>
public sealed record WebhookChange(string? Field, ChangeValue? Value);

/// <summary>The <c>value</c> of a <c>messages</c> change.</summary>
public sealed record MessagesValue(
    WebhookMetadata? Metadata,
    IReadOnlyList<WebhookContact>? Contacts,
    IReadOnlyList<WebhookMessage>? Messages,
    IReadOnlyList<WebhookStatus>? Statuses);

/// <summary>The business phone number the change is for.</summary>
public sealed record WebhookMetadata(string? DisplayPhoneNumber, string? PhoneNumberId);

/// <summary>A user who wrote: <c>wa_id</c> and, from 2026, the business-scoped <c>user_id</c> (sometimes alone).</summary>
public sealed record WebhookContact(WebhookProfile? Profile, string? WaId, string? UserId);

public sealed record WebhookProfile(string? Name);

/// <summary>An inbound message: the common fields, and the object named by <see cref="Type"/>.</summary>
public sealed record WebhookMessage(
    string? From,
    string? FromUserId,
    string? Id,
    string? Timestamp,
    string? Type,
    MessageContext? Context,
    TextContent? Text,
    MediaContent? Image,
    MediaContent? Video,
    MediaContent? Audio,
    MediaContent? Document,
    MediaContent? Sticker,
    LocationContent? Location,
    IReadOnlyList<SharedContact>? Contacts,
    InteractiveContent? Interactive,
    ButtonContent? Button,
    ReactionContent? Reaction,
    SystemContent? System,
    UnsupportedContent? Unsupported,
    IReadOnlyList<WebhookError>? Errors);

/// <summary><c>id</c>: the message replied to; <c>forwarded</c>/<c>frequently_forwarded</c>: where it came from.</summary>
public sealed record MessageContext(string? From, string? Id, bool? Forwarded, bool? FrequentlyForwarded);

public sealed record TextContent(string? Body);

/// <summary>Image, video, audio, document or sticker: only the words around the media are read for now.</summary>
public sealed record MediaContent(string? Id, string? MimeType, string? Caption, string? Filename, bool? Voice);

public sealed record LocationContent(double? Latitude, double? Longitude, string? Name, string? Address);

public sealed record SharedContact(SharedContactName? Name, IReadOnlyList<SharedContactPhone>? Phones);

public sealed record SharedContactName(string? FormattedName, string? FirstName, string? LastName);

public sealed record SharedContactPhone(string? Phone, string? WaId);

public sealed record InteractiveContent(string? Type, ChosenReply? ButtonReply, ChosenReply? ListReply);

public sealed record ChosenReply(string? Id, string? Title, string? Description);

/// <summary>A template's quick-reply button the user tapped.</summary>
public sealed record ButtonContent(string? Payload, string? Text);

/// <summary>An empty <see cref="Emoji"/> means the user removed their reaction.</summary>
public sealed record ReactionContent(string? MessageId, string? Emoji);

/// <summary>A notice from WhatsApp itself, e.g. that the user changed their number.</summary>
public sealed record SystemContent(string? Body, string? Type, string? WaId);

public sealed record UnsupportedContent(string? Type);

/// <summary>An outbound message's new status. <see cref="BizOpaqueCallbackData"/> is what the send gave Meta to hand
/// back: the bridge's delivery id.</summary>
public sealed record WebhookStatus(
    string? Id,
    string? Status,
    string? Timestamp,
    string? RecipientId,
    string? RecipientUserId,
    string? BizOpaqueCallbackData,
    WebhookPricing? Pricing,
    IReadOnlyList<WebhookError>? Errors);

/// <summary>What Meta charges for the message: <c>pricing{billable, pricing_model, type, category}</c>, on <c>sent</c>
/// and on one of <c>delivered</c> or <c>read</c>.</summary>
public sealed record WebhookPricing(bool? Billable, string? PricingModel, string? Type, string? Category);

/// <summary>Meta's error object, in statuses and unsupported messages.</summary>
public sealed record WebhookError(long? Code, string? Title, string? Message, WebhookErrorData? ErrorData);

public sealed record WebhookErrorData(string? Details);
