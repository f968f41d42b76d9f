using System.Globalization;

namespace TemporalBridge.WhatsApp.Webhooks;

/// <summary>
/// Turns every kind of inbound WhatsApp message into the text staff read in vcita. Attachments are not carried yet,
/// so nothing may be dropped silently: what is not text is described in words. The wording, one form per kind:
/// <list type="bullet">
/// <item>text: the body as written.</item>
/// <item>media: <c>[Photo]</c>, <c>[Video]</c>, <c>[Audio]</c>, <c>[Voice message]</c>, <c>[Sticker]</c>,
/// <c>[Document: invoice.pdf]</c> (or <c>[Document]</c> without a file name), then the caption if any:
/// <c>[Photo] Look at this</c>.</item>
/// <item>location: <c>[Location] Name, Address https://maps.google.com/?q=52.52,13.405</c>.</item>
/// <item>shared contacts: <c>[Contact] Dana Levi (+1 555 0100, +1 555 0101)</c>; several are <c>[Contacts]</c>,
/// separated by "; ".</item>
/// <item>interactive replies: <c>[Button] Cancel</c>; <c>[List choice] Priority Mail Express (Next Day to 2 Days)</c>;
/// a template's quick-reply button is <c>[Button] its text</c>.</item>
/// <item>reaction: <c>Reacted 👍 to an earlier message</c>; an empty emoji: <c>Removed a reaction</c>.</item>
/// <item>unsupported: <c>[Unsupported message: edit] Message type unknown: details</c>.</item>
/// <item>system: <c>[System] its body</c>, e.g. the user's number change.</item>
/// <item>any other type: <c>[Unknown message type: order]</c>.</item>
/// </list>
/// Markers go before it, separated by a space: <c>[Forwarded]</c> or <c>[Forwarded many times]</c>, then
/// <c>[Reply to an earlier message]</c> when the message quotes another.
/// </summary>
public static class MessageText
{
    public const string Forwarded = "[Forwarded]";
    public const string ForwardedManyTimes = "[Forwarded many times]";
    public const string ReplyMarker = "[Reply to an earlier message]";
    public const string RemovedReaction = "Removed a reaction";

    /// <summary>The readable text of <paramref name="message"/>; a part its type requires but lacks is a
    /// <see cref="PayloadShapeException"/> naming the field under <paramref name="path"/>.</summary>
    internal static string Render(WebhookMessage message, string type, string path)
    {
        var content = type switch
        {
            "text" => PayloadShapeException.Required(Required(message.Text, path, type).Body, $"{path}.text.body"),
            "image" => Media("Photo", Required(message.Image, path, type)),
            "video" => Media("Video", Required(message.Video, path, type)),
            "audio" => Media(Required(message.Audio, path, type).Voice == true ? "Voice message" : "Audio", message.Audio!),
            "document" => Document(Required(message.Document, path, type)),
            "sticker" => Media("Sticker", Required(message.Sticker, path, type)),
            "location" => Location(Required(message.Location, path, type), $"{path}.location"),
            "contacts" => Contacts(Required(message.Contacts, path, type)),
            "interactive" => Interactive(Required(message.Interactive, path, type)),
            "button" => Labelled("[Button]", Required(message.Button, path, type).Text ?? message.Button!.Payload),
            "reaction" => Reaction(Required(message.Reaction, path, type), $"{path}.reaction"),
            "unsupported" => Unsupported(message),
            "system" => Labelled("[System]", PayloadShapeException.Required(Required(message.System, path, type).Body, $"{path}.system.body")),
            _ => $"[Unknown message type: {type}]",
        };

        var markers = Markers(message.Context);
        return markers.Length == 0 ? content : $"{markers} {content}";
    }

    private static T Required<T>(T? part, string path, string type)
        where T : class =>
        PayloadShapeException.Required(part, $"{path}.{type}");

