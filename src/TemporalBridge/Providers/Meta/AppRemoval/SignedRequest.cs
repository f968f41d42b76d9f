using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace TemporalBridge.Providers.Meta.AppRemoval;

/// <summary>What a verified <c>signed_request</c> says: the app-scoped id of the person, and when Meta issued it.</summary>
public sealed record SignedRequestPayload(string UserId, long IssuedAt);

/// <summary>
/// Meta's <c>signed_request</c> (developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback):
/// a base64url HMAC-SHA256 signature, a dot, and the base64url JSON payload; the signature is over the payload as it
/// was encoded, with the app's secret. The payload must say <c>"algorithm": "HMAC-SHA256"</c> and carry a
/// <c>user_id</c>. Signatures are compared in constant time; the payload is read only once its signature holds.
/// </summary>
public static class SignedRequest
{
    /// <summary>Longer than Meta's (a signature and a small payload): more is not Meta's.</summary>
    public const int MaxLength = 4096;

    /// <summary>The payload, when <paramref name="value"/> is signed with <paramref name="appSecret"/> and well formed.</summary>
    public static SignedRequestPayload? Verify(string value, string appSecret)
    {
        if (appSecret.Length == 0 || value.Length > MaxLength || value.Split('.') is not [var signature, var payload] || payload.Length == 0)
        {
            return null;
        }
        byte[] given;
        try
        {
            // A stray padding "=" is seen on signatures in the field: it changes no byte.
            given = WebEncoders.Base64UrlDecode(signature.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.ASCII.GetBytes(payload));
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(WebEncoders.Base64UrlDecode(payload));
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("algorithm", out var algorithm) && algorithm.ValueKind == JsonValueKind.String
                && string.Equals(algorithm.GetString(), "HMAC-SHA256", StringComparison.OrdinalIgnoreCase)
                && root.TryGetProperty("user_id", out var user) && user.ValueKind == JsonValueKind.String && user.GetString() is { Length: > 0 and <= 64 } userId
                && userId.All(char.IsAsciiDigit)
                ? new SignedRequestPayload(userId, root.TryGetProperty("issued_at", out var issued) && issued.TryGetInt64(out var at) ? at : 0)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
