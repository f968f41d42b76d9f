using System.ComponentModel.DataAnnotations;

namespace TemporalBridge.Sandbox.Vcita;

/// <summary>
/// The vcita emulator's settings (section <c>Sandbox:Vcita</c>, env <c>Sandbox__Vcita__*</c>). Every default is a
/// development value that matches the bridge's development settings, so compose works without a .env file.
/// </summary>
public sealed class VcitaEmulatorOptions : IValidatableObject
{
    public const string Section = "Sandbox:Vcita";

    /// <summary>Bearer token accepted by <c>POST /platform/v1/apps</c> (vcita's developer directory token).</summary>
    public string DirectoryToken { get; set; } = "dev-directory-token";

    /// <summary>Shared secret sent as <c>Authorization: Bearer</c> on every call back to an app (the bridge's Vcita__WebhookSecret).</summary>
    public string WebhookSecret { get; set; } = "dev-vcita-webhook-secret";

    /// <summary>How long after a channel is created the emulator calls the app with status <c>active</c>; 0 = at once.</summary>
    [Range(0, 600_000)]
    public int ChannelActivationDelayMs { get; set; } = 500;

    /// <summary>How long after a session is created the emulator calls the app with status <c>active</c>; 0 = at once.</summary>
    [Range(0, 600_000)]
    public int SessionActivationDelayMs { get; set; } = 500;

    /// <summary>Attempts per callback (the first one included) before it is recorded as failed.</summary>
    [Range(1, 20)]
    public int CallbackMaxAttempts { get; set; } = 4;

    /// <summary>Wait before the second attempt of a failed callback; doubles for every further attempt.</summary>
    [Range(0, 60_000)]
    public int CallbackRetryDelayMs { get; set; } = 200;

    /// <summary>How long one callback attempt may take before it counts as failed.</summary>
    [Range(100, 300_000)]
    public int CallbackTimeoutMs { get; set; } = 10_000;

    /// <summary>client_id of the app registered at start, so the bridge works without running register-app.</summary>
    public string DefaultClientId { get; set; } = "dev-vcita-client-id";

    /// <summary>client_secret of the app registered at start.</summary>
    public string DefaultClientSecret { get; set; } = "dev-vcita-client-secret";

    /// <summary>
    /// The default app's api_uri (where vcita calls it). Empty: <c>Sandbox__BridgeBaseUrl</c> + <c>/vcita</c>.
    /// </summary>
    public Uri? DefaultApiUri { get; set; }

    /// <summary>The business the authorize page picks when the request names none (16 characters, like vcita's uids).</summary>
    public string DefaultBusinessUid { get; set; } = "devbusiness00001";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(DirectoryToken), DirectoryToken), (nameof(WebhookSecret), WebhookSecret),
                     (nameof(DefaultClientId), DefaultClientId), (nameof(DefaultClientSecret), DefaultClientSecret),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return Invalid(name, "must not be empty");
            }
        }

        if (DefaultBusinessUid.Length != VcitaRules.BusinessUidLength)
        {
            yield return Invalid(nameof(DefaultBusinessUid), $"must be exactly {VcitaRules.BusinessUidLength} characters; it is '{DefaultBusinessUid}'");
        }

        if (DefaultApiUri is { } uri && !VcitaRules.IsHttpUrl(uri.ToString()))
        {
            yield return Invalid(nameof(DefaultApiUri), $"must be an absolute http(s) URL; it is '{uri}'");
        }
    }

    private static ValidationResult Invalid(string key, string problem) =>
        new($"Sandbox:Vcita:{key} (env Sandbox__Vcita__{key}) {problem}.", [key]);
}
