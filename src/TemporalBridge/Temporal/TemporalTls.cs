using Temporalio.Client;

namespace TemporalBridge.Temporal;

/// <summary>How the client reaches a server that wants TLS: Temporal Cloud (API key or mTLS) or a self-hosted one.</summary>
public static class TemporalTls
{
    /// <summary>
    /// Null (plain gRPC, as the dev server speaks) unless TLS is asked for, an API key is set (Temporal Cloud takes
    /// keys over TLS only), or a client certificate is given. A certificate without its key, or the other way round,
    /// is a setting error named at start.
    /// </summary>
    public static TlsOptions? For(TemporalOptions options)
    {
        if (options.TlsCertPath is null != options.TlsKeyPath is null)
        {
            throw new InvalidOperationException(
                "Temporal__TlsCertPath and Temporal__TlsKeyPath must be set together: the client certificate and its private key (PEM files).");
        }
        if (options.TlsCertPath is { } cert && options.TlsKeyPath is { } key)
        {
            return new TlsOptions { ClientCert = File.ReadAllBytes(cert), ClientPrivateKey = File.ReadAllBytes(key) };
        }
        return options.Tls || !string.IsNullOrEmpty(options.ApiKey) ? new TlsOptions() : null;
    }
}