    private static string Markers(MessageContext? context)
    {
        var markers = new List<string>(2);
        if (context?.FrequentlyForwarded == true)
        {
            markers.Add(ForwardedManyTimes);
        }
        else if (context?.Forwarded == true)
        {
            markers.Add(Forwarded);
        }

        if (!string.IsNullOrWhiteSpace(context?.Id))
        {
            markers.Add(ReplyMarker);
        }

        return string.Join(' ', markers);
    }

    private static string Media(string kind, MediaContent media) => Labelled($"[{kind}]", media.Caption);

    private static string Document(MediaContent document) =>
        Media(string.IsNullOrWhiteSpace(document.Filename) ? "Document" : $"Document: {document.Filename}", document);

    private static string Location(LocationContent location, string path)
    {
        var latitude = location.Latitude ?? throw new PayloadShapeException($"{path}.latitude", "is required");
        var longitude = location.Longitude ?? throw new PayloadShapeException($"{path}.longitude", "is required");
        var place = string.Join(", ", new[] { location.Name, location.Address }.Where(part => !string.IsNullOrWhiteSpace(part)));
        var map = string.Create(CultureInfo.InvariantCulture, $"https://maps.google.com/?q={latitude},{longitude}");
        return Labelled("[Location]", place.Length == 0 ? map : $"{place} {map}");
    }

    private static string Contacts(IReadOnlyList<SharedContact?> contacts)
    {
        var described = contacts.OfType<SharedContact>().Select(Contact).ToList();
        return Labelled(described.Count == 1 ? "[Contact]" : "[Contacts]", string.Join("; ", described));
    }

    private static string Contact(SharedContact contact)
    {
        var name = contact.Name?.FormattedName;
        if (string.IsNullOrWhiteSpace(name))
        {
            name = string.Join(' ', new[] { contact.Name?.FirstName, contact.Name?.LastName }.Where(part => !string.IsNullOrWhiteSpace(part)));
        }

        var phones = (contact.Phones ?? [])
            .OfType<SharedContactPhone>()
            .Select(phone => !string.IsNullOrWhiteSpace(phone.Phone) ? phone.Phone : string.IsNullOrWhiteSpace(phone.WaId) ? null : $"+{phone.WaId}")
            .OfType<string>()
            .ToList();
        var named = string.IsNullOrWhiteSpace(name) ? "Unnamed contact" : name;
        return phones.Count == 0 ? named : $"{named} ({string.Join(", ", phones)})";
    }

    private static string Interactive(InteractiveContent interactive) => interactive.Type switch
    {
        "button_reply" => Labelled("[Button]", Title(interactive.ButtonReply)),
        "list_reply" => Labelled(
            "[List choice]",
            string.IsNullOrWhiteSpace(interactive.ListReply?.Description)
                ? Title(interactive.ListReply)
                : $"{Title(interactive.ListReply)} ({interactive.ListReply.Description})"),
        _ => $"[Interactive reply: {interactive.Type}]",
    };

    private static string? Title(ChosenReply? reply) => reply?.Title ?? reply?.Id;

    private static string Reaction(ReactionContent reaction, string path)
    {
        PayloadShapeException.Required(reaction.MessageId, $"{path}.message_id");
        return string.IsNullOrEmpty(reaction.Emoji) ? RemovedReaction : $"Reacted {reaction.Emoji} to an earlier message";
    }

    private static string Unsupported(WebhookMessage message)
    {
        var label = string.IsNullOrWhiteSpace(message.Unsupported?.Type)
            ? "[Unsupported message]"
            : $"[Unsupported message: {message.Unsupported.Type}]";
        var error = message.Errors?.OfType<WebhookError>().FirstOrDefault();
        var title = error?.Title ?? error?.Message;
        var details = error?.ErrorData?.Details;
        var reason = (string.IsNullOrWhiteSpace(title), string.IsNullOrWhiteSpace(details)) switch
        {
            (false, false) => $"{title}: {details}",
            (false, true) => title,
            (true, false) => details,
            _ => null,
        };
        return Labelled(label, reason);
    }

    /// <summary>"[Kind] words", or just "[Kind]" when there are no words.</summary>
    private static string Labelled(string label, string? words) =>
        string.IsNullOrWhiteSpace(words) ? label : $"{label} {words}";
}
