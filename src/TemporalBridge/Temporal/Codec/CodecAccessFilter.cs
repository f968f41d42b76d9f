using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Temporal.Codec;

/// <summary>
/// Who may use <c>/codec</c>, applied once on the group: nobody while it is disabled (404, saying which setting turns
/// it on), and with <see cref="TemporalCodecOptions.AccessToken"/> set, only a caller presenting that bearer token (401).
/// </summary>
/// <remarks>
/// A disabled endpoint sends no CORS headers, so the Temporal UI's browser cannot read the 404: the UI marks its codec
/// as failing and shows the payloads as stored. The log line is what tells the operator why.
/// </remarks>
internal sealed partial class CodecAccessFilter(IOptions<TemporalCodecOptions> options, ILogger<CodecAccessFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var codec = options.Value;
        if (!codec.Enabled)
        {
            LogDisabled(logger, context.HttpContext.Request.Path);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Codec endpoint off",
                detail: "The bridge serves /codec only when Temporal__Codec__Enabled is true (Development turns it on; " +
                    "elsewhere it also needs Temporal__Codec__AccessToken). Until then the Temporal UI shows payloads encrypted.");
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

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Path} answered 404: the codec endpoint is off (Temporal__Codec__Enabled), so the Temporal UI shows payloads encrypted")]
    private static partial void LogDisabled(ILogger logger, PathString path);
}
