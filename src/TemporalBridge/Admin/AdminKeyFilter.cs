using Microsoft.Extensions.Options;
using TemporalBridge.CommunicationApp;

using TemporalBridge.Hosting;

namespace TemporalBridge.Admin;

/// <summary>
/// Only holders of <c>Admin:ApiKey</c> use the admin API: <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>, compared in constant time; anything else is 401.
/// </summary>
internal sealed class AdminKeyFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    internal const string ApiKeyHeader = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (IsAdmin(context.HttpContext.Request, options.Value.ApiKey))
        {
            return await next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Admin API key required",
            detail: $"Admin calls must carry Admin__ApiKey as 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'.");
    }

    /// <summary>Whether the request presents the key; also how the rate limiter tells an operator from everyone else.</summary>
    internal static bool IsAdmin(HttpRequest request, string key) =>
        SharedSecret.Matches(SharedSecret.BearerToken(request), key) ||
        SharedSecret.Matches(request.Headers[ApiKeyHeader].ToString(), key);
}
