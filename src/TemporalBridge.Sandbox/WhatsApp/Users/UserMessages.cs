using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Graph;
using TemporalBridge.Sandbox.WhatsApp.Media;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp.Users;

/// <summary>
/// Turns what a simulated user does into the <c>messages[]</c> item Meta would send: fills in the wamid, timestamp,
/// sender fields and media ids, keeps the media for download, and opens the 24-hour window for that number.
/// </summary>
public sealed class UserMessages(
    UserDirectory users, MediaStore media, MessageLedger ledger, TimeProvider time, IOptions<WhatsAppEmulatorOptions> options)
{
    /// <summary>The update to send, or why the spec names nobody the emulator knows.</summary>
    public (WebhookItem? Item, string? Problem) Compose(UserMessageSpec spec)
    {
        if (users.Find(spec.From!) is not { } user)
        {
            return (null, $"from: no simulated user has wa_id or user_id '{spec.From}' (POST _control/users first)");
        }

        var number = spec.PhoneNumberId is null
            ? options.Value.Numbers()[0]
            : options.Value.Numbers().FirstOrDefault(n => n.PhoneNumberId == spec.PhoneNumberId);
        if (number is null)
        {
            return (null, $"phone_number_id: '{spec.PhoneNumberId}' is not one of WhatsAppEmulator__BusinessNumbers");
        }

        var at = spec.Timestamp is { } given ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(given, System.Globalization.CultureInfo.InvariantCulture)) : time.GetUtcNow();
        var message = Build(spec, user, number, at);
        var contact = new WebhookContact(new ContactProfile(user.Name, user.Username), user.WaId, user.UserId);

        ledger.Received(new InboundRecord(message.Id, number.PhoneNumberId, user.Key, at));
        if (spec.Type != "system")
        {
            users.Wrote(number.PhoneNumberId, user, at);
        }
        else if (spec.System!.Type == "user_changed_number" && spec.System.WaId is { Length: > 0 } newWaId)
        {
            // Built with the old number; from now on the user writes from the new one.
            users.ChangeNumber(user, newWaId);
        }

        return (WebhookItem.Inbound(number, contact, message), null);
    }

    private InboundMessage Build(UserMessageSpec spec, SimulatedUser user, BusinessNumber number, DateTimeOffset at)
    {
        var type = spec.Type!;
        var message = new InboundMessage
        {
            From = user.WaId,
            FromUserId = user.UserId,
            Id = spec.Id ?? WhatsAppIds.NewWamid(),
            Timestamp = WhatsAppIds.UnixSeconds(at),
            Type = type,
            Context = spec.Context is { } context && context.Id is not null && context.From is null
                ? context with { From = number.DisplayPhoneNumber }
                : spec.Context,
        };

        return type switch
        {
            "text" => message with { Text = spec.Text },
            "image" => message with { Image = Store(spec.Image, number, "image/jpeg", type) },
            "video" => message with { Video = Store(spec.Video, number, "video/mp4", type) },
            "audio" => message with
            {
                Audio = Store(spec.Audio, number, spec.Audio?.Voice == true ? "audio/ogg; codecs=opus" : "audio/mpeg", type),
            },
            "document" => message with { Document = Store(spec.Document, number, "application/pdf", type) },
            "sticker" => message with { Sticker = Store(spec.Sticker, number, "image/webp", type) },
            "location" => message with { Location = spec.Location },
            "contacts" => message with { Contacts = spec.Contacts },
            "interactive" => message with { Interactive = spec.Interactive },
            "button" => message with { Button = spec.Button },
            "reaction" => message with { Reaction = spec.Reaction! with { Emoji = spec.Reaction.Emoji ?? "" } },
            "unsupported" => message with
            {
                Unsupported = spec.Unsupported ?? new UnsupportedContent("unknown"),
                Errors = [UnsupportedError()],
            },
            "system" => message with { System = spec.System },
            _ => throw new InvalidOperationException($"type '{type}' passed validation but has no builder"),
        };
    }

    private MediaContent Store(MediaSpec? spec, BusinessNumber number, string defaultMimeType, string type)
    {
        var mimeType = spec?.MimeType ?? defaultMimeType;
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

    private static WebhookError UnsupportedError()
    {
        var code = GraphErrors.Get(GraphErrors.UnsupportedType);
        return new WebhookError(code.Code, code.Title, code.Title, new WebhookErrorData(code.Details), Href: null);
    }
}
