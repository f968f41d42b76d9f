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

    /// <summary>What a Coexistence business sent from the WhatsApp Business app (Meta's smb_message_echoes webhook reference).</summary>
    public const string SmbMessageEchoes = "smb_message_echoes";
}

/// <summary>
/// The updates of one business phone number. A <c>messages</c> change holds <see cref="Messages"/> and/or
/// <see cref="Statuses"/>, or — for an error at system, app or account level — only <see cref="Errors"/> (Meta's
/// errors webhook reference); an <c>smb_message_echoes</c> change holds <see cref="MessageEchoes"/> instead.
/// </summary>
public sealed record WebhookValue(
    string MessagingProduct,
    WebhookMetadata Metadata,
    IReadOnlyList<WebhookContact>? Contacts,
    IReadOnlyList<InboundMessage>? Messages,
    IReadOnlyList<StatusUpdate>? Statuses,
    IReadOnlyList<MessageEcho>? MessageEchoes,
    IReadOnlyList<WebhookError>? Errors);

public sealed record WebhookMetadata(string DisplayPhoneNumber, string PhoneNumberId);

/// <summary>
/// A sender (or an echo's recipient); <see cref="WaId"/> is absent for a user known only by a business-scoped user id,
/// <see cref="ParentUserId"/> present only for a business with parent business-scoped user ids (Meta's 2026
/// "Business-scoped user IDs" page).
/// </summary>
public sealed record WebhookContact(ContactProfile Profile, string? WaId, string? UserId, string? ParentUserId);

/// <summary>
/// <see cref="Name"/> is absent where Meta's syntax shows <c>profile</c> with only <c>username</c> (the
/// smb_message_echoes contacts of the "Business-scoped user IDs" page).
/// </summary>
public sealed record ContactProfile(string? Name, string? Username);

/// <summary>
/// What a user's message and the business's echo of its own write alike (Meta's messages and smb_message_echoes
/// references): the id, timestamp and type, then the object named by <see cref="Type"/> for the types both carry.
/// </summary>
public abstract record MessageBody
{
    public required string Id { get; init; }

    public required string Timestamp { get; init; }

    public required string Type { get; init; }

    public TextContent? Text { get; init; }

    public MediaContent? Image { get; init; }

    public MediaContent? Video { get; init; }

    public MediaContent? Audio { get; init; }

    public MediaContent? Document { get; init; }

    public MediaContent? Sticker { get; init; }

    public LocationContent? Location { get; init; }

    public ReactionContent? Reaction { get; init; }

    public EditContent? Edit { get; init; }

    public RevokeContent? Revoke { get; init; }
}

/// <summary>
/// A user's message: who sent it, then its <see cref="MessageBody"/> and the types only users send. <see cref="From"/>
/// and <see cref="FromUserId"/> are both absent on a <c>user_changed_user_id</c> system message (Meta's system messages
/// reference: no phone number is included); <see cref="GroupId"/> marks a message written in a group, <see cref="From"/>
/// then being the participant (Meta's group messages reference).
/// </summary>
public sealed record InboundMessage : MessageBody
{
    public string? From { get; init; }

    public string? FromUserId { get; init; }

    public string? FromParentUserId { get; init; }

    public string? GroupId { get; init; }

    public MessageContext? Context { get; init; }

    /// <summary>Shared contact cards (<c>[{name, phones[]}]</c>), passed through as given.</summary>
    public JsonElement? Contacts { get; init; }

    public InteractiveContent? Interactive { get; init; }

    public ButtonContent? Button { get; init; }

    public UnsupportedContent? Unsupported { get; init; }

    public SystemContent? System { get; init; }

    public OrderContent? Order { get; init; }

    /// <summary>The ad or post the user came from (Click-to-WhatsApp); a sibling of the type's object, on any type.</summary>
    public ReferralContent? Referral { get; init; }

    public IReadOnlyList<WebhookError>? Errors { get; init; }
}

/// <summary>A reply (<see cref="From"/>, <see cref="Id"/> of the quoted message) or a forward marker.</summary>
public sealed record MessageContext(string? From, string? Id, bool? Forwarded, bool? FrequentlyForwarded);

public sealed record TextContent(string Body);

/// <summary>image, video, audio, document or sticker; <see cref="Id"/> is a media id for <c>GET /{media-id}</c>.</summary>
public sealed record MediaContent(string? Caption, string? Filename, string MimeType, string Sha256, string Id, bool? Voice, bool? Animated);

public sealed record LocationContent(double Latitude, double Longitude, string? Name, string? Address);

