namespace TemporalBridge.Providers.Messenger;

/// <summary>
/// The <c>Messenger</c> section (the Meta app whose Page webhooks come to <c>/webhooks/messenger</c>). Secrets: never
/// log them. Both are optional: a bridge that serves no Facebook Page leaves them empty, and then its Messenger
/// webhook refuses every call (403 for the handshake, 401 for events), as it would a caller without them.
/// </summary>
public sealed class MessengerOptions
{
    public const string Section = "Messenger";

    /// <summary>The Meta app secret that signs Page webhooks (X-Hub-Signature-256).</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>The token Meta echoes in the webhook verification handshake (hub.verify_token).</summary>
    public string VerifyToken { get; set; } = "";
}
