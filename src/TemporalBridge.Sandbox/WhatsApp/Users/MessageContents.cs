using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Media;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp.Users;

/// <summary>
/// The objects users' messages and the business's echoes build alike: media, stored so <c>GET /{media-id}</c> finds
/// them, and edits, whose nested message is built like a top-level one (Meta's edit messages reference shows a whole
/// media object, id and hash included, in <c>edit.message</c>).
/// </summary>
public sealed class MessageContents(MediaStore media)
{
    /// <summary>The media object of a <paramref name="type"/> message, its bytes kept for the number it went through.</summary>
    public MediaContent StoreMedia(string type, MediaSpec? spec, BusinessNumber number)
    {
        var mimeType = spec?.MimeType ?? DefaultMimeType(type, spec);
        var bytes = spec?.ContentBase64 is { } content ? Convert.FromBase64String(content) : null;
        var stored = media.Add(number.PhoneNumberId, mimeType, bytes);
        return new MediaContent(
            Caption: type is "sticker" or "audio" ? null : spec?.Caption,
            Filename: type == "document" ? spec?.Filename ?? "document.pdf" : null,
            MimeType: mimeType,
            Sha256: stored.Sha256Base64,
            Id: stored.Id,
            Voice: type == "audio" ? spec?.Voice ?? false : null,
            Animated: type == "sticker" ? spec?.Animated ?? false : null);
    }

    /// <summary>The object of <paramref name="spec"/>'s type when users' messages and echoes share that type; a type of
    /// only one of them is left to its own builder.</summary>
    public T WithBody<T>(T message, MessageBodySpec spec, BusinessNumber number)
        where T : MessageBody
    {
        MessageBody body = message;
        var type = spec.Type!;
        return (T)(type switch
        {
            "text" => body with { Text = spec.Text },
            "image" => body with { Image = StoreMedia(type, spec.Image, number) },
            "video" => body with { Video = StoreMedia(type, spec.Video, number) },
            "audio" => body with { Audio = StoreMedia(type, spec.Audio, number) },
            "document" => body with { Document = StoreMedia(type, spec.Document, number) },
            "sticker" => body with { Sticker = StoreMedia(type, spec.Sticker, number) },
            "location" => body with { Location = spec.Location },

            // Meta leaves emoji out of a removed reaction; "" in a spec means the same.
            "reaction" => body with { Reaction = spec.Reaction! with { Emoji = string.IsNullOrEmpty(spec.Reaction.Emoji) ? null : spec.Reaction.Emoji } },
            "edit" => body with { Edit = Edit(spec.Edit!, number) },
            "revoke" => body with { Revoke = spec.Revoke },
            _ => body,
        });
    }

    /// <summary>An edit as Meta nests it: the original wamid, then the new content with no id, from or timestamp.</summary>
    private EditContent Edit(EditSpec spec, BusinessNumber number)
    {
        var nested = spec.Message!;
        var type = nested.Type!;
        var message = new EditedMessage { Context = nested.Context, Type = type };
        return new EditContent(spec.OriginalMessageId!, type switch
        {
            "text" => message with { Text = nested.Text },
            "image" => message with { Image = StoreMedia(type, nested.Image, number) },
            "video" => message with { Video = StoreMedia(type, nested.Video, number) },
            "document" => message with { Document = StoreMedia(type, nested.Document, number) },
            _ => throw new InvalidOperationException($"edit.message.type '{type}' passed validation but has no builder"),
        });
    }

    private static string DefaultMimeType(string type, MediaSpec? spec) => type switch
    {
        "image" => "image/jpeg",
        "video" => "video/mp4",
        "audio" => spec?.Voice == true ? "audio/ogg; codecs=opus" : "audio/mpeg",
        "document" => "application/pdf",
        "sticker" => "image/webp",
        _ => throw new InvalidOperationException($"'{type}' is not a media type"),
    };
}