public sealed record InteractiveContent(string Type, ReplyContent? ButtonReply, ReplyContent? ListReply, NfmReplyContent? NfmReply);

public sealed record ReplyContent(string Id, string Title, string? Description);

/// <summary>
/// A Flow's (or address message's) answer, <c>interactive.type</c> <c>nfm_reply</c> (Meta's "Receiving Flow
/// Response" page; pywa's flow_completion.json): <see cref="ResponseJson"/> is the answer as a JSON-encoded string,
/// not an object, so a reader must parse it a second time.
/// </summary>
public sealed record NfmReplyContent(string Name, string? Body, string ResponseJson);

/// <summary>A template's quick-reply button.</summary>
public sealed record ButtonContent(string Payload, string Text);

/// <summary>
/// A null <see cref="Emoji"/> — the key left out, not <c>""</c> — means the user removed the reaction (Meta's reaction
/// webhook reference; pywa's "unreaction_no_emoji" fixture).
/// </summary>
public sealed record ReactionContent(string MessageId, string? Emoji);

public sealed record UnsupportedContent(string Type);

/// <summary>
/// A change on the user's side (Meta's system messages reference, with the user id fields of its 2026
/// "Business-scoped user IDs" page): for <c>user_changed_number</c> <see cref="WaId"/> is the new number; for
/// <c>user_changed_user_id</c> only <see cref="UserId"/> (the new business-scoped user id) and
/// <see cref="ParentUserId"/> (the new parent id) name the user. The old ids are only in <see cref="Body"/>.
/// </summary>
public sealed record SystemContent(string Body, string? WaId, string? UserId, string? ParentUserId, string Type);

/// <summary>
/// An order from the catalog (Meta's order messages reference; pywa's "order" fixture): <see cref="Text"/> may be
/// absent or empty.
/// </summary>
public sealed record OrderContent(string CatalogId, string? Text, IReadOnlyList<ProductItem> ProductItems);

/// <summary>One line of an order: <see cref="Quantity"/> an integer, <see cref="ItemPrice"/> a plain number (30 or 7.99).</summary>
public sealed record ProductItem(string ProductRetailerId, int Quantity, decimal ItemPrice, string Currency);

/// <summary>
/// An edit (Meta's edit messages reference; pywa's edited_message.json): the message's own <c>id</c> is the edit
/// event's wamid, <see cref="OriginalMessageId"/> the edited message's, and <see cref="Message"/> the new content.
/// </summary>
public sealed record EditContent(string OriginalMessageId, EditedMessage Message);

/// <summary>The new content of an edited message: a type and its object, with no id, from or timestamp of its own.</summary>
public sealed record EditedMessage
{
    public MessageContext? Context { get; init; }

    public required string Type { get; init; }

    public TextContent? Text { get; init; }

    public MediaContent? Image { get; init; }

    public MediaContent? Video { get; init; }

    public MediaContent? Document { get; init; }
}

/// <summary>A deleted message (Meta's revoke messages reference): the message's own <c>id</c> is the revoke event's wamid.</summary>
public sealed record RevokeContent(string OriginalMessageId);

/// <summary>
/// Where a Click-to-WhatsApp user came from (Meta's text messages reference, "referral"; pywa's "referral" fixture):
/// <see cref="SourceType"/> <c>ad</c> or <c>post</c>; <see cref="MediaType"/> <c>image</c> (with
/// <see cref="ImageUrl"/>) or <c>video</c> (with <see cref="VideoUrl"/> and <see cref="ThumbnailUrl"/>);
/// <see cref="CtwaClid"/> absent for WhatsApp Status placements.
/// </summary>
public sealed record ReferralContent(
    string SourceUrl,
    string SourceId,
    string SourceType,
    string? Headline,
    string? Body,
    string? MediaType,
    string? ImageUrl,
    string? VideoUrl,
    string? ThumbnailUrl,
    string? CtwaClid);

/// <summary>
/// A message a Coexistence business sent from the WhatsApp Business app (Meta's smb_message_echoes webhook reference,
/// with the <c>to_user_id</c> fields of its 2026 "Business-scoped user IDs" page): <see cref="From"/> is the business's
/// display number, <see cref="To"/> the user's (absent for a user known only by user id). Its <see cref="MessageBody"/> is
/// built as users' messages are; pywa's outgoing_message.json fixtures show edits and deletions echoed the same way.
/// </summary>
public sealed record MessageEcho : MessageBody
{
    public required string From { get; init; }

    public string? To { get; init; }

    public string? ToUserId { get; init; }

    public string? ToParentUserId { get; init; }
}

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
