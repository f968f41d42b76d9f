using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TemporalBridge.Channels;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Temporal;

namespace TemporalBridge.Providers.WhatsApp.Webhooks;

/// <summary>
/// Reads one webhook body (already authenticated) into provider-neutral events. Pure: no I/O, no logging, so every
/// shape of Meta's webhook reference is tested on its own. A payload that is not JSON, or whose fields have the
/// wrong shape (an id outside Meta's shape included), is refused whole with the JSON path of the first wrong field
/// (<c>entry[0].changes[0].value.messages[1].id</c>): handing over half of it would make Meta's retry of the whole
/// payload a partial duplicate. What Meta does send but the bridge must not carry (a group's message, a status
/// of a message to a group) is skipped, named in <see cref="WebhookBatch.Skipped"/>.
/// </summary>
public static partial class WebhookParser
{
    /// <summary>The only <c>object</c> the bridge acts on; anything else (a page's, an Instagram account's) is ignored.</summary>
    public const string BusinessAccountObject = "whatsapp_business_account";

    /// <summary>The change <c>field</c> holding users' messages, statuses and account errors.</summary>
    public const string MessagesField = "messages";

    /// <summary>The change <c>field</c> holding what the business sent from the WhatsApp Business app (coexistence).</summary>
    public const string EchoesField = "smb_message_echoes";

    /// <summary>The change <c>field</c> holding what happened to a WhatsApp Business Account as a whole.</summary>
    public const string AccountUpdateField = "account_update";

    /// <summary>Where a problem with the body as a whole is reported.</summary>
    public const string BodyPath = "body";

    public static WebhookParseResult Parse(ReadOnlySpan<byte> body)
    {
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return WebhookParseResult.Refused(BodyPath, "is required: a JSON object");
        }

