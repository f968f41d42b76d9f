using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Graph;

namespace TemporalBridge.Sandbox.WhatsApp.Chats;

/// <summary>One line per message, as a chat list shows it: the text, or what kind of message it is; for a user's
/// reaction, its emoji alone (the chat shows it on the message it reacts to).</summary>
public static class ChatPreviews
{
    public static string Of(UserMessageSpec spec) => spec.Type switch
    {
        "text" => spec.Text?.Body ?? "",
        "image" => WithCaption("Photo", spec.Image?.Caption),
        "location" => spec.Location?.Name is { Length: > 0 } name ? $"Location: {name}" : "Location",
        "reaction" => spec.Reaction?.Emoji ?? "",
        var type => $"({type})",
    };

    public static string Of(SendMessageRequest request) => request.Type switch
    {
        "text" => request.Text?.Body ?? "",
        "reaction" => $"Reacted {request.Reaction?.Emoji}".TrimEnd(),
        "template" => $"Template: {request.Template?.Name}",
        "image" or "video" or "audio" or "document" or "sticker" => WithCaption(char.ToUpperInvariant(request.Type[0]) + request.Type[1..], request.Media?.Caption),
        var type => $"({type})",
    };

    private static string WithCaption(string kind, string? caption) => caption is { Length: > 0 } ? $"{kind}: {caption}" : kind;
}
