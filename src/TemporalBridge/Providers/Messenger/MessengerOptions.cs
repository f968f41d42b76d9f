using System.ComponentModel.DataAnnotations;

namespace TemporalBridge.Providers.Messenger;

/// <summary>
/// The <c>Messenger</c> section (the Meta app whose Page webhooks come to <c>/webhooks/messenger</c> and whose Send API
/// calls carry each Page's own token). Secrets: never log them. The secret and verify token are optional: a bridge that
/// serves no Facebook Page leaves them empty, and then its Messenger webhook refuses every call (403 for the
/// handshake, 401 for events), as it would a caller without them.
/// </summary>
public sealed class MessengerOptions : IValidatableObject
{
    public const string Section = "Messenger";

    /// <summary>The Meta app secret that signs Page webhooks (X-Hub-Signature-256).</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>The token Meta echoes in the webhook verification handshake (hub.verify_token).</summary>
    public string VerifyToken { get; set; } = "";

    /// <summary>The Meta app's id, for the connect page's Facebook Login for Business and the token exchange; empty:
    /// businesses cannot connect Pages themselves (operators still can, with the admin API).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app's Facebook Login for Business configuration (permissions pages_show_list, pages_messaging,
    /// pages_manage_metadata).</summary>
    public string LoginConfigId { get; set; } = "";

    /// <summary>The Graph API with its version, for the Send API and profiles; the sandbox's Messenger emulator in
    /// compose and development.</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com/v23.0";

    /// <summary>How long one Send API call may take, answer included. Temporal retries the activity after a timeout,
    /// so this only bounds one attempt.</summary>
    [Range(0.001, 600, ErrorMessage = "Messenger:RequestTimeoutSeconds must be between 0.001 and 600 (environment variable Messenger__RequestTimeoutSeconds)")]
    public double RequestTimeoutSeconds { get; set; } = 30;

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    /// <summary>
    /// Whether a staff reply more than 24 hours after the client's last message goes with Meta's <c>HUMAN_AGENT</c>
    /// tag (up to 7 days). Only for an app Meta granted the Human Agent permission in App Review; off by default,
    /// and then such a reply fails with a reason staff read. Every staff message in vcita is written by a person, as
    /// the tag requires.
    /// </summary>
    public bool HumanAgentTag { get; set; }

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
