using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Connect;

/// <summary>A business owner signed in with vcita, for one business only.</summary>
/// <param name="BusinessUid">The business vcita's userinfo named at sign-in: never from the browser.</param>
/// <param name="Csrf">The anti-forgery token the page sends back on every change (<see cref="ConnectSessions.CsrfHeader"/>):
/// a page of another site can make the browser send the cookie, not read this.</param>
public sealed record ConnectSession(string BusinessUid, string Csrf);

/// <summary>
/// The sign-in of the connect page: a sealed (<see cref="SealedValues"/>), HttpOnly, SameSite=Lax cookie, limited to
/// <c>/connect</c> and to <see cref="ConnectOptions.SessionMinutes"/>. Lax, not Strict: the first visit arrives by a
/// redirect from vcita's consent page, which Strict would send without the cookie.
/// </summary>
public sealed class ConnectSessions(SealedValues sealedValues, IOptions<ConnectOptions> options)
{
    public const string CookieName = "tb_connect";
    public const string CsrfHeader = "X-CSRF-Token";
    /// <summary>What the cookie is sealed for (<see cref="SealedValues"/>).</summary>
    internal const string Purpose = "connect-session";

    public void SignIn(HttpContext http, string businessUid)
    {
        var csrf = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var lifetime = options.Value.SessionLifetime;
        http.Response.Cookies.Append(CookieName, sealedValues.Seal(Purpose, $"{businessUid} {csrf}", lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = ConnectApi.Path,
            MaxAge = lifetime,
            IsEssential = true,
        });
    }

    public void SignOut(HttpContext http) =>
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = ConnectApi.Path, Secure = http.Request.IsHttps, HttpOnly = true });

    /// <summary>The request's sign-in, or null when it has none (absent, forged, expired).</summary>
    public ConnectSession? Find(HttpContext http) =>
        sealedValues.Open(Purpose, http.Request.Cookies[CookieName]) is { } value && value.Split(' ') is [var businessUid, var csrf]
            ? new ConnectSession(businessUid, csrf)
            : null;

    /// <summary>Whether the request carries the session's anti-forgery token, compared in constant time.</summary>
    public static bool HasCsrfToken(HttpContext http, ConnectSession session) =>
        http.Request.Headers[CsrfHeader] is [{ } sent]
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(session.Csrf));
}
