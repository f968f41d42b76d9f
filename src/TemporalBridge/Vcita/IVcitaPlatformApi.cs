using Refit;

namespace TemporalBridge.Vcita;

/// <summary>
/// vcita's platform API at <c>{Vcita:ApiBaseUrl}/platform/v1</c>: clients (contacts) with a business token, apps
/// with a directory token. Answers are the envelope's <c>data</c>; failures are <see cref="VcitaApiException"/>s.
/// </summary>
public interface IVcitaPlatformApi
{
    /// <summary>The clients whose phone matches. The phone travels in the query string, which is never logged.</summary>
    [Get("/clients?search_by=phone")]
    Task<VcitaClientsData> FindClientsByPhoneAsync(
        [Authorize] string businessToken, [AliasAs("search_term")] string phone, CancellationToken cancellationToken = default);

    [Post("/clients")]
    Task<VcitaClientData> CreateClientAsync(
        [Authorize] string businessToken, [Body] VcitaCreateClientRequest request, CancellationToken cancellationToken = default);

    [Post("/apps")]
    Task<VcitaAppData> CreateAppAsync(
        [Authorize] string directoryToken, [Body] VcitaCreateAppRequest request, CancellationToken cancellationToken = default);
}
