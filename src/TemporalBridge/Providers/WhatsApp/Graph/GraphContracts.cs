namespace TemporalBridge.Providers.WhatsApp.Graph;

// The Graph API's wire types for the calls the bridge makes, named as in the facts sheet (snake_case through
// GraphJsonContext). Null members are left out of requests.

/// <summary>
/// <c>POST /{phone-number-id}/messages</c> sending a text or a template. Exactly one of <see cref="To"/> (the
/// client's wa_id, digits only) and <see cref="Recipient"/> (their business-scoped user id, for users known only by
/// a username) is set.
/// </summary>
public sealed record GraphSendRequest(
    string? To,
    string? Recipient,
    string Type,
    GraphText? Text = null,
    GraphTemplate? Template = null,
    GraphContext? Context = null)
{
    public string MessagingProduct => "whatsapp";

    public string RecipientType => "individual";

    /// <summary>At most 512 characters; Meta hands it back, unread, in every status webhook of the message.</summary>
    public string? BizOpaqueCallbackData { get; init; }
}

/// <summary>Link previews are off: staff write plain text, and a preview could show more than they meant.</summary>
public sealed record GraphText(string Body, bool PreviewUrl = false);

public sealed record GraphTemplate(string Name, GraphLanguage Language);

public sealed record GraphLanguage(string Code);

/// <summary>The message being quoted.</summary>
public sealed record GraphContext(string MessageId);

/// <summary><c>POST /{phone-number-id}/messages</c> marking a client's message read, and optionally showing the
/// typing indicator with it.</summary>
public sealed record GraphReadRequest(string MessageId, GraphTypingIndicator? TypingIndicator = null)
{
    public string MessagingProduct => "whatsapp";

    public string Status => "read";
}

public sealed record GraphTypingIndicator(string Type);

/// <summary>A send was accepted (not yet delivered): <c>messages[0].id</c> is the new message's wamid.</summary>
public sealed record GraphSendResponse(
    string? MessagingProduct,
    IReadOnlyList<GraphSentContact>? Contacts,
    IReadOnlyList<GraphSentMessage>? Messages);

public sealed record GraphSentContact(string? Input, string? WaId);

public sealed record GraphSentMessage(string? Id);

public sealed record GraphSuccessResponse(bool Success);

/// <summary><c>GET /{media-id}</c>: where to download the bytes (for 5 minutes, with the same bearer token).</summary>
public sealed record GraphMedia(string? Id, string? Url, string? MimeType, string? Sha256, long? FileSize);
