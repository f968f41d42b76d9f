namespace TemporalBridge.Sandbox.WhatsApp.Graph;

/// <summary>Meta's checks of a <c>POST /messages</c> body, in the order Meta reports them: the first problem wins.</summary>
public static class SendValidation
{
    public const int MaxTextLength = 4096;

    public const int MaxCallbackDataLength = 512;

    public static readonly IReadOnlyList<string> MessageTypes = ["text", "template", "reaction", "image", "video", "audio", "document", "sticker"];

    /// <summary>The details of the first problem (all are error 100), or null when Meta would accept the body.</summary>
    public static string? Problem(SendMessageRequest body)
    {
        if (body.MessagingProduct is null)
        {
            return "The parameter messaging_product is required.";
        }

        if (body.MessagingProduct != "whatsapp")
        {
            return $"Param messaging_product must be one of {{WHATSAPP}} - got \"{body.MessagingProduct}\".";
        }

        return body.IsReadReceipt ? ReadReceiptProblem(body) : MessageProblem(body);
    }

    private static string? ReadReceiptProblem(SendMessageRequest body)
    {
        if (body.Status != "read")
        {
            return $"Param status must be one of {{READ}} - got \"{body.Status}\".";
        }

        if (string.IsNullOrEmpty(body.MessageId))
        {
            return "The parameter message_id is required.";
        }

        return body.TypingIndicator is { } typing && typing.Type != "text"
            ? $"Param typing_indicator['type'] must be one of {{TEXT}} - got \"{typing.Type}\"."
            : null;
    }

    private static string? MessageProblem(SendMessageRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.RecipientId))
        {
            return "The parameter to is required.";
        }

        if (body.RecipientType is not null and not "individual")
        {
            return $"Param recipient_type must be one of {{INDIVIDUAL}} - got \"{body.RecipientType}\".";
        }

        if (body.BizOpaqueCallbackData is { Length: > MaxCallbackDataLength })
        {
            return $"Param biz_opaque_callback_data must be at most {MaxCallbackDataLength} characters long.";
        }

        // Meta takes a body without a type as text.
        var type = body.Type ?? "text";
        if (!MessageTypes.Contains(type))
        {
            return $"Param type must be one of {{{string.Join(", ", MessageTypes).ToUpperInvariant()}}} - got \"{type}\".";
        }

        return type switch
        {
            "text" when string.IsNullOrEmpty(body.Text?.Body) => "The parameter text['body'] is required.",
            "text" when body.Text!.Body!.Length > MaxTextLength => $"Param text['body'] must be at most {MaxTextLength} characters long.",
            "template" when string.IsNullOrEmpty(body.Template?.Name) => "The parameter template['name'] is required.",
            "template" when string.IsNullOrEmpty(body.Template!.Language?.Code) => "The parameter template['language']['code'] is required.",
            "reaction" when string.IsNullOrEmpty(body.Reaction?.MessageId) => "The parameter reaction['message_id'] is required.",
            "reaction" when body.Reaction!.Emoji is null => "The parameter reaction['emoji'] is required.",
            "image" or "video" or "audio" or "document" or "sticker" when body.Media is not { } media || (media.Id is null && media.Link is null) =>
                $"The parameter {type}['id'] or {type}['link'] is required.",
            _ => null,
        };
    }
}
