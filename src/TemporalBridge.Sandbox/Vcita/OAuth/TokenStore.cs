using System.Collections.Concurrent;

namespace TemporalBridge.Sandbox.Vcita.OAuth;

/// <summary>The tokens the emulator issued. Only these open its APIs, and only until they expire.</summary>
public sealed class TokenStore(TimeProvider time)
{
    /// <summary>The facts sheet: service tokens say <c>expires_in: 3600</c>.</summary>
    public static readonly TimeSpan AppTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Business tokens are "long-lived" with no refresh flow; a year stands for that.</summary>
    public static readonly TimeSpan BusinessTokenLifetime = TimeSpan.FromDays(365);

    private readonly ConcurrentDictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);

    public IssuedToken IssueAppToken(string clientId) => Issue(TokenKind.App, clientId, businessUid: null, AppTokenLifetime);

    public IssuedToken IssueBusinessToken(string clientId, string businessUid) =>
        Issue(TokenKind.Business, clientId, businessUid, BusinessTokenLifetime);

    /// <summary>The token behind an <c>Authorization: Bearer</c> value, if it was issued here and has not expired.</summary>
    public IssuedToken? Find(string? value) =>
        value is not null && tokens.TryGetValue(value, out var token) && time.GetUtcNow() < token.ExpiresAt ? token : null;

    public void Clear() => tokens.Clear();

    private IssuedToken Issue(TokenKind kind, string clientId, string? businessUid, TimeSpan lifetime)
    {
        var token = new IssuedToken(
            Uids.Secret(kind == TokenKind.App ? "app" : "biz"), kind, clientId, businessUid, time.GetUtcNow(), lifetime);
        tokens[token.Value] = token;
        return token;
    }
}
