using System.Text.Json;

namespace TemporalBridge.Sandbox.WhatsApp.Graph;

/// <summary>
/// <c>POST /{phone-number-id}/messages</c>: a message (<c>to</c>, <c>type</c> and its object), or — with
/// <c>status: "read"</c> — a read receipt for <c>message_id</c>, plus a typing indicator when
/// <c>typing_indicator</c> is given. Everything is optional here so the emulator can answer Meta's errors itself.
/// </summary>
public sealed record SendMessageRequest
{
    public string? MessagingProduct { get; init; }

    public string? RecipientType { get; init; }

    public string? To { get; init; }

    /// <summary>A business-scoped user id, for users known without a phone number.</summary>
    public string? Recipient { get; init; }

    public string? Type { get; init; }

    public GraphContext? Context { get; init; }

    public GraphText? Text { get; init; }

    public GraphTemplate? Template { get; init; }

    public GraphReaction? Reaction { get; init; }

    public GraphMedia? Image { get; init; }

    public GraphMedia? Video { get; init; }

    public GraphMedia? Audio { get; init; }

    public GraphMedia? Document { get; init; }

    public GraphMedia? Sticker { get; init; }

    public string? Status { get; init; }

    public string? MessageId { get; init; }

    public GraphTypingIndicator? TypingIndicator { get; init; }

    /// <summary>At most 512 characters, handed back unread in each status webhook of the message (Meta's send
    /// reference; the limit since its changelog of 26 January 2024).</summary>
    public string? BizOpaqueCallbackData { get; init; }

    public bool IsReadReceipt => Status is not null;

    public string? RecipientId => To ?? Recipient;

    public GraphMedia? Media => Type switch
    {
        "image" => Image,
        "video" => Video,
        "audio" => Audio,
        "document" => Document,
        "sticker" => Sticker,
        _ => null,
    };
}

public sealed record GraphContext(string? MessageId);

public sealed record GraphText(string? Body, bool? PreviewUrl);

public sealed record GraphTemplate(string? Name, GraphLanguage? Language, JsonElement? Components);

public sealed record GraphLanguage(string? Code);

public sealed record GraphReaction(string? MessageId, string? Emoji);

public sealed record GraphMedia(string? Id, string? Link, string? Caption, string? Filename);

public sealed record GraphTypingIndicator(string? Type);

/// <summary>Accepted (not delivered): the recipient as given and as resolved, and the new message's wamid.</summary>
public sealed record SendMessageResponse(string MessagingProduct, IReadOnlyList<SendContact> Contacts, IReadOnlyList<SentMessageId> Messages);

public sealed record SendContact(string Input, string? WaId, string? UserId);

public sealed record SentMessageId(string Id);

public sealed record SuccessResponse(bool Success);

/// <summary><c>GET /{media-id}</c>: where to download the file (for a few minutes) and what it is.</summary>
public sealed record MediaInfo(string MessagingProduct, string Url, string MimeType, string Sha256, long FileSize, string Id);
