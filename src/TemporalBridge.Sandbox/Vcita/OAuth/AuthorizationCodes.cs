using System.Collections.Concurrent;

namespace TemporalBridge.Sandbox.Vcita.OAuth;

/// <summary>A code the authorize page handed out: for one app, one business and one redirect_uri.</summary>
public sealed record AuthorizationCode(string Code, string ClientId, string BusinessUid, string RedirectUri, DateTimeOffset ExpiresAt);

/// <summary>Authorization codes: they live 30 seconds (the facts sheet) and can be exchanged once.</summary>
public sealed class AuthorizationCodes(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, AuthorizationCode> codes = new(StringComparer.Ordinal);

    public AuthorizationCode Issue(string clientId, string businessUid, string redirectUri)
    {
        var code = new AuthorizationCode(Uids.Secret("code"), clientId, businessUid, redirectUri, time.GetUtcNow() + Lifetime);
        codes[code.Code] = code;
        return code;
    }

    /// <summary>
    /// Takes the code out whatever happens next, so a second exchange fails even when the first one did
    /// (single use, and atomic when two exchanges race). Null when unknown, already used or expired.
    /// </summary>
    public AuthorizationCode? Redeem(string code) =>
        codes.TryRemove(code, out var found) && time.GetUtcNow() < found.ExpiresAt ? found : null;

    public void Clear() => codes.Clear();
}
