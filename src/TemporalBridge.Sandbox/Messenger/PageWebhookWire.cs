namespace TemporalBridge.Sandbox.Messenger;

// The Page webhooks the emulator sends, shaped as Meta's Messenger Platform webhook reference shows them
// (developers.facebook.com/docs/messenger-platform/webhooks and /reference/webhook-events: messages, message_echoes,
// message_deliveries, message_reads, message_reactions, messaging_postbacks, standby). The emulator's own types, apart from the bridge's, so the two cannot drift together.

/// <summary><c>{"object":"page","entry":[…]}</c>.</summary>
public sealed record PageWebhook(string Object, IReadOnlyList<PageEntry> Entry);

/// <summary>One Page's events: <c>id</c> the Page, <c>time</c> in milliseconds; <c>messaging</c> for the app that owns
/// the conversation, <c>standby</c> for the others (the handover protocol).</summary>
public sealed record PageEntry(string Id, long Time, IReadOnlyList<MessagingEvent>? Messaging)
{
    public IReadOnlyList<MessagingEvent>? Standby { get; init; }
}

/// <summary>One <c>messaging[]</c> element: who, to whom, when (milliseconds), and exactly one kind of event.</summary>
public sealed record MessagingEvent(PageParty Sender, PageParty Recipient, long Timestamp)
{
    public PageMessage? Message { get; init; }

    public WatermarkEvent? Delivery { get; init; }

    public WatermarkEvent? Read { get; init; }

    public ReactionEvent? Reaction { get; init; }

    public PostbackEvent? Postback { get; init; }
}

/// <summary><c>reaction</c>: the person reacted to (or unreacted from) the message <c>mid</c>; <c>reaction</c> is Meta's
/// name for it (love, like, smile, wow, sad, angry, dislike, other).</summary>
public sealed record ReactionEvent(string Reaction, string? Emoji, string Action, string Mid);

/// <summary><c>postback</c>: the person tapped a button; Meta gives it a <c>mid</c>.</summary>
public sealed record PostbackEvent(string Mid, string Title, string Payload);

public sealed record PageParty(string Id);

/// <summary>An attachment a person sent: <c>type</c> (the emulator sends <c>image</c> and <c>location</c>) and its
/// payload (Meta's /reference/webhook-events/messages, <c>attachments</c>).</summary>
public sealed record PageAttachment(string Type, AttachmentPayload Payload);

/// <summary>A photo's <c>url</c>, where Meta's CDN serves it, or a location's <c>coordinates</c>.</summary>
public sealed record AttachmentPayload(string? Url)
{
    public Coordinates? Coordinates { get; init; }
}

/// <summary>A shared location's point, <c>{lat, long}</c>, as Meta's older messages reference showed it (the current
/// page no longer lists location attachments; the bridge reads this shape).</summary>
public sealed record Coordinates(double Lat, double Long);

/// <summary><c>reply_to</c>: the message (the person's or the Page's) the person answered (Meta's
/// /reference/webhook-events/messages).</summary>
public sealed record PageReplyTo(string Mid);

/// <summary>A message: a person's (<c>mid</c>, <c>text</c>, <c>attachments</c>, <c>reply_to</c> when it answers an
/// earlier message; Meta's /reference/webhook-events/messages), or the Page's echo (<c>is_echo</c>, <c>app_id</c>,
/// <c>metadata</c> as the sending app set it).</summary>
public sealed record PageMessage(string Mid, string? Text)
{
    public IReadOnlyList<PageAttachment>? Attachments { get; init; }

    public PageReplyTo? ReplyTo { get; init; }

    public bool? IsEcho { get; init; }

    /// <summary>The app that sent an echoed message; Meta writes it as a number.</summary>
    public long? AppId { get; init; }

    public string? Metadata { get; init; }
}

/// <summary><c>delivery</c> or <c>read</c>: every message the Page sent up to <c>watermark</c> (milliseconds) has it.
/// Meta's delivery events may list <c>mids</c>; the emulator leaves them out, as Meta may, so the bridge must go by the
/// watermark.</summary>
public sealed record WatermarkEvent(long Watermark);
