using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace TemporalBridge.Limits;

/// <summary>
/// How large a request body an endpoint takes. Kestrel refuses anything over <see cref="LargestBody"/> for every
/// endpoint; a group says less with <see cref="WithBodyLimit{TBuilder}"/> where its bodies are small by nature
/// (JSON events) or absent (GETs, health). The groups' own readers (the vcita and admin validation, Meta's signed
/// body, the codec) keep their limits too and name the field; this refuses earlier, from Content-Length alone.
/// </summary>
public static class BodyLimits
{
    /// <summary>The largest body any endpoint takes: the codec's page of history.</summary>
    public const long LargestBody = Temporal.Codec.CodecApi.MaxBodyBytes;

    /// <summary>For endpoints that read no body.</summary>
    public const long None = 0;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>
    /// Before authentication and before anything reads: a declared length over the endpoint's limit is 413 at once.
    /// A body without a declared length is held to the limit by the server as it is read (<see cref="BadRequestHandler"/>
    /// answers 413 then).
    /// </summary>
    internal static async Task EnforceAsync(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } limit })
        {
            if (http.Request.ContentLength > limit)
            {
                await TooLargeAsync(http, limit);
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }

        await next(http);
    }

    internal static ValueTask TooLargeAsync(HttpContext http, long? limit)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = limit switch
                {
                    null => "The request body is larger than this endpoint takes.",
                    0 => "This endpoint takes no request body.",
                    _ => string.Create(CultureInfo.InvariantCulture, $"The body must be at most {limit} bytes."),
                },
                Extensions = { ["field"] = "body" },
            },
        });
    }

    private sealed record BodyLimit(long Bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => Bytes;
    }
}
