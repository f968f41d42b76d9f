using System.ComponentModel.DataAnnotations;
using TemporalBridge.Hosting;

namespace TemporalBridge.Vcita;

/// <summary>The <c>Vcita</c> section. Secrets: never log them.</summary>
public sealed class VcitaOptions : IValidatableObject
{
    public const string Section = "Vcita";

    /// <summary>Shared secret that authenticates vcita's webhook calls to the bridge.</summary>
    [RequiredSetting("Vcita:WebhookSecret")]
    public string WebhookSecret { get; set; } = "";

    /// <summary>
    /// Host of vcita's REST APIs: VCS (<c>/business/communication</c>), OAuth (<c>/oauth</c>) and the platform
    /// (<c>/platform/v1</c>). The sandbox's address in compose and tests.
    /// </summary>
    [RequiredSetting("Vcita:ApiBaseUrl")]
    public string ApiBaseUrl { get; set; } = "https://api.vcita.biz";

    /// <summary>Host of vcita's OAuth authorize page, where a business grants the app access.</summary>
    [RequiredSetting("Vcita:AuthorizeBaseUrl")]
    public string AuthorizeBaseUrl { get; set; } = "https://app.vcita.com";

    /// <summary>
    /// How long one call to vcita may take, answer body included. Temporal retries the activity after a timeout,
    /// so this only bounds one attempt.
    /// </summary>
    [Range(0.001, 600, ErrorMessage = "Vcita:RequestTimeoutSeconds must be between 0.001 and 600 (environment variable Vcita__RequestTimeoutSeconds)")]
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// One communication app per provider (<c>whatsapp</c>, later <c>messenger</c>): its OAuth credentials, e.g.
    /// <c>Vcita__Apps__whatsapp__ClientId</c>. Keys ignore case, as configuration keys do.
    /// </summary>
    public Dictionary<string, VcitaAppOptions> Apps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, value) in new[] { ("ApiBaseUrl", ApiBaseUrl), ("AuthorizeBaseUrl", AuthorizeBaseUrl) })
        {
            if (!IsHttpUrl(value))
            {
                yield return new ValidationResult(
                    $"{Section}:{key} must be an absolute http or https URL (environment variable " +
                    $"{Section}__{key}), but was '{value}'", [key]);
            }
        }

        // An app that is half configured is a typo waiting to fail the first channel; an app that is not
        // configured at all may be on purpose (the provider is not used here), so it fails only when used.
        foreach (var (provider, app) in Apps)
        {
            foreach (var missing in app.MissingKeys(provider))
            {
                yield return new ValidationResult(
                    $"{missing} is required (environment variable {RequiredSettingAttribute.ToEnvironmentVariable(missing)})",
                    [nameof(Apps)]);
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>The OAuth credentials vcita gave one communication app when it was created. Secret: never log it.</summary>
public sealed class VcitaAppOptions
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// Where vcita sends a business back after it consented: the bridge's <c>/oauth/vcita/callback</c>, exactly as
    /// registered with the app (<c>register-app --redirect-uri</c>). Needed only by the OAuth flow, so not checked
    /// with <see cref="MissingKeys"/>.
    /// </summary>
    public string RedirectUri { get; set; } = "";

    /// <summary>The configuration keys of this app that are empty, e.g. <c>Vcita:Apps:whatsapp:ClientSecret</c>.</summary>
    public IEnumerable<string> MissingKeys(string provider)
    {
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return Key(provider, nameof(ClientId));
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return Key(provider, nameof(ClientSecret));
        }
    }

    public static string Key(string provider, string setting) => $"{VcitaOptions.Section}:Apps:{provider}:{setting}";
}
