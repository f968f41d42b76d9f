using System.Security.Cryptography;
using System.Text;

namespace TemporalBridge.Sandbox.Shared;

/// <summary>How a webhook is signed: correctly, with a wrong key (a forged or stale secret), or not at all.</summary>
public enum SignatureMode
{
    Good,
    Bad,
    Missing,
}

/// <summary><c>X-Hub-Signature-256: sha256=&lt;lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the app secret&gt;</c>,
/// as Meta's webhooks page describes it (developers.facebook.com/docs/graph-api/webhooks/getting-started, "Validate
/// payloads"); the WhatsApp and Messenger emulators both sign this way.</summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";

    /// <summary>The header value for <paramref name="body"/>, or null when it is to be left out.</summary>
    public static string? For(byte[] body, string appSecret, SignatureMode mode) => mode switch
    {
        SignatureMode.Good => Compute(body, appSecret),
        // Well-formed but keyed with another secret: only a receiver that really checks the HMAC refuses it.
        SignatureMode.Bad => Compute(body, appSecret + "-not-the-app-secret"),
        _ => null,
    };

    public static string Compute(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
