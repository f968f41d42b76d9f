using System.Text.RegularExpressions;

namespace TemporalBridge.Providers.Messenger.Webhooks;

/// <summary>
/// The shapes of the ids a Page webhook carries. They become parts of workflow ids, Redis keys and vcita's
/// message_uid, so one outside its shape is refused (400 naming its JSON path) even in a signed payload: Meta sends
/// none such. Each check answers the problem, or null when the id fits.
/// </summary>
internal static partial class MessengerIds
{
    /// <summary>A Page id or a page-scoped user id (PSID): digits, as every Meta example writes them.</summary>
    public static string? Numeric(string value) => NumericPattern().IsMatch(value) ? null : "must be 1–32 digits (a Meta id)";

    /// <summary>A message id (<c>m_</c> and base64url): 1–180 of letters, digits and <c>. _ - + / =</c>, without
    /// <c>..</c>. 180 keeps vcita's 255-character message_uid within reach; Meta's are about 90.</summary>
    public static string? Mid(string value) =>
        MidPattern().IsMatch(value) && !value.Contains("..", StringComparison.Ordinal)
            ? null
            : "must be 1–180 letters, digits or . _ - + / = without '..' (a message id as Meta writes them)";

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^[0-9]{1,32}\\z")]
    private static partial Regex NumericPattern();

    [GeneratedRegex("^[A-Za-z0-9._+/=-]{1,180}\\z")]
    private static partial Regex MidPattern();
}
