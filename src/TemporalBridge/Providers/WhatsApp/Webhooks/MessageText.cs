using System.Globalization;
using System.Text.Json;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.WhatsApp.Webhooks;

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
/// a template's quick-reply button is <c>[Button] its text</c>; a Flow's answer
/// <c>[Form reply] Sent — date: 2026-12-05, guests: 2</c> (its fields but the flow token).</item>
/// <item>reaction: <c>Reacted 👍 to an earlier message</c>; no emoji: <c>Removed a reaction</c>.</item>
/// <item>order: <c>[Order] 2 × di9ozbzfi4 at 30 USD; 1 × x7 at 7.99 USD — Love these!</c>.</item>
/// <item>edit: <c>[Edited] </c> and the new message as above; deletion: <c>[Deleted a message]</c>.</item>
/// <item>request_welcome (a user opening a chat with the business): <c>[Opened a chat]</c>.</item>
/// <item>unsupported: <c>[Unsupported message: edit] Message type unknown: details</c>.</item>
/// <item>system: <c>[System] its body</c>, e.g. the user's number change.</item>
/// <item>a message whose content Meta could not give (its object missing, with <c>value.errors</c> saying why):
/// <c>[Unreadable interactive message] Something went wrong: Unsupported webhook payload</c>.</item>
/// <item>any other type: <c>[Unknown message type: poll]</c>.</item>
/// </list>
/// Markers go before it, separated by a space: <c>[From an ad: headline url]</c> for a user who came from a
/// Click-to-WhatsApp ad, <c>[Forwarded]</c> or <c>[Forwarded many times]</c>, then <c>[Reply to an earlier message]</c>
/// when the message quotes another.
/// </summary>
public static class MessageText
{
    public const string Forwarded = "[Forwarded]";
    public const string ForwardedManyTimes = "[Forwarded many times]";
    public const string ReplyMarker = MessageWords.ReplyMarker;
    public const string RemovedReaction = MessageWords.RemovedReaction;
    public const string Edited = MessageWords.Edited;
    public const string Deleted = "[Deleted a message]";
    public const string OpenedChat = "[Opened a chat]";

    /// <summary>How many of a Flow answer's fields are shown, and how long each value may be: a form is a few fields.</summary>
    private const int FlowFieldsShown = 20;
    private const int FlowValueLength = 200;

    /// <summary>The readable text of <paramref name="message"/>; a part its type requires but lacks is a
    /// <see cref="PayloadShapeException"/> naming the field under <paramref name="path"/> — unless Meta said why it
    /// could not give it (<paramref name="valueErrors"/>, or the message's own errors), then the message is shown as
    /// unreadable with that reason.</summary>
    internal static string Render(WebhookMessage message, string type, string path, IReadOnlyList<WebhookError> valueErrors)
    {
        var errors = (message.Errors ?? []).OfType<WebhookError>().Concat(valueErrors).ToList();
        if (errors.Count > 0 && ContentOf(message, type) is null)
        {
            return Labelled($"[Unreadable {type} message]", Reason(errors[0]));
        }

        var markers = Markers(message.Context, message.Referral);
        var content = Content(message, type, path);
        return markers.Length == 0 ? content : $"{markers} {content}";
    }

