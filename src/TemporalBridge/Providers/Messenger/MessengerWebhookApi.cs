using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TemporalBridge.Limits;
using TemporalBridge.Providers.Messenger.Webhooks;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Telemetry;

namespace TemporalBridge.Providers.Messenger;

/// <summary>
/// Meta's webhook for the Facebook Pages the bridge serves, at the callback URL configured in the Messenger app:
/// <c>GET</c> is the subscription handshake, <c>POST</c> brings signed Page events. A POST is answered 200 only
/// after every event in it is in Temporal's hands (<see cref="IProviderEventHandOver"/>); when Temporal cannot be
/// reached the answer is 503 and Meta sends the events again.
/// </summary>
public static class MessengerWebhookApi
{
    public const string Path = "/webhooks/messenger";

    public static RouteGroupBuilder MapMessengerWebhooks(this IEndpointRouteBuilder app) =>
        app.MapMetaWebhook<PageWebhookBatch>(Path, "Messenger webhooks", RateLimits.Messenger, typeof(PagePayload), Verify, ReceiveAsync);

    private static Results<ContentHttpResult, ProblemHttpResult, ValidationProblem> Verify(
        [FromQuery(Name = VerificationHandshake.ModeParameter)] string? mode,
        [FromQuery(Name = VerificationHandshake.VerifyTokenParameter)] string? verifyToken,
        [FromQuery(Name = VerificationHandshake.ChallengeParameter)] string? challenge,
        [FromServices] IOptions<MessengerOptions> options,
        [FromServices] ILogger<PageWebhookLog> logger) =>
        VerificationHandshake.Answer(ProviderNames.Title(ProviderNames.Messenger), mode, verifyToken, challenge, options.Value.VerifyToken, logger);

    private static async Task<Ok> ReceiveAsync(
        SignedWebhook<PageWebhookBatch> webhook,
        [FromServices] IProviderEventHandOver handOver,
        [FromServices] BridgeMetrics metrics,
        [FromServices] ILogger<PageWebhookLog> logger,
        CancellationToken cancellationToken)
    {
        var batch = webhook.Batch;
        if (batch.IgnoredObject is { } ignored)
        {
            PageWebhookLog.IgnoredObject(logger, ignored);
            return TypedResults.Ok();
        }

        metrics.WebhookReceived(ProviderNames.Messenger, batch.Events.Count);
        foreach (var skipped in batch.Skipped)
        {
            PageWebhookLog.Skipped(logger, skipped.Path, skipped.Reason);
        }

        if (batch.Events.Count == 0)
        {
            PageWebhookLog.NothingToHandOver(logger, batch.Updates);
            return TypedResults.Ok();
        }

        var result = await handOver.HandOverAsync(batch.Events, cancellationToken);
        PageWebhookLog.HandedOver(logger, batch.Updates, batch.Events.Count, result.HandedOver, result.UnknownAccount, result.NotHandled);
        return TypedResults.Ok();
    }
}
