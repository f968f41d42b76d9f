using Refit;

namespace TemporalBridge.Vcita;

/// <summary>
/// vcita's OAuth endpoints at <c>{Vcita:ApiBaseUrl}/oauth</c>. Failures, including the OAuth error shape
/// <c>{error, error_description}</c>, are <see cref="VcitaApiException"/>s; rejected credentials are
/// <see cref="VcitaFailure.Permanent"/>.
/// </summary>
public interface IVcitaOAuthApi
{
    /// <summary>The communication app's own token. Use <see cref="IVcitaAppTokens"/>, which caches it.</summary>
    [Post("/oauth/service/token")]
    Task<VcitaToken> GetServiceTokenAsync([Body] VcitaServiceTokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>Exchanges an authorization code (it lives 30 seconds) for a business token.</summary>
    [Post("/oauth/token")]
    Task<VcitaToken> ExchangeCodeAsync([Body] VcitaCodeExchangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Which business a business token belongs to.</summary>
    [Get("/oauth/userinfo")]
    Task<VcitaUserInfo> GetUserInfoAsync([Authorize] string businessToken, CancellationToken cancellationToken = default);
}
