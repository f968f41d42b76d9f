using System.Text;

namespace TemporalBridge.Vcita;

// Wire types of vcita's OAuth endpoints. Every type that holds a secret prints it as [redacted], so logging a whole
// record cannot leak it.

/// <summary><c>POST /oauth/service/token</c>, JSON: the communication app's own credentials
/// (vcita/developers-hub swagger/apps/legacy/legacy_token.json paths./token.post).</summary>
public sealed record VcitaServiceTokenRequest(string ServiceId, string ServiceSecret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ServiceId = ").Append(ServiceId).Append(", ServiceSecret = [redacted]");
        return true;
    }
}

/// <summary>
/// <c>POST /oauth/token</c>, as JSON: vcita's spec (swagger/platform_administration/legacy/oauth.json
/// paths./token.post) consumes <c>application/json</c> only, and vcita's own verified test posts JSON
/// (api-validation/workflows/platform_administration/post_oauth_token.md), where OAuth 2.0 itself would send a form.
/// </summary>
public sealed record VcitaCodeExchangeRequest(string ClientId, string ClientSecret, string Code, string RedirectUri)
{
    public string GrantType { get; init; } = "authorization_code";

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("GrantType = ").Append(GrantType).Append(", ClientId = ").Append(ClientId)
            .Append(", ClientSecret = [redacted], Code = [redacted], RedirectUri = ").Append(RedirectUri);
        return true;
    }
}

/// <summary>
/// The answer of both token endpoints. <c>created_at</c> is not read — an ISO time from the service token endpoint,
/// Unix seconds from the code exchange (each endpoint's published example) — expiry is counted from when the bridge
/// asked, on its own clock, which no clock skew can make late.
/// </summary>
public sealed record VcitaToken(string AccessToken, string TokenType, long? ExpiresIn)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessToken = [redacted], TokenType = ").Append(TokenType).Append(", ExpiresIn = ").Append(ExpiresIn);
        return true;
    }
}

/// <summary><c>GET /oauth/userinfo</c>: which business a business token belongs to (oauth.json
/// paths./userinfo.get.responses.200.examples; the other fields there are not read).</summary>
public sealed record VcitaUserInfo(string BusinessUid, string? Sub = null, string? Role = null);
