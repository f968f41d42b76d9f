using System.Globalization;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp.Users;

/// <summary>
/// Turns what a Coexistence business sent from the WhatsApp Business app into the <c>message_echoes[]</c> item Meta
/// would send (its smb_message_echoes webhook reference, with the user id fields of its 2026 "Business-scoped user IDs"
/// page): from the business's display number to the user, who is named in <c>contacts</c> by username and ids only.
/// An echo opens no window and is not a Graph send, so the ledger does not record it.
/// </summary>
public sealed class EchoMessages(UserDirectory users, MessageContents contents, TimeProvider time, IOptions<WhatsAppEmulatorOptions> options)
{
    /// <summary>The update to send, or why the spec names nobody the emulator knows.</summary>
    public (WebhookItem? Item, string? Problem) Compose(EchoSpec spec)
    {
        if (users.Find(spec.To!) is not { } user)
        {
            return (null, $"to: no simulated user has wa_id or user_id '{spec.To}' (POST _control/users first)");
        }

        if (options.Value.Number(spec.PhoneNumberId) is not { } number)
        {
            return (null, $"phone_number_id: '{spec.PhoneNumberId}' is not one of WhatsAppEmulator__BusinessNumbers");
        }

        var at = spec.Timestamp is { } given ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(given, CultureInfo.InvariantCulture)) : time.GetUtcNow();
        var type = spec.Type!;
        var echo = new MessageEcho
        {
            From = number.DisplayPhoneNumber,
            To = user.WaId,
            ToUserId = user.UserId,
            ToParentUserId = user.ParentUserId,
            Id = spec.Id ?? WhatsAppIds.NewWamid(),
            Timestamp = WhatsAppIds.UnixSeconds(at),
            Type = type,
        };

        echo = contents.WithBody(echo, spec, number);

        // The syntax of Meta's page shows the echo's contact with a username only, never a name (an empty profile when
        // the user has no username).
        var contact = new WebhookContact(new ContactProfile(null, user.Username), user.WaId, user.UserId, user.ParentUserId);
        return (WebhookItem.ForEcho(number, contact, echo), null);
    }
}
