using System.Globalization;
using System.Text.Json;
using TemporalBridge.Channels;
using TemporalBridge.Conversations;
using TemporalBridge.Temporal;

namespace TemporalBridge.WhatsApp.Webhooks;

/// <summary>
/// Reads one webhook body (already authenticated) into provider-neutral events. Pure: no I/O, no logging, so every
/// shape of the facts sheet is tested on its own. A payload that is not JSON, or whose fields have the wrong shape,
/// is refused whole with the JSON path of the first wrong field (<c>entry[0].changes[0].value.messages[1].id</c>):
/// handing over half of it would make Meta's retry of the whole payload a partial duplicate.
/// </summary>
public static class WebhookParser
{
    /// <summary>The only <c>object</c> the bridge acts on; anything else (a page's, an Instagram account's) is ignored.</summary>
    public const string BusinessAccountObject = "whatsapp_business_account";

    /// <summary>The only change <c>field</c> holding messages and statuses.</summary>
    public const string MessagesField = "messages";

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
            var changes = PayloadShapeException.Required(PayloadShapeException.Required(entries[i], entryPath).Changes, $"{entryPath}.changes");
            for (var j = 0; j < changes.Count; j++)
            {
                var changePath = $"{entryPath}.changes[{j}]";
                var change = PayloadShapeException.Required(changes[j], changePath);
                var field = PayloadShapeException.Required(change.Field, $"{changePath}.field");
                if (field != MessagesField)
                {
                    batch.IgnoredFields.Add(field);
                    continue;
                }

                ReadMessagesValue(change.Value, $"{changePath}.value", batch);
            }
        }

        return new WebhookBatch(batch.Events, batch.Updates, null, batch.IgnoredFields, batch.Skipped);
    }

    private static void ReadMessagesValue(ChangeValue? raw, string path, BatchBuilder batch)
    {
        if (raw?.Problem is { } problem)
        {
            throw Problem(path, problem);
        }

        if (raw?.Messages is not { } value)
        {
            throw new PayloadShapeException(path, "is required: an object");
        }

        var messages = value.Messages ?? [];
        var statuses = value.Statuses ?? [];
        if (messages.Count == 0 && statuses.Count == 0)
        {
            return;
        }

        var account = PayloadShapeException.Required(value.Metadata?.PhoneNumberId, $"{path}.metadata.phone_number_id");
        var contacts = (value.Contacts ?? []).OfType<WebhookContact>().ToList();
        for (var k = 0; k < messages.Count; k++)
        {
            batch.Updates++;
            batch.Events.Add(ReadMessage(messages[k], $"{path}.messages[{k}]", account, contacts));
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

    private static ClientMessageEvent ReadMessage(WebhookMessage? message, string path, string account, List<WebhookContact> contacts)
    {
        PayloadShapeException.Required(message, path);
        var id = PayloadShapeException.Required(message!.Id, $"{path}.id");
        var sentAt = Time(message.Timestamp, $"{path}.timestamp");
        var type = PayloadShapeException.Required(message.Type, $"{path}.type");
        var from = Blank(message.From);
        var fromUserId = Blank(message.FromUserId);
        if (from is null && fromUserId is null)
        {
            throw new PayloadShapeException($"{path}.from", "is required (or from_user_id)");
        }

        var contact = contacts.FirstOrDefault(c =>
            (from is not null && c.WaId == from) || (fromUserId is not null && c.UserId == fromUserId));
        var waId = from ?? Blank(contact?.WaId);
        var client = new ClientIdentity(
            waId ?? fromUserId ?? contact!.UserId!,
            waId is null ? null : $"+{waId}",
            Blank(contact?.Profile?.Name));

        var text = MessageText.Render(message, type, path);
        // A reaction names the message it is about just as a reply does, so it is linked to it the same way.
        var replyTo = Blank(message.Context?.Id) ?? (type == "reaction" ? Blank(message.Reaction?.MessageId) : null);
        return new ClientMessageEvent(ProviderNames.WhatsApp, account, client, new InboundMessage(id, sentAt, text, replyTo));
    }

    private static DeliveryStatusEvent? ReadStatus(WebhookStatus? status, string path, string account, List<SkippedUpdate> skipped)
    {
        PayloadShapeException.Required(status, path);
        var id = PayloadShapeException.Required(status!.Id, $"{path}.id");
        var value = PayloadShapeException.Required(status.Status, $"{path}.status");
        var at = Time(status.Timestamp, $"{path}.timestamp");
        var recipient = Blank(status.RecipientId) ?? Blank(status.RecipientUserId);
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

    private static ProviderError? Error(WebhookError? error) =>
        error is null
            ? null
            : new ProviderError(
                error.Code?.ToString(CultureInfo.InvariantCulture) ?? "",
                Blank(error.Title) ?? Blank(error.Message) ?? "",
                Blank(error.ErrorData?.Details));

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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

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
        var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
        // The reader's own exception (a JsonException too) is inside when the text is not JSON at all; a value of
        // the wrong type comes without one.
        var problem = e.InnerException is JsonException ? $"is not valid JSON{where}" : $"has the wrong type{where}";
        return new PayloadShapeException(path, path == BodyPath && e.InnerException is not JsonException ? "must be a JSON object" : problem);
    }

    private sealed class BatchBuilder
    {
        public List<ProviderEvent> Events { get; } = [];

        public List<string> IgnoredFields { get; } = [];

        public List<SkippedUpdate> Skipped { get; } = [];

        public int Updates { get; set; }
    }
}
