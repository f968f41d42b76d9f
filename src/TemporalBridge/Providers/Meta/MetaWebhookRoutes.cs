using TemporalBridge.Limits;

namespace TemporalBridge.Providers.Meta;

/// <summary>
/// The two routes every Meta webhook has, mapped the same way for each provider: <c>GET</c> for the verification
/// handshake (no body), <c>POST</c> for signed events, read, authenticated and parsed by
/// <see cref="SignedWebhookFilter{TBatch}"/> before <paramref name="receive"/> sees them.
/// </summary>
public static class MetaWebhookRoutes
{
    /// <param name="payload">The body's type, for the OpenAPI document.</param>
    public static RouteGroupBuilder MapMetaWebhook<TBatch>(
        this IEndpointRouteBuilder app, string path, string tag, string rateLimitPolicy, Type payload, Delegate verify, Delegate receive)
        where TBatch : class
    {
        var group = app.MapGroup(path)
            .WithTags(tag)
            .RequireRateLimiting(rateLimitPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("", verify)
            .WithBodyLimit(BodyLimits.None)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        group.MapPost("", receive)
            .WithBodyLimit(SignedWebhookFilter<TBatch>.MaxBodyBytes)
            .AddEndpointFilter<SignedWebhookFilter<TBatch>>()
            .Accepts(payload, "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return group;
    }
}