    private static string Content(WebhookMessage message, string type, string path) => type switch
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
        "button" => Labelled(MessageWords.Button, Required(message.Button, path, type).Text ?? message.Button!.Payload),
        "reaction" => Reaction(Required(message.Reaction, path, type)),
        "order" => Order(Required(message.Order, path, type), $"{path}.order"),
        "edit" => Edit(Required(message.Edit, path, type), $"{path}.edit"),
        "revoke" => Deleted,
        "request_welcome" => OpenedChat,
        "unsupported" => Unsupported(message),
        "system" => Labelled("[System]", PayloadShapeException.Required(Required(message.System, path, type).Body, $"{path}.system.body")),
        _ => $"[Unknown message type: {type}]",
    };

    /// <summary>The object a type's content is in, or null when the message lacks it. A type with nothing to lack
    /// (request_welcome, unsupported, revoke, one not known) answers itself, so it is shown as what it is.</summary>
    private static object? ContentOf(WebhookMessage message, string type) => type switch
    {
        "text" => message.Text,
        "image" => message.Image,
        "video" => message.Video,
        "audio" => message.Audio,
        "document" => message.Document,
        "sticker" => message.Sticker,
        "location" => message.Location,
        "contacts" => message.Contacts,
        "interactive" => message.Interactive,
        "button" => message.Button,
        "reaction" => message.Reaction,
        "order" => message.Order,
        "edit" => message.Edit,
        "system" => message.System,
        _ => type,
    };

    private static string? Reason(WebhookError error)
    {
        var title = error.Title ?? error.Message;
        var details = error.ErrorData?.Details;
        return (string.IsNullOrWhiteSpace(title), string.IsNullOrWhiteSpace(details)) switch
        {
            (false, false) => $"{title}: {details}",
            (false, true) => title,
            (true, false) => details,
            _ => null,
        };
    }

    private static T Required<T>(T? part, string path, string type)
        where T : class =>
        PayloadShapeException.Required(part, $"{path}.{type}");

    private static string Markers(MessageContext? context, ReferralContent? referral)
    {
        var markers = new List<string>(3);
        if (referral is not null)
        {
            var about = string.Join(' ', new[] { referral.Headline, referral.SourceUrl }.Where(part => !string.IsNullOrWhiteSpace(part)));
            markers.Add(about.Length == 0 ? "[From an ad]" : $"[From an ad: {about}]");
        }

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
        "nfm_reply" => FlowReply(interactive.NfmReply),
        _ => $"[Interactive reply: {interactive.Type}]",
    };

    /// <summary>A Flow's answer: its body, then the form's fields from <c>response_json</c> (a JSON object as a string),
    /// without the <c>flow_token</c>, which is the business's own reference and means nothing to staff.</summary>
    private static string FlowReply(FlowReply? reply)
    {
        var fields = new List<string>();
        if (reply?.ResponseJson is { } json)
        {
            try
            {
                using var form = JsonDocument.Parse(json);
                if (form.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in form.RootElement.EnumerateObject().Where(f => f.Name != "flow_token").Take(FlowFieldsShown))
                    {
                        var value = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText();
                        fields.Add($"{field.Name}: {(value.Length <= FlowValueLength ? value : string.Concat(value.AsSpan(0, FlowValueLength), "…"))}");
                    }
                }
            }
            catch (JsonException)
            {
                // A form Meta wrote badly still shows its body.
            }
        }

        var body = Labelled("[Form reply]", reply?.Body);
        return fields.Count == 0 ? body : $"{body} — {string.Join(", ", fields)}";
    }

    private static string Order(OrderContent order, string path)
    {
        var items = PayloadShapeException.Required(order.ProductItems, $"{path}.product_items").OfType<OrderItem>().Select(item =>
        {
            var what = $"{Number(item.Quantity) ?? "?"} × {item.ProductRetailerId ?? "item"}";
            return item.ItemPrice is null ? what : $"{what} at {Number(item.ItemPrice)} {item.Currency}".TrimEnd();
        });
        var listed = Labelled("[Order]", string.Join("; ", items));
        return string.IsNullOrWhiteSpace(order.Text) ? listed : $"{listed} — {order.Text}";
    }

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The edited message's new content, rendered as any message is; its context (Meta puts a placeholder id
    /// there) is not a reply.</summary>
    private static string Edit(EditContent edit, string path)
    {
        var message = PayloadShapeException.Required(edit.Message, $"{path}.message");
        var type = PayloadShapeException.Required(message.Type, $"{path}.message.type");
        return $"{Edited} {Content(message, type, $"{path}.message")}";
    }

    private static string? Title(ChosenReply? reply) => reply?.Title ?? reply?.Id;

    /// <summary>The message it is about (required) is read as the message's reply-to.</summary>
    private static string Reaction(ReactionContent reaction) =>
        string.IsNullOrEmpty(reaction.Emoji) ? RemovedReaction : MessageWords.Reacted(reaction.Emoji);

    private static string Unsupported(WebhookMessage message)
    {
        var label = string.IsNullOrWhiteSpace(message.Unsupported?.Type)
            ? "[Unsupported message]"
            : $"[Unsupported message: {message.Unsupported.Type}]";
        return Labelled(label, message.Errors?.OfType<WebhookError>().FirstOrDefault() is { } error ? Reason(error) : null);
    }

    /// <summary>"[Kind] words", or just "[Kind]" when there are no words.</summary>
    private static string Labelled(string label, string? words) => MessageWords.Labelled(label, words);
}
