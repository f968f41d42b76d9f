using System.ComponentModel.DataAnnotations;

namespace TemporalBridge.Sandbox;

/// <summary>The sandbox's own settings (section <c>Sandbox</c>, env <c>Sandbox__*</c>).</summary>
public sealed class SandboxOptions : IValidatableObject
{
    public const string Section = "Sandbox";

    /// <summary>Where the emulators call the bridge's webhooks back. In docker compose: http://bridge:8080.</summary>
    public Uri? BridgeBaseUrl { get; set; } = new("http://localhost:5080");

    /// <summary>The Temporal UI as a visitor's browser reaches it, where the timeline links each call's workflow; none
    /// when empty. In docker compose: http://localhost:8233.</summary>
    public Uri? TemporalUiUrl { get; set; } = new("http://localhost:8233");

    /// <summary>The bridge's Temporal namespace, for those links.</summary>
    public string TemporalNamespace { get; set; } = "default";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Caught at start rather than at the first webhook call-back, and named the way an operator sets it.
        if (BridgeBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(BridgeBaseUrl)} (env {Section}__{nameof(BridgeBaseUrl)}) must be an absolute http(s) URL, " +
                $"for example http://localhost:5080; it is '{BridgeBaseUrl}'.",
                [nameof(BridgeBaseUrl)]);
        }
    }
}
