namespace TemporalBridge.Logging;

/// <summary>
/// Phone numbers identify people, so logs show only enough to tell two conversations apart:
/// "+1 555 078 3881" becomes "+1*******3881".
/// </summary>
public static class PhoneNumberMask
{
    private const int VisibleTail = 4;

    /// <summary>Fixed width, so the mask does not reveal how long the number is.</summary>
    private const string Hidden = "*******";

    /// <summary>
    /// Keeps the leading '+', the first digit (a hint of the country) and the last four digits. Anything too short
    /// to be a phone number is hidden entirely rather than half-shown.
    /// </summary>
    public static string Mask(string? phoneNumber)
    {
        if (string.IsNullOrWhiteSpace(phoneNumber))
        {
            return "";
        }

        var digits = new string([.. phoneNumber.Where(char.IsAsciiDigit)]);
        if (digits.Length < 8)
        {
            return Hidden;
        }

        var plus = phoneNumber.TrimStart().StartsWith('+') ? "+" : "";
        return $"{plus}{digits[0]}{Hidden}{digits[^VisibleTail..]}";
    }
}
