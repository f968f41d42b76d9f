using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Temporal;

namespace TemporalBridge.Providers.Messenger.Webhooks;

/// <summary>
/// Reads one Page webhook body (already authenticated) into provider-neutral events. Pure: no I/O, no logging. Every
/// entry and every event of it is read (Meta batches several Pages and events under load). A body that is not
/// JSON, or whose fields have the wrong shape (an id outside Meta's shape included), is refused whole with the JSON
/// path of the first wrong field (<c>entry[0].messaging[1].message.mid</c>): handing over half of it would make
/// Meta's retry of the whole body a partial duplicate. Left aside, and named in <see cref="PageWebhookBatch.Skipped"/>:
/// <c>standby</c> events (another app, or the Page Inbox, owns the conversation), the echo of a message the bridge
/// sent itself (its <c>metadata</c> is the bridge's delivery id), a chat-plugin visitor (no page-scoped id), and
/// kinds the bridge does not act on (optin, referral, the handover protocol's).
/// </summary>
public static class PageWebhookParser
{
    /// <summary>The only <c>object</c> the bridge acts on here.</summary>
    public const string PageObject = "page";

    /// <summary>Where a problem with the body as a whole is reported.</summary>
    public const string BodyPath = "body";

    /// <summary>Below this a timestamp is in seconds (Meta's newer postback page), above it in milliseconds.</summary>
    private const long MillisecondsFrom = 100_000_000_000;

    public static PageParseResult Parse(ReadOnlySpan<byte> body)
    {
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new PageParseResult(null, new PayloadProblem(BodyPath, "is required: a JSON object"));
        }

