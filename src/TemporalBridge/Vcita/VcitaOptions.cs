using TemporalBridge.Hosting;

namespace TemporalBridge.Vcita;

/// <summary>The <c>Vcita</c> section. Secrets: never log them.</summary>
public sealed class VcitaOptions
{
    public const string Section = "Vcita";

    /// <summary>Shared secret that authenticates vcita's webhook calls to the bridge.</summary>
    [RequiredSetting("Vcita:WebhookSecret")]
    public string WebhookSecret { get; set; } = "";
}
