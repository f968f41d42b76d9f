using System.Text.Json;

namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

// The webhook body exactly as Meta builds it (facts sheet, "Webhooks"). Optional parts are null and left out of the
// JSON; property order follows Meta's examples so a recorded body reads like a real one.

public sealed record WebhookPayload(string Object, IReadOnlyList<WebhookEntry> Entry)
{
    public const string WhatsAppBusinessAccount = "whatsapp_business_account";
}

/// <summary>One business account's updates; <see cref="Id"/> is the WABA id.</summary>
public sealed record WebhookEntry(string Id, IReadOnlyList<WebhookChange> Changes);

public sealed record WebhookChange(WebhookValue Value, string Field)
{
    public const string Messages = "messages";
}

/// <summary>The updates of one business phone number.</summary>
public sealed record WebhookValue(
    string MessagingProduct,
    WebhookMetadata Metadata,
    IReadOnlyList<WebhookContact>? Contacts,
    IReadOnlyList<InboundMessage>? Messages,
    IReadOnlyList<StatusUpdate>? Statuses);

public sealed record WebhookMetadata(string DisplayPhoneNumber, string PhoneNumberId);

/// <summary>A sender; <see cref="WaId"/> is absent for a user known only by a business-scoped user id.</summary>
public sealed record WebhookContact(ContactProfile Profile, string? WaId, string? UserId);

public sealed record ContactProfile(string Name, string? Username);

/// <summary>A user's message: common fields, then the object named by <see cref="Type"/>.</summary>
public sealed record InboundMessage
{
    public string? From { get; init; }

    public string? FromUserId { get; init; }

    public required string Id { get; init; }

    public required string Timestamp { get; init; }

    public required string Type { get; init; }

    public MessageContext? Context { get; init; }

    public TextContent? Text { get; init; }

    public MediaContent? Image { get; init; }

    public MediaContent? Video { get; init; }

    public MediaContent? Audio { get; init; }

    public MediaContent? Document { get; init; }

    public MediaContent? Sticker { get; init; }

    public LocationContent? Location { get; init; }

    /// <summary>Shared contact cards (<c>[{name, phones[]}]</c>), passed through as given.</summary>
    public JsonElement? Contacts { get; init; }

    public InteractiveContent? Interactive { get; init; }

    public ButtonContent? Button { get; init; }

    public ReactionContent? Reaction { get; init; }

    public UnsupportedContent? Unsupported { get; init; }

    public SystemContent? System { get; init; }

    public IReadOnlyList<WebhookError>? Errors { get; init; }
}

/// <summary>A reply (<see cref="From"/>, <see cref="Id"/> of the quoted message) or a forward marker.</summary>
public sealed record MessageContext(string? From, string? Id, bool? Forwarded, bool? FrequentlyForwarded);

public sealed record TextContent(string Body);

/// <summary>image, video, audio, document or sticker; <see cref="Id"/> is a media id for <c>GET /{media-id}</c>.</summary>
public sealed record MediaContent(string? Caption, string? Filename, string MimeType, string Sha256, string Id, bool? Voice, bool? Animated);

public sealed record LocationContent(double Latitude, double Longitude, string? Name, string? Address);

public sealed record InteractiveContent(string Type, ReplyContent? ButtonReply, ReplyContent? ListReply);

public sealed record ReplyContent(string Id, string Title, string? Description);

/// <summary>A template's quick-reply button.</summary>
public sealed record ButtonContent(string Payload, string Text);

/// <summary>An empty <see cref="Emoji"/> means the user removed the reaction.</summary>
public sealed record ReactionContent(string MessageId, string Emoji);

public sealed record UnsupportedContent(string Type);

public sealed record SystemContent(string Body, string Type, string? WaId);

public sealed record WebhookError(int Code, string Title, string Message, WebhookErrorData ErrorData, string? Href);

public sealed record WebhookErrorData(string Details);

/// <summary>
/// The status of a message the business sent (Meta's status webhook reference; the 2026 business-scoped user id
/// fields from its "Business-scoped user IDs" page): <see cref="RecipientId"/> is the phone (digits) of a message sent
/// to a phone number, <see cref="RecipientUserId"/> the user id of one sent to a user id;
/// <see cref="BizOpaqueCallbackData"/> is what the send carried, handed back unread.
/// </summary>
public sealed record StatusUpdate(
    string Id,
    string Status,
    string Timestamp,
    string? RecipientId,
    string? RecipientUserId,
    string? BizOpaqueCallbackData,
    Conversation? Conversation,
    Pricing? Pricing,
    IReadOnlyList<WebhookError>? Errors);

public sealed record Conversation(string Id, string? ExpirationTimestamp, ConversationOrigin Origin);

public sealed record ConversationOrigin(string Type);

public sealed record Pricing(bool Billable, string PricingModel, string Type, string Category);
