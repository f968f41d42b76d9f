using System.ComponentModel.DataAnnotations;
using TemporalBridge.Hosting;

namespace TemporalBridge.Privacy;

/// <summary>The <c>Privacy</c> section. Secret: never log it; validation messages name the setting, never its value.</summary>
public sealed class PrivacyOptions : IValidatableObject
{
    public const string Section = "Privacy";

    private const string ClientIdKeyKey = $"{Section}:{nameof(ClientIdKey)}";

    /// <summary>The key of <see cref="ClientPseudonyms"/>: base64 of at least 32 random bytes (<c>openssl rand -base64
    /// 32</c>). Never change it once conversations exist: they are found by the pseudonyms it made.</summary>
    [RequiredSetting(ClientIdKeyKey)]
    public string ClientIdKey { get; set; } = "";

    public byte[] DecodeKey() => Convert.FromBase64String(ClientIdKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ClientIdKey.Length > 0 && !IsLongEnough(ClientIdKey))
        {
            yield return new ValidationResult(
                $"{ClientIdKeyKey} must be base64 of at least 32 random bytes (environment variable {RequiredSettingAttribute.ToEnvironmentVariable(ClientIdKeyKey)}; " +
                "openssl rand -base64 32)", [nameof(ClientIdKey)]);
        }
    }

    private static bool IsLongEnough(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= 32;
    }
}
