using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Connect;

/// <summary>
/// Values the bridge gives a browser to hand back, sealed so the browser can neither read nor change them: AES-GCM
/// with <see cref="ConnectOptions.SessionKey"/>, the purpose as associated data (a sign-in cookie is no Page
/// picker's ticket), and an expiry inside the sealed part. Keeps nothing on the server, so any bridge process opens
/// what another sealed, and a Redis flush signs nobody out.
/// </summary>
public sealed class SealedValues(IOptions<ConnectOptions> options, TimeProvider time)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int ExpiryBytes = 8;

    private readonly byte[] key = SHA256.HashData(options.Value.DecodeKey());

    /// <summary>Base64url of nonce, ciphertext (expiry, then <paramref name="value"/>) and tag.</summary>
    public string Seal(string purpose, string value, TimeSpan lifetime)
    {
        var plain = new byte[ExpiryBytes + Encoding.UTF8.GetByteCount(value)];
        BinaryPrimitives.WriteInt64BigEndian(plain, (time.GetUtcNow() + lifetime).ToUnixTimeSeconds());
        Encoding.UTF8.GetBytes(value, plain.AsSpan(ExpiryBytes));

        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(purpose));
        return WebEncoders.Base64UrlEncode(sealedBytes);
    }

    /// <summary>The value, or null when <paramref name="text"/> is not one this key sealed for <paramref name="purpose"/>,
    /// was changed, or has expired.</summary>
    public string? Open(string purpose, string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxSealedLength)
        {
            return null;
        }
        byte[] sealedBytes;
        try
        {
            sealedBytes = WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return null;
        }
        if (sealedBytes.Length < NonceBytes + ExpiryBytes + TagBytes)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), plain, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(plain));
        return expires <= time.GetUtcNow() ? null : Encoding.UTF8.GetString(plain.AsSpan(ExpiryBytes));
    }

    /// <summary>Longer than anything the bridge seals (a Meta token is at most a few hundred characters).</summary>
    public const int MaxSealedLength = 4096;
}
