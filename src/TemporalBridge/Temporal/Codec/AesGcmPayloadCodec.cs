using System.Security.Cryptography;
using Google.Protobuf;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace TemporalBridge.Temporal.Codec;

/// <summary>
/// Encrypts every payload the bridge hands to Temporal (workflow and activity inputs and results, signal and query
/// arguments, failure details) with AES-256-GCM, so message bodies and tokens are never stored in plaintext in
/// Temporal history. The whole original <see cref="Payload"/> (its metadata included, which names the .NET type's
/// encoding) is serialized and encrypted; the stored payload only says it is encrypted and with which key.
/// </summary>
/// <remarks>
/// The wire format is the one of Temporal's encryption samples (Go, Python, TypeScript): metadata
/// <c>encoding = binary/encrypted</c> and <c>encryption-key-id</c>, data <c>nonce(12) | ciphertext | tag(16)</c>,
/// no associated data. Any codec server built from those samples decodes the bridge's history with the same key.
/// </remarks>
public sealed class AesGcmPayloadCodec : IPayloadCodec
{
    public const string EncryptedEncoding = "binary/encrypted";
    public const string EncodingKey = "encoding";
    public const string KeyIdKey = "encryption-key-id";
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    private static readonly ByteString EncryptedEncodingBytes = ByteString.CopyFromUtf8(EncryptedEncoding);

    private readonly string activeKeyId;
    private readonly ByteString activeKeyIdBytes;
    private readonly Dictionary<string, byte[]> keys;

    /// <param name="activeKeyId">The key every new payload is encrypted with.</param>
    /// <param name="keys">Every key that may decrypt, by id; must contain <paramref name="activeKeyId"/>.</param>
    public AesGcmPayloadCodec(string activeKeyId, IReadOnlyDictionary<string, byte[]> keys)
    {
        ArgumentException.ThrowIfNullOrEmpty(activeKeyId);
        ArgumentNullException.ThrowIfNull(keys);
        if (!keys.ContainsKey(activeKeyId))
        {
            throw new ArgumentException($"The active key id '{activeKeyId}' has no key.", nameof(keys));
        }

        foreach (var (id, key) in keys)
        {
            if (key.Length != KeySize)
            {
                // The length is not secret; the key is.
                throw new ArgumentException($"Key '{id}' is {key.Length} bytes; AES-256 needs {KeySize}.", nameof(keys));
            }
        }

        this.activeKeyId = activeKeyId;
        activeKeyIdBytes = ByteString.CopyFromUtf8(activeKeyId);
        // Copies: the caller's arrays (options, tests) cannot change the codec's keys afterwards.
        this.keys = keys.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    public string ActiveKeyId => activeKeyId;

    public Task<IReadOnlyCollection<Payload>> EncodeAsync(IReadOnlyCollection<Payload> payloads) =>
        Task.FromResult<IReadOnlyCollection<Payload>>(payloads.Select(Encrypt).ToList());

    /// <summary>
    /// Payloads that are not encrypted pass through unchanged: histories written before encryption was turned on
    /// must stay readable. Encrypted ones need their key; a failure names the key id and why, never a key or data.
    /// </summary>
    public Task<IReadOnlyCollection<Payload>> DecodeAsync(IReadOnlyCollection<Payload> payloads) =>
        Task.FromResult<IReadOnlyCollection<Payload>>(payloads.Select(Decrypt).ToList());

    private Payload Encrypt(Payload payload)
    {
        var plaintext = payload.ToByteArray();
        var data = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = data.AsSpan(0, NonceSize);
        // A fresh random nonce per payload: with GCM, reusing a nonce under one key breaks confidentiality.
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(keys[activeKeyId], TagSize))
        {
            aes.Encrypt(nonce, plaintext, data.AsSpan(NonceSize, plaintext.Length), data.AsSpan(NonceSize + plaintext.Length));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return new Payload
        {
            Metadata = { [EncodingKey] = EncryptedEncodingBytes, [KeyIdKey] = activeKeyIdBytes },
            Data = UnsafeByteOperations.UnsafeWrap(data),
        };
    }

    private Payload Decrypt(Payload payload)
    {
        if (!payload.Metadata.TryGetValue(EncodingKey, out var encoding) || encoding != EncryptedEncodingBytes)
        {
            return payload;
        }

        if (!payload.Metadata.TryGetValue(KeyIdKey, out var keyIdBytes) || keyIdBytes.IsEmpty)
        {
            throw new PayloadDecryptionException($"An encrypted payload has no '{KeyIdKey}' metadata, so its key is unknown.");
        }

        var keyId = keyIdBytes.ToStringUtf8();
        if (!keys.TryGetValue(keyId, out var key))
        {
            throw new PayloadDecryptionException(
                $"A payload is encrypted with key id '{Shorten(keyId)}', which is not configured (the active key id is " +
                $"'{activeKeyId}'). Add that key as Temporal__Encryption__PreviousKeys__{Shorten(keyId)}.");
        }

        var data = payload.Data.Span;
        if (data.Length < NonceSize + TagSize)
        {
            throw new PayloadDecryptionException(
                $"A payload encrypted with key id '{keyId}' is {data.Length} bytes, shorter than a nonce and a tag.");
        }

        var plaintext = new byte[data.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data[..NonceSize], data[NonceSize..^TagSize], data[^TagSize..], plaintext);
            return Payload.Parser.ParseFrom(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new PayloadDecryptionException(
                $"A payload encrypted with key id '{keyId}' failed authentication: it was altered, or encrypted with " +
                "a different key under the same id.");
        }
        catch (InvalidProtocolBufferException)
        {
            throw new PayloadDecryptionException(
                $"A payload encrypted with key id '{keyId}' decrypted to something that is not a Temporal payload.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The key id comes from the payload, i.e. from whoever wrote it: keep error messages bounded.</summary>
    private static string Shorten(string keyId) => keyId.Length <= 64 ? keyId : keyId[..64] + "…";
}
