using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.WhatsApp.Chats;
using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Graph;
using TemporalBridge.Sandbox.WhatsApp.Webhooks;

namespace TemporalBridge.Sandbox.WhatsApp.Users;

/// <summary>
/// Turns what a simulated user does into the <c>messages[]</c> item Meta would send: fills in the wamid, timestamp,
/// sender fields and media ids, keeps the media for download, and opens the 24-hour window for that number.
/// </summary>
public sealed class UserMessages(
    UserDirectory users, MessageContents contents, MessageLedger ledger, TimeProvider time, IOptions<WhatsAppEmulatorOptions> options)
{
    /// <summary>The update to send, or why the spec names nobody the emulator knows.</summary>
    public (WebhookItem? Item, string? Problem) Compose(UserMessageSpec spec)
    {
        if (users.Find(spec.From!) is not { } user)
        {
            return (null, $"from: no simulated user has wa_id or user_id '{spec.From}' (POST _control/users first)");
        }

        if (options.Value.Number(spec.PhoneNumberId) is not { } number)
        {
            return (null, $"phone_number_id: '{spec.PhoneNumberId}' is not one of WhatsAppEmulator__BusinessNumbers");
        }

        var system = spec.Type == "system" ? spec.System! : null;
        if (system?.Type == SystemSpec.UserChangedNumber && user.WaId is null)
        {
            return (null, "system.type: user_changed_number needs a user with a wa_id: the old number is the message's from");
        }

        if (system?.Type == SystemSpec.UserChangedUserId && user.UserId is null)
        {
            return (null, "system.type: user_changed_user_id needs a user with a user_id: the old one is named in the body");
        }

        var at = spec.Timestamp is { } given ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(given, System.Globalization.CultureInfo.InvariantCulture)) : time.GetUtcNow();
        var message = Build(spec, user, number, at);

        // Meta's system messages reference: a system message carries no contacts.
        var contact = system is null ? new WebhookContact(new ContactProfile(user.Name, user.Username), user.WaId, user.UserId, user.ParentUserId) : null;

        ledger.Received(new InboundRecord(message.Id, number.PhoneNumberId, user.Key, at, ChatPreviews.Of(spec))
        {
            ReplyTo = spec.Type == "reaction" ? null : spec.Context?.Id,
            ReactsTo = spec.Type == "reaction" ? spec.Reaction?.MessageId : null,
        });
        if (system is not null)
        {
            // Built with the old ids; from now on the user writes with the new ones.
            var changed = system.Type == SystemSpec.UserChangedNumber ? users.ChangeNumber(user, system.WaId!) : user;
            if (changed is not null && system.UserId is { } newUserId)
            {
                users.ChangeUserId(changed, newUserId, system.ParentUserId);
            }
        }
        else if (spec.GroupId is null)
        {
            // Only a message to the business itself opens the user's window: a group is a conversation of its own
            // (the emulator's reading; the group reference sets no window for the participant's own chat).
            users.Wrote(number.PhoneNumberId, user, at);
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
            FromParentUserId = user.ParentUserId,
            GroupId = spec.GroupId,
            Id = spec.Id ?? WhatsAppIds.NewWamid(),
            Timestamp = WhatsAppIds.UnixSeconds(at),
            Type = type,
            Context = spec.Context is { } context && context.Id is not null && context.From is null
                ? context with { From = number.DisplayPhoneNumber }
                : spec.Context,
            Referral = spec.Referral,
        };

        message = contents.WithBody(message, spec, number);
        return type switch
        {
            "contacts" => message with { Contacts = spec.Contacts },
            "interactive" => message with { Interactive = spec.Interactive },
            "button" => message with { Button = spec.Button },
            "order" => message with { Order = spec.Order },

            // Meta's conversational components page: only the type, no object named by it.
            "request_welcome" => message,
            "unsupported" => message with
            {
                Unsupported = spec.Unsupported ?? new UnsupportedContent("unknown"),
                Errors = [UnsupportedError()],
            },
            "system" => SystemMessage(message, spec.System!, user),
            _ => message,
        };
    }

    /// <summary>
    /// <c>user_changed_number</c> comes from the old number (and the old user id); <c>user_changed_user_id</c> names
    /// nobody in <c>from</c> or <c>from_user_id</c>, as Meta says it includes no phone number. The body names the old
    /// and new id unless the spec gives one.
    /// </summary>
    private static InboundMessage SystemMessage(InboundMessage message, SystemSpec spec, SimulatedUser user)
    {
        var changedNumber = spec.Type == SystemSpec.UserChangedNumber;
        var (before, after) = changedNumber ? (user.WaId, spec.WaId) : (user.UserId, spec.UserId);
        var system = new SystemContent(
            spec.Body ?? $"User {user.Name} changed from {before} to {after}",
            changedNumber ? spec.WaId : null,
            spec.UserId,
            spec.ParentUserId,
            spec.Type!);
        return changedNumber
            ? message with { System = system }
            : message with { From = null, FromUserId = null, FromParentUserId = null, System = system };
    }

    private static WebhookError UnsupportedError()
    {
        var code = GraphErrors.Get(GraphErrors.UnsupportedType);
        return new WebhookError(code.Code, code.Title, code.Title, new WebhookErrorData(code.Details), Href: null);
    }
}
