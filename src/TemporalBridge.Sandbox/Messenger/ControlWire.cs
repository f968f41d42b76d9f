using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary><c>POST /_control/people</c>: a person on a Page (the first Page when none is named). Without a name, the
/// profile API has nothing to give for them, as for a person whose profile Meta does not share.</summary>
public sealed record CreatePersonRequest(string? PageId, string? Psid, string? FirstName, string? LastName) : IControlRequest
{
    public Dictionary<string, string[]> Validate() => ControlChecks.Of(
        ("psid", Psid is not null && (Psid.Length is 0 or > 32 || !Psid.All(char.IsAsciiDigit)) ? "must be 1–32 digits" : null),
        ("page_id", PageId is not null && PageId.Length == 0 ? "must not be empty" : null));
}

/// <summary><c>POST /_control/inbox-replies</c> (someone answers the person from the Page Inbox), <c>/_control/standby</c>
/// and <c>/_control/reads</c> (the person reads what the Page sent; no text).</summary>
public sealed record PersonEventRequest(string? Psid, string? Text) : IControlRequest
{
    public Dictionary<string, string[]> Validate() => ControlChecks.Of(("psid", ControlChecks.Required(Psid)));
}

/// <summary>
/// <c>POST /_control/messages</c>: the person writes to the Page: a text, a photo (<c>image_url</c>, where Meta's CDN
/// would serve it) or a location (<c>location {lat, long}</c>), as a reply to an earlier message of the conversation
/// when <c>reply_to</c> names its mid. Exactly one of the three: Messenger has no captions, so a photo and words are two
/// messages. Meta's webhook reference documents <c>attachments[{type:"image", payload:{url}}]</c> and
/// <c>reply_to{mid}</c> (/reference/webhook-events/messages); a location is sent as its older reference showed it,
/// <c>{type:"location", payload:{coordinates:{lat, long}}}</c>, the shape the bridge reads.
/// </summary>
public sealed record PersonMessageRequest(string? Psid, string? Text, string? ImageUrl, PointSpec? Location, string? ReplyTo) : IControlRequest
{
    public Dictionary<string, string[]> Validate() => ControlChecks.Of(
        ("psid", ControlChecks.Required(Psid)),
        ("text", new[] { !string.IsNullOrWhiteSpace(Text), ImageUrl is not null, Location is not null }.Count(given => given) switch
        {
            0 => "is required without image_url or location",
            1 => null,
            _ => "give one of text, image_url and location: Messenger sends a photo or a location without words",
        }),
        ("image_url", ImageUrl is null || Uri.TryCreate(ImageUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? null : "must be an absolute http(s) URL"),
        ("location", Location is null || Location is { Lat: >= -90 and <= 90, Long: >= -180 and <= 180 } ? null : "needs lat (-90…90) and long (-180…180)"),
        ("reply_to", ReplyTo is { Length: 0 } ? "must not be empty" : null));

    /// <summary>The photo or location as Meta attaches it; none for a text.</summary>
    public PageAttachment? Attachment() =>
        ImageUrl is not null ? new PageAttachment("image", new AttachmentPayload(ImageUrl))
        : Location is { Lat: { } lat, Long: { } longitude } ? new PageAttachment("location", new AttachmentPayload(null) { Coordinates = new Coordinates(lat, longitude) })
        : null;

    /// <summary>One line of it, as the chat view shows it.</summary>
    public string Preview() => ImageUrl is not null ? "Photo" : Location is not null ? "Location" : Text!;
}

/// <summary>A point, latitude and longitude in degrees: the sandbox's own control shape, sent on as Meta's
/// <see cref="Coordinates"/>.</summary>
public sealed record PointSpec(double? Lat, double? Long);

/// <summary><c>POST /_control/pages/{page_id}/token</c>: the Page's token from now on; null revokes it.</summary>
public sealed record PageTokenRequest(string? AccessToken) : IControlRequest
{
    public Dictionary<string, string[]> Validate() => ControlChecks.Of(("access_token", AccessToken is { Length: 0 } ? "must not be empty (null revokes)" : null));
}

/// <summary><c>POST /_control/faults</c>: the next <c>count</c> calls of <c>operation</c> (send, typing_on, typing_off,
/// mark_seen, profile; any when left out) to <c>page_id</c> fail with the Send API error <c>code</c>/<c>subcode</c>.</summary>
public sealed record AddSendApiFaultRequest(string? Operation, string? PageId, int? Code, int? Subcode, int? Count) : IControlRequest
{
    public static readonly IReadOnlyList<string> Operations = ["send", "typing_on", "typing_off", "mark_seen", "profile"];

    public Dictionary<string, string[]> Validate() => ControlChecks.Of(
        ("operation", Operation is null ? null : ControlChecks.OneOf(Operation, Operations)),
        ("code", Code is null ? "is required"
            : SendApiErrors.Injectable.Any(e => e.Code == Code && (Subcode is null || e.Subcode == Subcode)) ? null
            : $"must be one of {string.Join(", ", SendApiErrors.Injectable.Select(e => e.Subcode is null ? $"{e.Code}" : $"{e.Code}/{e.Subcode}"))}"),
        ("count", Count is < 1 or > 100 ? "must be between 1 and 100" : null));

    public SendApiFault ToFault() => new(Operation, PageId, Code!.Value, Subcode, Count ?? 1);
}

/// <summary>What a control call that queued a webhook answers: the message id it made, if any, and the webhook's id.</summary>
public sealed record QueuedPageEvent(string? Mid, long WebhookId);

/// <summary><c>POST /_control/reactions</c>: the person reacts to (or unreacts from) a message of the conversation.</summary>
public sealed record ReactionRequest(string? Psid, string? Mid, string? Reaction, string? Emoji, string? Action) : IControlRequest
{
    public static readonly IReadOnlyList<string> Reactions = ["love", "like", "smile", "wow", "sad", "angry", "dislike", "other"];

    public Dictionary<string, string[]> Validate() => ControlChecks.Of(
        ("psid", ControlChecks.Required(Psid)),
        ("mid", ControlChecks.Required(Mid)),
        ("reaction", Reaction is null ? null : ControlChecks.OneOf(Reaction, Reactions)),
        ("action", Action is null ? null : ControlChecks.OneOf(Action, ["react", "unreact"])));
}

/// <summary><c>POST /_control/postbacks</c>: the person taps a button with <c>title</c>, whose <c>payload</c> the Page set.</summary>
public sealed record PostbackRequest(string? Psid, string? Title, string? Payload) : IControlRequest
{
    public Dictionary<string, string[]> Validate() => ControlChecks.Of(
        ("psid", ControlChecks.Required(Psid)), ("title", ControlChecks.Required(Title)), ("payload", ControlChecks.Required(Payload)));
}

/// <summary><c>GET /_control/pages</c>: the emulator's Pages, without their tokens (the sandbox's own shape).</summary>
public sealed record PageView(string PageId, string Name);
