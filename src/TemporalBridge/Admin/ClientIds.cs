using System.Text.RegularExpressions;

namespace TemporalBridge.Admin;

/// <summary>
/// A client's id as an operator gives it: a phone number as people write it (<c>+1 555-123-0001</c>: WhatsApp's
/// wa_id is its digits), or the provider's id as it is (a page-scoped id, a business-scoped user id such as
/// <c>US.13491208655302741918</c>).
/// </summary>
public static partial class ClientIds
{
    public static string? Check(string value) =>
        PhonePattern().IsMatch(value) || IdPattern().IsMatch(value)
            ? null
            : "must be a phone number (digits, with '+', spaces, '-', '(' or ')') or the provider's id of the client (1–64 of A–Z, a–z, 0–9, '.', '_', '-')";

    /// <summary>A phone number's digits; any other id as given.</summary>
    public static string Normalize(string value) => PhonePattern().IsMatch(value) ? new string([.. value.Where(char.IsAsciiDigit)]) : value;

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^\+?[0-9][0-9 ()-]{3,30}\z")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}\\z")]
    private static partial Regex IdPattern();
}
