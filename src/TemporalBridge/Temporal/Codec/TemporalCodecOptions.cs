namespace TemporalBridge.Temporal.Codec;

/// <summary>
/// The <c>Temporal:Codec</c> section: the codec endpoint (<c>/codec</c>) through which the Temporal UI or CLI shows
/// the encrypted payloads in plaintext. See <see cref="CodecApi"/> for who may use it.
/// </summary>
public sealed class TemporalCodecOptions
{
    public const string Section = "Temporal:Codec";

    /// <summary>Off unless turned on (appsettings.Development.json turns it on): disabled, /codec answers 404.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// When set, only callers presenting <c>Authorization: Bearer &lt;AccessToken&gt;</c> get an answer. Required when
    /// the endpoint is enabled outside Development. Secret: never log it.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Comma-separated origins whose pages may call the endpoint from a browser: the Temporal UI's address. The default
    /// is the dev server's UI under both names a browser may use for it, since an origin is compared as written.
    /// </summary>
    public string AllowedOrigins { get; set; } = "http://localhost:8233,http://127.0.0.1:8233";

    public IReadOnlyList<string> AllowedOriginList =>
        AllowedOrigins.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
