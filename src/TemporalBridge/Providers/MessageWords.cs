namespace TemporalBridge.Providers;

/// <summary>
/// The words every provider uses when it turns what a client did into text staff read in vcita, so a reaction or a
/// reply reads the same whichever app the client wrote from.
/// </summary>
public static class MessageWords
{
    public const string ReplyMarker = "[Reply to an earlier message]";
    public const string RemovedReaction = "Removed a reaction";
    public const string Button = "[Button]";
    public const string Edited = "[Edited]";

    public static string Reacted(string emoji) => $"Reacted {emoji} to an earlier message";

    /// <summary>A label, then the words when there are any: <c>[Photo] its caption</c>.</summary>
    public static string Labelled(string label, string? words) =>
        string.IsNullOrWhiteSpace(words) ? label : $"{label} {words}";
}
