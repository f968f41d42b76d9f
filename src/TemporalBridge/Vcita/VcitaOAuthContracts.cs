using System.Text;

namespace TemporalBridge.Vcita;

// Wire types of vcita's OAuth endpoints. Every type that holds a secret prints it as [redacted], so logging a whole
// record cannot leak it.

/// <summary><c>POST /oauth/service/token</c>: the communication app's own credentials.</summary>
public sealed record VcitaServiceTokenRequest(string ServiceId, string ServiceSecret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ServiceId = ").Append(ServiceId).Append(", ServiceSecret = [redacted]");
        return true;
    }
}

/// <summary>
/// <c>POST /oauth/token</c>, sent as a form (<c>application/x-www-form-urlencoded</c>) as OAuth 2.0 specifies; the
/// field names are the facts sheet's.
/// </summary>
public sealed record VcitaCodeExchangeRequest(
    [property: Refit.AliasAs("client_id")] string ClientId,
    [property: Refit.AliasAs("client_secret")] string ClientSecret,
    [property: Refit.AliasAs("code")] string Code,
    [property: Refit.AliasAs("redirect_uri")] string RedirectUri)
{
    [Refit.AliasAs("grant_type")]
    public string GrantType { get; init; } = "authorization_code";

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("GrantType = ").Append(GrantType).Append(", ClientId = ").Append(ClientId)
            .Append(", ClientSecret = [redacted], Code = [redacted], RedirectUri = ").Append(RedirectUri);
        return true;
    }
}

/// <summary>
/// The answer of both token endpoints. <c>created_at</c> is not read: expiry is counted from when the bridge asked,
/// on its own clock, which no clock skew can make late.
/// </summary>
public sealed record VcitaToken(string AccessToken, string TokenType, long? ExpiresIn)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessToken = [redacted], TokenType = ").Append(TokenType).Append(", ExpiresIn = ").Append(ExpiresIn);
        return true;
    }
}

/// <summary><c>GET /oauth/userinfo</c>: which business a business token belongs to.</summary>
public sealed record VcitaUserInfo(string BusinessUid, string? Sub = null, string? Role = null);
