using TemporalBridge.Hosting;

namespace TemporalBridge.Temporal;

/// <summary>The <c>Temporal</c> section: where the Temporal server is and which task queue the bridge uses.</summary>
public sealed class TemporalOptions
{
    public const string Section = "Temporal";

    /// <summary>host:port of the Temporal frontend.</summary>
    [RequiredSetting("Temporal:Address")]
    public string Address { get; set; } = "localhost:7233";

    [RequiredSetting("Temporal:Namespace")]
    public string Namespace { get; set; } = "default";

    /// <summary>The one task queue the worker polls and the API starts workflows on.</summary>
    [RequiredSetting("Temporal:TaskQueue")]
    public string TaskQueue { get; set; } = "temporal-bridge";

    /// <summary>Temporal Cloud's API key, sent as a bearer token on every call; TLS is then on. A secret.</summary>
    public string? ApiKey { get; set; }

    /// <summary>mTLS (Temporal Cloud's other way in, or a self-hosted server that asks for it): the PEM file of the
    /// client certificate; needs <see cref="TlsKeyPath"/>.</summary>
    public string? TlsCertPath { get; set; }

    /// <summary>The PEM file of that certificate's private key.</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>TLS without a client certificate (a server behind TLS); on by itself with an API key or a certificate.</summary>
    public bool Tls { get; set; }
}
