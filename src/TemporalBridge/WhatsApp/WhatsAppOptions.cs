using TemporalBridge.Hosting;

namespace TemporalBridge.WhatsApp;

/// <summary>The <c>WhatsApp</c> section (Meta app settings). Secrets: never log them.</summary>
public sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";

    /// <summary>The Meta app secret that signs webhook payloads (X-Hub-Signature-256).</summary>
    [RequiredSetting("WhatsApp:AppSecret")]
    public string AppSecret { get; set; } = "";

    /// <summary>The token Meta echoes in the webhook verification handshake (hub.verify_token).</summary>
    [RequiredSetting("WhatsApp:VerifyToken")]
    public string VerifyToken { get; set; } = "";
}
