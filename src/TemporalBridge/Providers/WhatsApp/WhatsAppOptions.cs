using System.ComponentModel.DataAnnotations;
using TemporalBridge.Hosting;

namespace TemporalBridge.Providers.WhatsApp;

/// <summary>The <c>WhatsApp</c> section (Meta app settings). Secrets: never log them.</summary>
public sealed class WhatsAppOptions : IValidatableObject
{
    public const string Section = "WhatsApp";

    /// <summary>The Meta app secret that signs webhook payloads (X-Hub-Signature-256).</summary>
    [RequiredSetting("WhatsApp:AppSecret")]
    public string AppSecret { get; set; } = "";

    /// <summary>The token Meta echoes in the webhook verification handshake (hub.verify_token).</summary>
    [RequiredSetting("WhatsApp:VerifyToken")]
    public string VerifyToken { get; set; } = "";

    /// <summary>The system user access token the Graph API calls carry as their bearer token.</summary>
    [RequiredSetting("WhatsApp:AccessToken")]
    public string AccessToken { get; set; } = "";

    /// <summary>The Meta app's id, for the connect page's Embedded Signup and its code exchange; empty: businesses
    /// cannot connect numbers themselves (operators still can, with the admin API).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app's Facebook Login for Business configuration of the WhatsApp Embedded Signup kind.</summary>
    public string EmbeddedSignupConfigId { get; set; } = "";

    /// <summary>The Graph API with its version; the sandbox's WhatsApp emulator in compose and development.</summary>
    [RequiredSetting("WhatsApp:GraphBaseUrl")]
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com/v23.0";

    /// <summary>How long one Graph API call may take, answer included. Temporal retries the activity after a
    /// timeout, so this only bounds one attempt.</summary>
    [Range(0.001, 600, ErrorMessage = "WhatsApp:RequestTimeoutSeconds must be between 0.001 and 600 (environment variable WhatsApp__RequestTimeoutSeconds)")]
    public double RequestTimeoutSeconds { get; set; } = 30;

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(GraphBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(GraphBaseUrl)} must be an absolute http or https URL (environment variable " +
                $"{Section}__{nameof(GraphBaseUrl)}), but was '{GraphBaseUrl}'", [nameof(GraphBaseUrl)]);
        }
    }
}
