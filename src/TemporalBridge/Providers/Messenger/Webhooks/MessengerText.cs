using System.Globalization;

namespace TemporalBridge.Providers.Messenger.Webhooks;

/// <summary>
/// What staff read in vcita for a Messenger message, in the words WhatsApp's messages use too
/// (<see cref="MessageWords"/>). Text is passed as written; each attachment is a line of its own:
/// <list type="bullet">
/// <item>image, video, audio, file, sticker, reel, post: <c>[Photo] url</c>, <c>[Video] url</c>, … (Meta's URL, which
/// expires after a while);</item>
/// <item>a link share (<c>fallback</c>): <c>[Link] title url</c>; a shared location: <c>[Location] lat,long map-url</c>;
/// a template the Page sent: <c>[Template] title</c>; any other type: <c>[Attachment: type] url</c>.</item>
/// </list>
/// A reply to an earlier message starts with <c>[Reply to an earlier message]</c>; an edit is <c>[Edited] new text</c>,
/// linked to the message it edits. While Meta sends a sticker both as
/// a <c>sticker</c> and as an <c>image</c> (until 30 August 2026), only the sticker is shown.
/// </summary>
internal static class MessengerText
{
    public const string NoContent = "[Message without text or attachment]";

    public static string For(PageMessage message)
    {
        var lines = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(message.Text))
        {
            lines.Add(message.Text);
        }

        var attachments = message.Attachments?.OfType<PageAttachment>().ToList() ?? [];
        var hasSticker = attachments.Any(a => a.Type == "sticker");
        lines.AddRange(attachments.Where(a => !(hasSticker && a.Type == "image")).Select(Attachment));
        if (lines.Count == 0 && message.StickerId is not null)
        {
            lines.Add("[Sticker]");
        }

        var content = lines.Count == 0 ? NoContent : string.Join('\n', lines);
        return message.ReplyTo?.Mid is null ? content : $"{MessageWords.ReplyMarker} {content}";
    }

    public static string Reaction(PageReaction reaction) =>
        reaction.Action == "unreact" || string.IsNullOrEmpty(reaction.Emoji) ? MessageWords.RemovedReaction : MessageWords.Reacted(reaction.Emoji);

    public static string Postback(PagePostback postback) =>
        MessageWords.Labelled(MessageWords.Button, string.IsNullOrWhiteSpace(postback.Title) ? postback.Payload : postback.Title);

    private static string Attachment(PageAttachment attachment)
    {
        var url = attachment.Payload?.Url ?? attachment.Url;
        return attachment.Type switch
        {
            "image" => MessageWords.Labelled("[Photo]", url),
            "video" => MessageWords.Labelled("[Video]", url),
            "audio" => MessageWords.Labelled("[Audio]", url),
            "file" => MessageWords.Labelled("[File]", url),
            "sticker" => MessageWords.Labelled("[Sticker]", url),
            "reel" or "ig_reel" => MessageWords.Labelled("[Reel]", url),
            "post" or "ig_post" => MessageWords.Labelled("[Post]", url),
            "fallback" => MessageWords.Labelled("[Link]", Joined(attachment.Title ?? attachment.Payload?.Title, url)),
            "location" => Location(attachment.Payload?.Coordinates) ?? "[Location]",
            "template" => MessageWords.Labelled("[Template]", attachment.Title ?? attachment.Payload?.Title),
            _ => MessageWords.Labelled($"[Attachment: {attachment.Type ?? "unknown"}]", url),
        };
    }

    private static string? Location(Coordinates? point)
    {
        if (point is not { Lat: { } lat, Long: { } longitude })
        {
            return null;
        }
        var at = string.Create(CultureInfo.InvariantCulture, $"{lat},{longitude}");
        return $"[Location] {at} https://maps.google.com/?q={at}";
    }

    private static string? Joined(string? first, string? second) =>
        string.Join(' ', new[] { first, second }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } joined ? joined : null;
}
