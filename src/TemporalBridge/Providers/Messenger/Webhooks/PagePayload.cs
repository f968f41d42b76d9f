using System.Text.Json;
using System.Text.Json.Serialization;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.Messenger.Webhooks;

// A Page webhook (object "page"), as Meta's Messenger Platform reference describes its events: "Webhook Events"
// (the envelope), "messages", "message_echoes", "message_edits", "message_reactions", "messaging_postbacks",
// "message_deliveries", "message_reads" and "standby". Every field is optional here: the parser says which one was missing, by its path.
// Ids are strings in Meta's examples since 2016 and are read from a number too; timestamps are milliseconds, read
// from a number or a numeric string (Meta's newer postback page writes them as strings). Init-only properties, not
// constructor parameters: the serializer then needs no argument cache per object.

/// <summary>The body: <c>{"object": "page", "entry": [...]}</c>.</summary>
internal sealed record PagePayload
{
    public string? Object { get; init; }

    public List<PageEntry?>? Entry { get; init; }
}

/// <summary>One Page's events: <c>messaging</c> when the bridge's app owns the thread, <c>standby</c> when another
/// app (or the Page Inbox) does.</summary>
internal sealed record PageEntry
{
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Id { get; init; }

    public long? Time { get; init; }

    public List<PageEvent?>? Messaging { get; init; }

    public List<PageEvent?>? Standby { get; init; }
}

/// <summary>One event: who to whom, when, and one of a message, a reaction, a postback, a delivery or a read.</summary>
internal sealed record PageEvent
{
    public EventParty? Sender { get; init; }

    public EventParty? Recipient { get; init; }

    public long? Timestamp { get; init; }

    public PageMessage? Message { get; init; }

    public PageReaction? Reaction { get; init; }

    public PagePostback? Postback { get; init; }

    public PageWatermark? Delivery { get; init; }

    public PageWatermark? Read { get; init; }

    public PageMessageEdit? MessageEdit { get; init; }

    /// <summary>Kinds the bridge does not act on (optin, referral, the handover protocol's …), named in the log.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; } // settable: the serializer cannot fill extension data through init
}

/// <summary>A user (by page-scoped id, or <c>user_ref</c> for a chat-plugin visitor) or a Page.</summary>
internal sealed record EventParty
{
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Id { get; init; }

    public string? UserRef { get; init; }
}

/// <summary>A message, from the user or (<c>is_echo</c>) from the Page: <c>messages</c> and <c>message_echoes</c>.</summary>
internal sealed record PageMessage
{
    public string? Mid { get; init; }

    public string? Text { get; init; }

    public bool? IsEcho { get; init; }

    /// <summary>The app that sent an echo: a number in Meta's examples, a string in its table, missing on some.</summary>
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? AppId { get; init; }

    /// <summary>What the sender put in the Send API's <c>message.metadata</c>: the bridge's delivery id on its own sends.</summary>
    public string? Metadata { get; init; }

    public PageQuickReply? QuickReply { get; init; }

    public PageReplyTo? ReplyTo { get; init; }

    public List<PageAttachment?>? Attachments { get; init; }

    /// <summary>A sticker, in Meta's older form (now inside the attachment's payload).</summary>
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? StickerId { get; init; }
}

internal sealed record PageQuickReply
{
    public string? Payload { get; init; }
}

internal sealed record PageReplyTo
{
    public string? Mid { get; init; }
}

/// <summary>An attachment: a type and a payload; a link share (<c>fallback</c>) and a template echo carry their
/// title and url on the attachment itself, and their payload may be null.</summary>
internal sealed record PageAttachment
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public string? Url { get; init; }

    public AttachmentPayload? Payload { get; init; }
}

internal sealed record AttachmentPayload
{
    public string? Url { get; init; }

    public string? Title { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? StickerId { get; init; }

    public Coordinates? Coordinates { get; init; }
}

/// <summary>A shared location's point (Meta retired location sharing in 2019; older clients may still send it).</summary>
internal sealed record Coordinates
{
    public double? Lat { get; init; }

    public double? Long { get; init; }
}

/// <summary><c>message_reactions</c>: a user reacted to (or took back a reaction from) message <see cref="Mid"/>.</summary>
internal sealed record PageReaction
{
    public string? Reaction { get; init; }

    public string? Emoji { get; init; }

    public string? Action { get; init; }

    public string? Mid { get; init; }
}

/// <summary><c>message_edits</c>: the user edited their message <see cref="Mid"/>; <see cref="Text"/> is the new text
/// and <see cref="NumEdit"/> counts the edits (an integer in Meta's table, a string in its example).</summary>
internal sealed record PageMessageEdit
{
    public string? Mid { get; init; }

    public string? Text { get; init; }

    public int? NumEdit { get; init; }
}

/// <summary><c>messaging_postbacks</c>: a user tapped a button.</summary>
internal sealed record PagePostback
{
    public string? Mid { get; init; }

    public string? Title { get; init; }

    public string? Payload { get; init; }
}

/// <summary><c>message_deliveries</c> and <c>message_reads</c>: everything the Page sent before the watermark (ms)
/// was delivered, or read. <c>mids</c> may come with a delivery; the watermark is what counts.</summary>
internal sealed record PageWatermark
{
    public long? Watermark { get; init; }

    public List<string?>? Mids { get; init; }
}
