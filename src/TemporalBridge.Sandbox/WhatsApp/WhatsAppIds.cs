using System.Globalization;
using System.Security.Cryptography;

namespace TemporalBridge.Sandbox.WhatsApp;

/// <summary>Identifiers shaped like Meta's, and the masking of phone numbers for logs.</summary>
public static class WhatsAppIds
{
    /// <summary>
    /// A message id: <c>wamid.</c> and standard base64 (with <c>+</c>, <c>/</c> and <c>=</c>, as Meta's are), so a
    /// bridge that puts wamids in URLs or keys without escaping finds out here rather than in production.
    /// </summary>
    public static string NewWamid() => "wamid." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A media id: 16 digits, like Meta's numeric object ids.</summary>
    public static string NewMediaId() => Digits(16);

    /// <summary>The opaque request id Meta puts in every error body.</summary>
    public static string NewTraceId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', '-').Replace('/', '_');

    /// <summary>A conversation id (32 lowercase hex characters).</summary>
    public static string NewConversationId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Unix seconds as a string: how every webhook timestamp is written.</summary>
    public static string UnixSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>A phone number as Meta normalises a <c>to</c>: digits only (no <c>+</c>, spaces or dashes).</summary>
    public static string NormalisePhone(string phone) => new([.. phone.Where(char.IsAsciiDigit)]);

    /// <summary>For logs: the last three digits only, e.g. <c>***881</c>.</summary>
    public static string Mask(string? phone) =>
        string.IsNullOrEmpty(phone) ? "-" : phone.Length <= 3 ? "***" : "***" + phone[^3..];

    private static string Digits(int count)
    {
        var digits = new char[count];
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < count; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(digits);
    }
}
