using System.Text.RegularExpressions;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.WhatsApp.Webhooks;

/// <summary>
/// The shapes of the ids a webhook carries, as Meta documents them. Ids become parts of workflow ids, Redis keys and
/// log lines, so one outside its shape is refused (400 naming its JSON path) even in a signed payload, rather than
/// carried on: Meta sends none such, and a control character, a path segment or 5,000 characters must not reach the
/// hand-over. Each check answers the problem, or null when the id fits.
/// </summary>
internal static partial class IdShapes
{
    /// <summary>A phone number id: digits (Meta's object ids), as the admin API takes them.</summary>
    public static string? PhoneNumberId(string value) => PhoneNumberIdPattern().IsMatch(value) ? null : "must be 1–32 digits (a phone number id)";

    /// <summary>A WhatsApp Business Account's id, or an app's: digits (Meta's object ids).</summary>
    public static string? AccountId(string value) => PhoneNumberIdPattern().IsMatch(value) ? null : "must be 1–32 digits (a Meta object id)";

    /// <summary>A wa_id: the user's number as digits (a leading '+', shown in some of Meta's tables, is taken off first).</summary>
    public static string? WaId(string value) => WaIdPattern().IsMatch(value) ? null : "must be 1–20 digits (a wa_id)";

    /// <summary>
    /// A business-scoped user id: a two-letter country code, a dot, up to 128 letters and digits (<c>US.13491208655302741918</c>);
    /// a parent id has one more part (<c>US.ENT.11815799212886844830</c>). Meta's "Business-scoped user IDs" page.
    /// </summary>
    public static string? UserId(string value) => UserIdPattern().IsMatch(value) ? null : "must be a business-scoped user id such as 'US.13491208655302741918'";

    /// <summary>A message id (<c>wamid.</c> and base64) or another opaque id Meta gives (a group's): 1–256 of
    /// letters, digits and <c>. _ - + / =</c>, and no <c>..</c>: base64 has no dot, so a dot segment (<c>/../</c>) is
    /// never Meta's.</summary>
    public static string? Opaque(string value) =>
        OpaquePattern().IsMatch(value) && !value.Contains("..", StringComparison.Ordinal)
            ? null
            : "must be 1–256 letters, digits or . _ - + / = without '..' (an id as Meta writes them)";

    /// <summary>A wa_id as given, without the '+' some of Meta's examples put before it.</summary>
    public static string Digits(string value) => value.StartsWith('+') ? value[1..] : value;

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^[0-9]{1,32}\\z")]
    private static partial Regex PhoneNumberIdPattern();

    [GeneratedRegex("^[0-9]{1,20}\\z")]
    private static partial Regex WaIdPattern();

    [GeneratedRegex("^[A-Za-z]{2}(\\.[A-Za-z0-9]{1,128}){1,2}\\z")]
    private static partial Regex UserIdPattern();

    [GeneratedRegex("^[A-Za-z0-9._+/=-]{1,256}\\z")]
    private static partial Regex OpaquePattern();
}
