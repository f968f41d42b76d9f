using System.ComponentModel.DataAnnotations;
using TemporalBridge.Hosting;

namespace TemporalBridge.Temporal.Codec;

/// <summary>
/// The <c>Temporal:Encryption</c> section: the keys of <see cref="AesGcmPayloadCodec"/>. Secrets: never log them;
/// validation messages name the setting, never its value.
/// </summary>
/// <remarks>
/// Rotation: give the new key a new id, move the old one to <c>PreviousKeys</c> under its id. New payloads use the
/// new key; histories written with the old one still decrypt for as long as the old key stays configured.
/// </remarks>
public sealed class TemporalEncryptionOptions : IValidatableObject
{
    public const string Section = "Temporal:Encryption";

    private const string KeyIdKey = $"{Section}:{nameof(KeyId)}";
    private const string KeyKey = $"{Section}:{nameof(Key)}";
    private const string PreviousKeysKey = $"{Section}:{nameof(PreviousKeys)}";

    /// <summary>Id of the active key, written next to every payload it encrypts, e.g. <c>2026-11</c>.</summary>
    [RequiredSetting(KeyIdKey)]
    public string KeyId { get; set; } = "";

    /// <summary>Base64 of exactly 32 random bytes (AES-256): <c>openssl rand -base64 32</c>.</summary>
    [RequiredSetting(KeyKey)]
    public string Key { get; set; } = "";

    /// <summary>Older keys by id, base64 like <see cref="Key"/>: they only decrypt, for histories written before a rotation.</summary>
    public Dictionary<string, string> PreviousKeys { get; set; } = [];

    /// <summary>Every key by id, decoded. Only valid once validation has passed (it runs at start).</summary>
    public IReadOnlyDictionary<string, byte[]> DecodeKeys()
    {
        var keys = PreviousKeys.ToDictionary(pair => pair.Key, pair => Convert.FromBase64String(pair.Value), StringComparer.Ordinal);
        keys[KeyId] = Convert.FromBase64String(Key);
        return keys;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsValidKeyId(KeyId))
        {
            yield return Error(KeyIdKey, "must be 1 to 64 letters, digits, '-', '_' or '.'", nameof(KeyId));
        }

        if (!IsAes256Key(Key))
        {
            yield return Error(KeyKey, KeyRequirement, nameof(Key));
        }

        foreach (var (id, key) in PreviousKeys)
        {
            var setting = $"{PreviousKeysKey}:{id}";
            if (!IsValidKeyId(id))
            {
                yield return Error(setting, "has an id that is not 1 to 64 letters, digits, '-', '_' or '.'", nameof(PreviousKeys));
            }
            else if (id == KeyId)
            {
                yield return Error(setting, $"has the id of the active key ({KeyIdKey}); an id names one key only", nameof(PreviousKeys));
            }
            else if (!IsAes256Key(key))
            {
                yield return Error(setting, KeyRequirement, nameof(PreviousKeys));
            }
        }
    }

    // 32 bytes: AesGcmPayloadCodec.KeySize (an interpolated int cannot be part of a const).
    private const string KeyRequirement = "must be the base64 of exactly 32 bytes (openssl rand -base64 32)";

    private static ValidationResult Error(string key, string problem, string member) =>
        new($"{key} {problem} (environment variable {RequiredSettingAttribute.ToEnvironmentVariable(key)})", [member]);

    private static bool IsValidKeyId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsAes256Key(string value)
    {
        Span<byte> bytes = stackalloc byte[AesGcmPayloadCodec.KeySize + 3];
        return Convert.TryFromBase64String(value.Trim(), bytes, out var written) && written == AesGcmPayloadCodec.KeySize;
    }
}
