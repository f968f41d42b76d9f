using System.ComponentModel.DataAnnotations;
using TemporalBridge.Hosting;

namespace TemporalBridge.Connect;

/// <summary>
/// The <c>Connect</c> section: the page where a business connects its own accounts. Secret: <see cref="SessionKey"/>;
/// never log it. Meta's JavaScript SDK is loaded from <see cref="SdkUrl"/>, and its dialogs answer the page from
/// <see cref="DialogOrigins"/>: Meta's in production, the sandbox's stand-in in development.
/// </summary>
public sealed class ConnectOptions : IValidatableObject
{
    public const string Section = "Connect";

    private const string SessionKeyKey = $"{Section}:{nameof(SessionKey)}";

    /// <summary>The key that seals the sign-in cookie and the Page picker's ticket: base64 of at least 32 random
    /// bytes (<c>openssl rand -base64 32</c>). Changing it signs everyone out.</summary>
    [RequiredSetting(SessionKeyKey)]
    public string SessionKey { get; set; } = "";

    /// <summary>How long a sign-in lasts: long enough to go through Meta's dialogs, short enough that a browser left
    /// open is not an open door.</summary>
    [Range(1, 240, ErrorMessage = "Connect:SessionMinutes must be between 1 and 240 (environment variable Connect__SessionMinutes)")]
    public int SessionMinutes { get; set; } = 30;

    /// <summary>Meta's JavaScript SDK (Embedded Signup and Facebook Login for Business run in it).</summary>
    public string SdkUrl { get; set; } = "https://connect.facebook.net/en_US/sdk.js";

    /// <summary>The origins whose window messages the page believes (Embedded Signup's FINISH, CANCEL, ERROR), comma-separated.</summary>
    public string DialogOrigins { get; set; } = "https://www.facebook.com,https://web.facebook.com";

    /// <summary>The Graph API version Meta's SDK is initialised with.</summary>
    public string SdkVersion { get; set; } = "v23.0";

    public TimeSpan SessionLifetime => TimeSpan.FromMinutes(SessionMinutes);

    public IReadOnlyList<string> DialogOriginList =>
        [.. DialogOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public byte[] DecodeKey() => Convert.FromBase64String(SessionKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var bytes = new byte[SessionKey.Length];
        if (SessionKey.Length > 0 && !(Convert.TryFromBase64String(SessionKey, bytes, out var length) && length >= 32))
        {
            yield return new ValidationResult(
                $"{SessionKeyKey} must be base64 of at least 32 random bytes (environment variable " +
                $"{RequiredSettingAttribute.ToEnvironmentVariable(SessionKeyKey)}; openssl rand -base64 32)", [nameof(SessionKey)]);
        }
        if (!IsHttpUrl(SdkUrl))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(SdkUrl)} must be an absolute http or https URL (environment variable {Section}__{nameof(SdkUrl)})", [nameof(SdkUrl)]);
        }
        if (DialogOriginList.Count == 0 || DialogOriginList.Any(origin => !IsHttpUrl(origin) || new Uri(origin).AbsolutePath != "/"))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(DialogOrigins)} must be comma-separated origins such as https://www.facebook.com " +
                $"(environment variable {Section}__{nameof(DialogOrigins)})", [nameof(DialogOrigins)]);
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