        try
        {
            return new PageParseResult(Read(Deserialize(body)), null);
        }
        catch (PayloadShapeException problem)
        {
            return new PageParseResult(null, new PayloadProblem(problem.Path, problem.Problem));
        }
    }

    private static PagePayload Deserialize(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, PageJsonContext.Default.PagePayload)
                ?? throw new PayloadShapeException(BodyPath, "must be a JSON object");
        }
        catch (JsonException e)
        {
            var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            throw PayloadShapeException.FromJson(e, path.Length == 0 ? BodyPath : path, BodyPath, withPosition: true);
        }
    }

    private static PageWebhookBatch Read(PagePayload payload)
    {
        var objectName = PayloadShapeException.Required(payload.Object, "object");
        if (objectName != PageObject)
        {
            return new PageWebhookBatch([], 0, objectName, []);
        }

        var events = new List<ProviderEvent>();
        var skipped = new List<SkippedEvent>();
        var updates = 0;
        var entries = PayloadShapeException.Required(payload.Entry, "entry");
        for (var i = 0; i < entries.Count; i++)
        {
            var entryPath = $"entry[{i}]";
            var entry = PayloadShapeException.Required(entries[i], entryPath);
            var pageId = Id(entry.Id, $"{entryPath}.id", MessengerIds.Numeric);
            var messaging = entry.Messaging ?? [];
            for (var j = 0; j < messaging.Count; j++)
            {
                updates++;
                var path = $"{entryPath}.messaging[{j}]";
                var (read, leftAside) = Event(pageId, PayloadShapeException.Required(messaging[j], path), path);
                if (read is not null)
                {
                    events.Add(read);
                }
                else
                {
                    skipped.Add(new SkippedEvent(path, leftAside!));
                }
            }

            var standby = entry.Standby ?? [];
            for (var j = 0; j < standby.Count; j++)
            {
                updates++;
                skipped.Add(new SkippedEvent($"{entryPath}.standby[{j}]", "standby: another app or the Page Inbox owns the conversation"));
            }
        }

        return new PageWebhookBatch(events, updates, null, skipped);
    }

    private const string ChatPluginVisitor = "a chat-plugin visitor (user_ref): no page-scoped id to answer";

    /// <summary>The event as a neutral one, or why it is left aside.</summary>
    private static (ProviderEvent? Read, string? LeftAside) Event(string pageId, PageEvent e, string path)
    {
        if (e.Message is { IsEcho: true } echo)
        {
            if (WorkflowIds.IsOutboundDelivery(echo.Metadata))
            {
                return (null, "the echo of a message the bridge sent");
            }
            var to = User(e.Recipient, $"{path}.recipient");
            return to is null ? (null, ChatPluginVisitor) : (Message(pageId, to, echo, e.Timestamp, path), null);
        }

        var from = User(e.Sender, $"{path}.sender");
        if (from is null)
        {
            return (null, ChatPluginVisitor);
        }
        if (e.Message is { } message)
        {
            return (Message(pageId, from, message, e.Timestamp, path), null);
        }
        if (e.Reaction is { } reaction)
        {
            var reacted = Id(reaction.Mid, $"{path}.reaction.mid", MessengerIds.Mid);
            var at = Time(e.Timestamp, $"{path}.timestamp");
            var id = Derived("reaction", pageId, from, reacted, reaction.Action ?? "", Milliseconds(at));
            return (new ClientMessageEvent(ProviderNames.Messenger, pageId, Client(from), new InboundMessage(id, at, MessengerText.Reaction(reaction), reacted)), null);
        }
        if (e.MessageEdit is { } edit)
        {
            var edited = Id(edit.Mid, $"{path}.message_edit.mid", MessengerIds.Mid);
            var at = Time(e.Timestamp, $"{path}.timestamp");
            var id = Derived("edit", pageId, from, edited, edit.NumEdit?.ToString(CultureInfo.InvariantCulture) ?? Milliseconds(at));
            var text = PayloadShapeException.Required(edit.Text, $"{path}.message_edit.text");
            return (new ClientMessageEvent(ProviderNames.Messenger, pageId, Client(from),
                new InboundMessage(id, at, $"{MessageWords.Edited} {text}") { Amends = edited }), null);
        }
        if (e.Postback is { } postback)
        {
            var at = Time(e.Timestamp, $"{path}.timestamp");
            var id = postback.Mid is null
                ? Derived("postback", pageId, from, postback.Payload ?? "", Milliseconds(at))
                : Id(postback.Mid, $"{path}.postback.mid", MessengerIds.Mid);
            return (new ClientMessageEvent(ProviderNames.Messenger, pageId, Client(from), new InboundMessage(id, at, MessengerText.Postback(postback))), null);
        }
        if (e.Delivery is { } delivery)
        {
            return (Watermark(pageId, from, ProviderDeliveryStatus.Delivered, delivery, $"{path}.delivery"), null);
        }
        if (e.Read is { } read)
        {
            return (Watermark(pageId, from, ProviderDeliveryStatus.Read, read, $"{path}.read"), null);
        }
        return (null, e.Other is { Count: > 0 } other ? $"{Bounded(other.Keys.First())} events are not acted on" : "an event of no kind the bridge knows");
    }

    private static ClientMessageEvent Message(string pageId, string user, PageMessage message, long? timestamp, string path)
    {
        var at = $"{path}.message";
        var mid = Id(message.Mid, $"{at}.mid", MessengerIds.Mid);
        var replyTo = message.ReplyTo?.Mid is { } quoted ? Id(quoted, $"{at}.reply_to.mid", MessengerIds.Mid) : null;
        var inbound = new InboundMessage(mid, Time(timestamp, $"{path}.timestamp"), MessengerText.For(message), replyTo)
        {
            FromBusiness = message.IsEcho == true,
        };
        return new ClientMessageEvent(ProviderNames.Messenger, pageId, Client(user), inbound);
    }

    private static ReceiptWatermarkEvent Watermark(string pageId, string user, ProviderDeliveryStatus status, PageWatermark receipt, string path) =>
        new(ProviderNames.Messenger, pageId, user, status, Time(receipt.Watermark, $"{path}.watermark"));

    /// <summary>The user's page-scoped id, or null for a chat-plugin visitor (<c>user_ref</c>), who has none.</summary>
    private static string? User(EventParty? party, string path)
    {
        var known = PayloadShapeException.Required(party, path);
        return known.Id is null && !string.IsNullOrWhiteSpace(known.UserRef) ? null : Id(known.Id, $"{path}.id", MessengerIds.Numeric);
    }

    private static ClientIdentity Client(string psid) => new(psid, Phone: null, Name: null);

    /// <summary>Meta gives a reaction no id of its own, and an old postback none: one made from what identifies it,
    /// the same each time Meta sends it again, so a redelivery is still one message.</summary>
    private static string Derived(string kind, params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return $"{kind}.{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }

    private static string Id(string? value, string path, Func<string, string?> shape)
    {
        var id = PayloadShapeException.Required(value, path);
        return shape(id) is { } problem ? throw new PayloadShapeException(path, problem) : id;
    }

    /// <summary>Milliseconds since 1970 (seconds too, below <see cref="MillisecondsFrom"/>).</summary>
    private static DateTimeOffset Time(long? value, string path)
    {
        var time = value ?? throw new PayloadShapeException(path, "is required");
        if (time <= 0 || time > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new PayloadShapeException(path, "must be a time in milliseconds since 1970");
        }
        return time < MillisecondsFrom ? DateTimeOffset.FromUnixTimeSeconds(time) : DateTimeOffset.FromUnixTimeMilliseconds(time);
    }

    private static string Milliseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string Bounded(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
