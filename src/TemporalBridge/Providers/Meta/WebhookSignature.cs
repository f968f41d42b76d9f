using System.Security.Cryptography;
using System.Text;

namespace TemporalBridge.Providers.Meta;

/// <summary>
/// Meta signs every webhook: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body bytes keyed
/// with the app secret. It is checked over the bytes exactly as received: the same JSON re-serialised (other spacing,
/// other escapes) has another signature, so nothing may parse the body before this passes.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    /// <summary>True when <paramref name="header"/> is the body's signature with <paramref name="appSecret"/>. Hex
    /// digits of either case are accepted; the comparison takes the same time wherever the values differ.</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string appSecret)
    {
        if (string.IsNullOrEmpty(appSecret) || header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = header.AsSpan(Prefix.Length).Trim();
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (hex.Length != presented.Length * 2
            || Convert.FromHexString(hex, presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != presented.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    /// <summary>The header value Meta would send for <paramref name="body"/>: for tests and the sandbox.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));
}