        try
        {
            var payload = Deserialize(body);
            return WebhookParseResult.Accepted(Read(payload));
        }
        catch (PayloadShapeException problem)
        {
            return WebhookParseResult.Refused(problem.Path, problem.Problem);
        }
    }

    private static WebhookPayload Deserialize(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, WebhookJsonContext.Default.WebhookPayload)
                ?? throw new PayloadShapeException(BodyPath, "must be a JSON object");
        }
        catch (JsonException e)
        {
            throw Problem("", e);
        }
    }

    private static WebhookBatch Read(WebhookPayload payload)
    {
        var objectName = PayloadShapeException.Required(payload.Object, "object");
        if (objectName != BusinessAccountObject)
        {
            return new WebhookBatch([], 0, objectName, [], []);
        }

        var batch = new BatchBuilder();
        var entries = PayloadShapeException.Required(payload.Entry, "entry");
        for (var i = 0; i < entries.Count; i++)
        {
            var entryPath = $"entry[{i}]";
            var entry = PayloadShapeException.Required(entries[i], entryPath);
            var changes = PayloadShapeException.Required(entry.Changes, $"{entryPath}.changes");
            for (var j = 0; j < changes.Count; j++)
            {
                var changePath = $"{entryPath}.changes[{j}]";
                var change = PayloadShapeException.Required(changes[j], changePath);
                var field = PayloadShapeException.Required(change.Field, $"{changePath}.field");
                if (field == AccountUpdateField)
                {
                    batch.AccountUpdates.Add(ReadAccountUpdate(change.Value, $"{changePath}.value", entry, entryPath));
                    continue;
                }

                if (field is not (MessagesField or EchoesField))
                {
                    batch.IgnoredFields.Add(field);
                    continue;
                }

                ReadValue(change.Value, $"{changePath}.value", batch);
            }
        }

        return new WebhookBatch(batch.Events, batch.Updates, null, batch.IgnoredFields, batch.Skipped)
        {
            AccountErrors = batch.AccountErrors,
            AccountUpdates = batch.AccountUpdates,
        };
    }

    /// <summary>A change's value that must be read: its problem, or the value.</summary>
    private static MessagesValue Value(ChangeValue? raw, string path)
    {
        if (raw?.Problem is { } problem)
        {
            throw Problem(path, problem);
        }

        return raw?.Messages ?? throw new PayloadShapeException(path, raw is null ? "is required: an object" : "must be an object");
    }

    /// <summary>
    /// An <c>account_update</c>: its kind and account. The account is <c>waba_info.waba_id</c> when given; Meta's older
    /// examples of bans and deletions name it only as the entry's <c>id</c> (which for partner events is a business's
    /// id instead, hence second).
    /// </summary>
    private static AccountUpdate ReadAccountUpdate(ChangeValue? raw, string path, WebhookEntry entry, string entryPath)
    {
        var value = Value(raw, path);
        var kind = PayloadShapeException.Required(Blank(value.Event), $"{path}.event");
        var account = OptionalId(value.WabaInfo?.WabaId, $"{path}.waba_info.waba_id", IdShapes.AccountId)
            ?? Id(entry.Id, $"{entryPath}.id", IdShapes.AccountId);
        var time = entry.Time is null ? (long?)null : Time(entry.Time, $"{entryPath}.time").ToUnixTimeSeconds();
        var partnerApp = OptionalId(value.WabaInfo?.PartnerAppId, $"{path}.waba_info.partner_app_id", IdShapes.AccountId);
        return new AccountUpdate(path, account, kind, time, partnerApp, BanState(value.BanInfo?.WabaBanState, $"{path}.ban_info.waba_ban_state"));
    }

    /// <summary>A ban's state, written by Meta as a string or (in older examples) an array of one string.</summary>
    private static string? BanState(JsonElement? state, string path) => state switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } one => one.GetString(),
        { ValueKind: JsonValueKind.Array } many when many.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            many.EnumerateArray().Select(e => e.GetString()).FirstOrDefault(),
        _ => throw new PayloadShapeException(path, "must be a string or an array of strings"),
    };

    private static void ReadValue(ChangeValue? raw, string path, BatchBuilder batch)
    {
        var value = Value(raw, path);

        var accountErrors = (value.Errors ?? []).OfType<WebhookError>().ToList();
        var messages = value.Messages ?? [];
        var echoes = value.MessageEchoes ?? [];
        var statuses = value.Statuses ?? [];
        string? account = null;
        if (messages.Count + echoes.Count + statuses.Count > 0 || value.Metadata?.PhoneNumberId is not null)
        {
            account = Id(value.Metadata?.PhoneNumberId, $"{path}.metadata.phone_number_id", IdShapes.PhoneNumberId);
        }

        foreach (var error in accountErrors)
        {
            batch.AccountErrors.Add(new AccountError(account, error.Code ?? 0, Blank(error.Title) ?? Blank(error.Message) ?? "", Blank(error.ErrorData?.Details)));
        }

        if (account is null)
        {
            return;
        }

        var contacts = (value.Contacts ?? []).OfType<WebhookContact>().ToList();
        var people = new Contacts(contacts, $"{path}.contacts");
        for (var k = 0; k < messages.Count; k++)
        {
            batch.Updates++;
            if (ReadMessage(messages[k], $"{path}.messages[{k}]", account, people, accountErrors, batch.Skipped) is { } message)
            {
                batch.Events.Add(message);
            }
        }

        for (var k = 0; k < echoes.Count; k++)
        {
            batch.Updates++;
            if (ReadEcho(echoes[k], $"{path}.message_echoes[{k}]", account, people, batch.Skipped) is { } echo)
            {
                batch.Events.Add(echo);
            }
        }

        for (var k = 0; k < statuses.Count; k++)
        {
            batch.Updates++;
            if (ReadStatus(statuses[k], $"{path}.statuses[{k}]", account, batch.Skipped) is { } status)
            {
                batch.Events.Add(status);
            }
        }
    }

    private static ClientMessageEvent? ReadMessage(
        WebhookMessage? message, string path, string account, Contacts contacts, List<WebhookError> accountErrors, List<SkippedUpdate> skipped)
    {
        PayloadShapeException.Required(message, path);
        var id = Id(message!.Id, $"{path}.id", IdShapes.Opaque);
        var sentAt = Time(message.Timestamp, $"{path}.timestamp");
        var type = PayloadShapeException.Required(message.Type, $"{path}.type");
        var from = OptionalId(message.From, $"{path}.from", IdShapes.WaId, IdShapes.Digits);
        var fromUserId = OptionalId(message.FromUserId, $"{path}.from_user_id", IdShapes.UserId);
        var fromParent = OptionalId(message.FromParentUserId, $"{path}.from_parent_user_id", IdShapes.UserId);
        if (OptionalId(message.GroupId, $"{path}.group_id", IdShapes.Opaque) is not null)
        {
            skipped.Add(new SkippedUpdate(path, "a message in a group: the bridge carries one-to-one conversations only", from));
            return null;
        }

        if (from is null && fromUserId is null && type == "system")
        {
            // A change of business-scoped id comes without the user's number (Meta's system messages reference):
            // only its body names the old id, as "… changed from <old> to <new>".
            fromUserId = OldIdIn(message.System?.Body);
            if (fromUserId is null)
            {
                skipped.Add(new SkippedUpdate(path, "a system notice that names no user", null));
                return null;
            }
        }

        if (from is null && fromUserId is null)
        {
            throw new PayloadShapeException($"{path}.from", "is required (or from_user_id)");
        }

        var client = contacts.Identify(from, fromUserId, fromParent);
        var text = MessageText.Render(message, type, path, accountErrors);
        var inbound = new InboundMessage(id, sentAt, text, ReplyTo(message, type, path))
        {
            Amends = Amends(message, type, path),
            NowKnownAs = type == "system" && message.System is { } system ? NewIdentity(system, client, $"{path}.system") : null,
        };
        return new ClientMessageEvent(ProviderNames.WhatsApp, account, client, inbound);
    }

    /// <summary>A message the business sent from the WhatsApp Business app (<c>message_echoes</c>): to the user in
    /// <c>to</c> / <c>to_user_id</c>, as the business's message of their conversation.</summary>
    private static ClientMessageEvent? ReadEcho(WebhookMessage? echo, string path, string account, Contacts contacts, List<SkippedUpdate> skipped)
    {
        PayloadShapeException.Required(echo, path);
        var id = Id(echo!.Id, $"{path}.id", IdShapes.Opaque);
        var sentAt = Time(echo.Timestamp, $"{path}.timestamp");
        var type = PayloadShapeException.Required(echo.Type, $"{path}.type");
        var to = OptionalId(echo.To, $"{path}.to", IdShapes.WaId, IdShapes.Digits);
        var toUserId = OptionalId(echo.ToUserId, $"{path}.to_user_id", IdShapes.UserId);
        if (OptionalId(echo.GroupId, $"{path}.group_id", IdShapes.Opaque) is not null)
        {
            skipped.Add(new SkippedUpdate(path, "the business's message to a group: the bridge carries one-to-one conversations only", to));
            return null;
        }

        if (to is null && toUserId is null)
        {
            throw new PayloadShapeException($"{path}.to", "is required (or to_user_id)");
        }

        var client = contacts.Identify(to, toUserId, parentUserId: null);
        var text = MessageText.Render(echo, type, path, []);
        var inbound = new InboundMessage(id, sentAt, text, OptionalId(echo.Context?.Id, $"{path}.context.id", IdShapes.Opaque))
        {
            Amends = Amends(echo, type, path),
            FromBusiness = true,
        };
        return new ClientMessageEvent(ProviderNames.WhatsApp, account, client, inbound);
    }

    private static DeliveryStatusEvent? ReadStatus(WebhookStatus? status, string path, string account, List<SkippedUpdate> skipped)
    {
        PayloadShapeException.Required(status, path);
        var id = Id(status!.Id, $"{path}.id", IdShapes.Opaque);
        var value = PayloadShapeException.Required(status.Status, $"{path}.status");
        var at = Time(status.Timestamp, $"{path}.timestamp");
        var recipient = OptionalId(status.RecipientId, $"{path}.recipient_id", IdShapes.Opaque, IdShapes.Digits)
            ?? OptionalId(status.RecipientUserId, $"{path}.recipient_user_id", IdShapes.UserId);
        if (status.RecipientType == "group")
        {
            skipped.Add(new SkippedUpdate(path, "the status of a message to a group", null));
            return null;
        }

        ProviderDeliveryStatus? known = value switch
        {
            "sent" => ProviderDeliveryStatus.Sent,
            "delivered" => ProviderDeliveryStatus.Delivered,
            // A voice message that was listened to: for the sender it is as good as read.
            "read" or "played" => ProviderDeliveryStatus.Read,
            "failed" => ProviderDeliveryStatus.Failed,
            _ => null,
        };
        if (known is not { } delivery)
        {
            skipped.Add(new SkippedUpdate(path, $"unknown status '{Bounded(value)}'", recipient));
            return null;
        }

        var error = delivery == ProviderDeliveryStatus.Failed ? Error(status.Errors?.OfType<WebhookError>().FirstOrDefault()) : null;
        return new DeliveryStatusEvent(ProviderNames.WhatsApp, account, id, delivery, at, recipient, error)
        {
            // Another app on the same number may send its own callback data: only a delivery id of this bridge counts.
            DeliveryId = WorkflowIds.IsOutboundDelivery(status.BizOpaqueCallbackData) ? status.BizOpaqueCallbackData : null,
            Pricing = status.Pricing is { } pricing ? new MessagePricing(pricing.Billable, pricing.Category, pricing.Type, pricing.PricingModel) : null,
        };
    }

    /// <summary>The earlier message this one answers: a reply's quoted message, or the one a reaction is about (linked
    /// the same way). A reaction whose content Meta could not give (shown as unreadable) names none.</summary>
    private static string? ReplyTo(WebhookMessage message, string type, string path) => type switch
    {
        "reaction" => message.Reaction is null ? null : Id(message.Reaction.MessageId, $"{path}.reaction.message_id", IdShapes.Opaque),
        _ => OptionalId(message.Context?.Id, $"{path}.context.id", IdShapes.Opaque),
    };

    /// <summary>The earlier message an edit or a deletion is about; an edit whose content Meta could not give names none.</summary>
    private static string? Amends(WebhookMessage message, string type, string path) => type switch
    {
        "edit" => message.Edit is null ? null : Id(message.Edit.OriginalMessageId, $"{path}.edit.original_message_id", IdShapes.Opaque),
        "revoke" => Id(message.Revoke?.OriginalMessageId, $"{path}.revoke.original_message_id", IdShapes.Opaque),
        _ => null,
    };

    /// <summary>
    /// Who the client is after a change of number or of business-scoped id (Meta's system messages reference):
    /// <c>user_changed_number</c> gives the new number in <c>wa_id</c> (and, since 2026, the new <c>user_id</c>);
    /// <c>user_changed_user_id</c> gives only the new <c>user_id</c>, the number staying what it was. Other notices
    /// change nobody.
    /// </summary>
    private static ClientIdentity? NewIdentity(SystemContent system, ClientIdentity client, string path)
    {
        var newUserId = OptionalId(system.UserId, $"{path}.user_id", IdShapes.UserId);
        var newParent = OptionalId(system.ParentUserId, $"{path}.parent_user_id", IdShapes.UserId);
        switch (system.Type)
        {
            case "user_changed_number":
                var waId = Id(system.WaId, $"{path}.wa_id", IdShapes.WaId, IdShapes.Digits);
                return new ClientIdentity(waId, $"+{waId}", client.Name) { UserId = newUserId, ParentUserId = newParent ?? client.ParentUserId };
            case "user_changed_user_id":
                var userId = Id(system.UserId, $"{path}.user_id", IdShapes.UserId);
                return client.Phone is null
                    ? new ClientIdentity(userId, null, client.Name) { UserId = userId, ParentUserId = newParent ?? client.ParentUserId }
                    : client with { UserId = userId, ParentUserId = newParent ?? client.ParentUserId };
            default:
                return null;
        }
    }

    /// <summary>The old id in a notice's body, "User … changed from <c>US.1</c> to <c>US.2</c>"; null when it has none.</summary>
    private static string? OldIdIn(string? body) =>
        body is not null && ChangedFrom().Match(body) is { Success: true } match && IdShapes.UserId(match.Groups[1].Value) is null
            ? match.Groups[1].Value
            : null;

    private static ProviderError? Error(WebhookError? error) =>
        error is null
            ? null
            : new ProviderError(
                error.Code?.ToString(CultureInfo.InvariantCulture) ?? "",
                Blank(error.Title) ?? Blank(error.Message) ?? "",
                Blank(error.ErrorData?.Details));

    /// <summary>A required id in its shape, or the problem at <paramref name="path"/>.</summary>
    internal static string Id(string? value, string path, Func<string, string?> shape, Func<string, string>? normalise = null) =>
        OptionalId(PayloadShapeException.Required(value, path), path, shape, normalise)!;

    /// <summary>An id that may be absent (or empty: Meta once sent "" for missing ids); when present, in its shape.</summary>
    internal static string? OptionalId(string? value, string path, Func<string, string?> shape, Func<string, string>? normalise = null)
    {
        if (Blank(value) is not { } given)
        {
            return null;
        }

        var id = normalise is null ? given : normalise(given);
        return shape(id) is { } problem ? throw new PayloadShapeException(path, problem) : id;
    }

    /// <summary>Unix seconds, as a string of digits.</summary>
    private static DateTimeOffset Time(string? timestamp, string path)
    {
        var text = PayloadShapeException.Required(timestamp, path);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new PayloadShapeException(path, "must be unix seconds, as a string of digits");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>A value echoed into logs: bounded, since it came from outside.</summary>
    private static string Bounded(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    /// <summary>
    /// The serializer's complaint, named by path and position. Its own message is not passed on: for a syntax
    /// error it quotes the body.
    /// </summary>
    private static PayloadShapeException Problem(string prefix, JsonException e)
    {
        var relative = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        var path = (prefix, relative) switch
        {
            ("", "") => BodyPath,
            ("", _) => relative,
            (_, "") => prefix,
            _ when relative.StartsWith('[') => prefix + relative,
            _ => $"{prefix}.{relative}",
        };
        // Inside a change's value (read on its own, see ChangeValueConverter) the reader counts from the value, not
        // the body: there the path alone says where.
        return PayloadShapeException.FromJson(e, path, BodyPath, withPosition: prefix.Length == 0);
    }

    [GeneratedRegex("changed from (\\S+) to \\S+")]
    private static partial Regex ChangedFrom();

    /// <summary>The users a change names in <c>contacts</c>: who a message is from, with their name.</summary>
    private sealed class Contacts(List<WebhookContact> contacts, string path)
    {
        /// <summary>
        /// The client a message is from (or an echo is to): keyed by wa_id when there is one, else by the
        /// business-scoped id, named by profile name, else username. The contact's ids fill in what the message left
        /// out.
        /// </summary>
        public ClientIdentity Identify(string? waId, string? userId, string? parentUserId)
        {
            var index = contacts.FindIndex(c =>
                (waId is not null && c.WaId is { } wa && IdShapes.Digits(wa) == waId) || (userId is not null && c.UserId == userId));
            var contact = index < 0 ? null : contacts[index];
            var at = $"{path}[{index}]";
            waId ??= OptionalId(contact?.WaId, $"{at}.wa_id", IdShapes.WaId, IdShapes.Digits);
            userId ??= OptionalId(contact?.UserId, $"{at}.user_id", IdShapes.UserId);
            parentUserId ??= OptionalId(contact?.ParentUserId, $"{at}.parent_user_id", IdShapes.UserId);
            var name = Blank(contact?.Profile?.Name) ?? Blank(contact?.Profile?.Username);
            return new ClientIdentity(waId ?? userId!, waId is null ? null : $"+{waId}", name) { UserId = userId, ParentUserId = parentUserId };
        }
    }

    private sealed class BatchBuilder
    {
        public List<ProviderEvent> Events { get; } = [];

        public List<string> IgnoredFields { get; } = [];

        public List<SkippedUpdate> Skipped { get; } = [];

        public List<AccountError> AccountErrors { get; } = [];

        public List<AccountUpdate> AccountUpdates { get; } = [];

        public int Updates { get; set; }
    }
}
