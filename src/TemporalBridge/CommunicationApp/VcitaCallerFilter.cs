using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;
using TemporalBridge.Vcita;

namespace TemporalBridge.CommunicationApp;

/// <summary>
/// Only vcita may call the communication-app interface: it presents <c>Vcita:WebhookSecret</c> either as
/// <c>Authorization: Bearer &lt;secret&gt;</c> or as <c>?token=&lt;secret&gt;</c> in the app URI it was registered
/// with (vcita documents neither; see docs/vcita-api.md). Anything else is 401 before the body is even read. The
/// secret is never logged: the request log drops query strings, and nothing here writes it.
/// </summary>
internal sealed class VcitaCallerFilter(IOptions<VcitaOptions> options) : IEndpointFilter
{
    internal const string TokenQueryKey = "token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (IsVcita(context.HttpContext.Request, options.Value.WebhookSecret))
        {
            return await next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Not authenticated as vcita",
            detail: "Calls to /vcita must carry the shared secret (Vcita__WebhookSecret) as 'Authorization: Bearer <secret>' or '?token=<secret>'.");
    }

    /// <summary>Whether the request presents the secret; also how the rate limiter tells vcita from everyone else.</summary>
    internal static bool IsVcita(HttpRequest request, string secret) =>
        SharedSecret.Matches(SharedSecret.BearerToken(request), secret) ||
        SharedSecret.Matches(request.Query[TokenQueryKey].ToString(), secret);
}
