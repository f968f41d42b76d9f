using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Temporal.Codec;

/// <summary>
/// Who may use <c>/codec</c>, applied once on the group: nobody while it is disabled (404, as if it did not exist),
/// and with <see cref="TemporalCodecOptions.AccessToken"/> set, only a caller presenting that bearer token (401).
/// </summary>
internal sealed class CodecAccessFilter(IOptions<TemporalCodecOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var codec = options.Value;
        if (!codec.Enabled)
        {
            return TypedResults.NotFound();
        }

        if (!string.IsNullOrWhiteSpace(codec.AccessToken) && !PresentsToken(context.HttpContext.Request, codec.AccessToken))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Access token required",
                detail: "The codec endpoint answers only requests with 'Authorization: Bearer <Temporal__Codec__AccessToken>' " +
                    "(the CLI sends --codec-auth as the whole header value: --codec-auth 'Bearer <token>').");
        }

        return await next(context);
    }

    /// <summary>Whether the request presents the token; also how the rate limiter tells an operator from everyone else.</summary>
    internal static bool PresentsToken(HttpRequest request, string expected)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) ||
            !header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }

        // Hashing first makes both sides the same length, so the comparison's time does not leak the token's length.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
