using System.Text.RegularExpressions;
using TemporalBridge.Channels;


namespace TemporalBridge.CommunicationApp;

/// <summary>
/// What the bridge accepts from vcita (docs/vcita-api.md): its enums exactly, its uids in a shape that can go into a
/// workflow id, Redis key or visibility query unescaped, and a bound on a message's length. Each rule answers null when the
/// value is fine, else the problem as it is shown next to the field's name.
/// </summary>
public static partial class WireRules
{
    public const int MaxUidLength = 64;

    /// <summary>vcita documents <c>message_uid</c> as at most 255 characters; <c>external_uid</c> is held to the same.</summary>
    public const int MaxExternalIdLength = 255;

    /// <summary>The longest staff message taken, in characters: a provider with a lower limit gets it in parts
    /// (<see cref="Providers.TextParts"/>). Ten thousand characters of any script, sent as UTF-8, fit the request
    /// body limit.</summary>
    public const int MaxMessageLength = 10_000;

    public static readonly IReadOnlyList<string> ChannelStatuses =
    [
        ChannelStatus.Pending, ChannelStatus.Active, ChannelStatus.Inactive, ChannelStatus.Blocked, ChannelStatus.Deleted, ChannelStatus.Error,
    ];

    public static readonly IReadOnlyList<string> SessionStatuses = ["pending", "active", "inactive", "deleted", "failed"];

    public static readonly IReadOnlyList<string> AiStatuses = Vcita.VcsAiStatuses.All;

    public static readonly IReadOnlyList<string> MessageStatuses =
        ["pending", "channel_pending", "sent", "received", "read", "error", "unavailable"];

    /// <summary>A vcita uid (channel, session): 1–64 of <c>A–Z a–z 0–9 _ -</c>.</summary>
    public static string? Uid(string value) =>
        UidPattern().IsMatch(value) ? null : $"must be 1–{MaxUidLength} characters of A–Z, a–z, 0–9, '_' or '-'";

    /// <summary>
    /// An id one side chose for the other to echo (<c>message_uid</c>, <c>external_uid</c>): 1–255 visible ASCII
    /// characters. Wider than <see cref="Uid"/> because the bridge may use a provider's ids here (WhatsApp's
    /// <c>wamid.…</c> holds '.' and '='); no spaces or control characters.
    /// </summary>
    public static string? ExternalId(string value) =>
        ExternalIdPattern().IsMatch(value) ? null : $"must be 1–{MaxExternalIdLength} visible ASCII characters (no spaces)";

    /// <summary>Message text: at most <see cref="MaxMessageLength"/> characters, counted as the providers do, by code
    /// point (an emoji is one).</summary>
    public static string? MessageText(string value) =>
        value.EnumerateRunes().Count() <= MaxMessageLength ? null : $"must be at most {MaxMessageLength} characters";

    public static Func<string, string?> OneOf(IReadOnlyList<string> allowed) =>
        value => allowed.Contains(value, StringComparer.Ordinal) ? null : $"must be one of: {string.Join(", ", allowed)}";

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z")]
    private static partial Regex UidPattern();

    [GeneratedRegex("^[\\x21-\\x7E]{1,255}\\z")]
    private static partial Regex ExternalIdPattern();
}
