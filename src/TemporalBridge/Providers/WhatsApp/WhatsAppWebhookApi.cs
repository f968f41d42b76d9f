using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TemporalBridge.Channels;
using TemporalBridge.Hosting;
using TemporalBridge.Limits;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using TemporalBridge.Telemetry;

namespace TemporalBridge.Providers.WhatsApp;

/// <summary>
/// Meta's webhook for the WhatsApp Business Account, at the callback URL configured in the Meta app:
/// <c>GET</c> is the subscription handshake, <c>POST</c> brings signed batches of messages and statuses. A POST is
/// answered 200 only after every event in it is in Temporal's hands (<see cref="IProviderEventHandOver"/>); when
/// Temporal cannot be reached the answer is 503 and Meta sends the batch again.
/// </summary>
public static class WhatsAppWebhookApi
{
    public const string Path = "/webhooks/whatsapp";

    public static RouteGroupBuilder MapWhatsAppWebhooks(this IEndpointRouteBuilder app) =>
        app.MapMetaWebhook<WebhookBatch>(Path, "WhatsApp webhooks", RateLimits.WhatsApp, typeof(WebhookPayload), Verify, ReceiveAsync);

    /// <summary>Meta checks the callback before subscribing it: echo the challenge when the token is ours.</summary>
    private static Results<ContentHttpResult, ProblemHttpResult, ValidationProblem> Verify(
        [FromQuery(Name = VerificationHandshake.ModeParameter)] string? mode,
        [FromQuery(Name = VerificationHandshake.VerifyTokenParameter)] string? verifyToken,
        [FromQuery(Name = VerificationHandshake.ChallengeParameter)] string? challenge,
        [FromServices] IOptions<WhatsAppOptions> options,
        [FromServices] ILogger<WebhookLog> logger) =>
        VerificationHandshake.Answer(ProviderNames.Title(ProviderNames.WhatsApp), mode, verifyToken, challenge, options.Value.VerifyToken, logger);

    private static async Task<Ok> ReceiveAsync(
        SignedWebhook<WebhookBatch> webhook,
        [FromServices] IOptions<WhatsAppOptions> options,
        [FromServices] IProviderEventHandOver handOver,
        [FromServices] BridgeMetrics metrics,
        [FromServices] ILogger<WebhookLog> logger,
        CancellationToken cancellationToken)
    {
        var batch = webhook.Batch;
        if (batch.IgnoredObject is { } ignored)
        {
            WebhookLog.IgnoredObject(logger, ignored);
            return TypedResults.Ok();
        }

        metrics.WebhookReceived(ProviderNames.WhatsApp, batch.Events.Count);
        foreach (var field in batch.IgnoredFields)
        {
            WebhookLog.IgnoredField(logger, field);
        }

        foreach (var skipped in batch.Skipped)
        {
            WebhookLog.Skipped(logger, skipped.Path, skipped.Reason, Logging.PhoneNumberMask.Mask(skipped.Recipient));
        }

        foreach (var error in batch.AccountErrors)
        {
            metrics.ProviderErrorReported(ProviderNames.WhatsApp, error.Code);
            WebhookLog.AccountError(logger, error.Code, error.AccountId ?? "-", Bounded(error.Title), Bounded(error.Details ?? ""));
        }

        var events = batch.Events.Concat(Revocations(batch.AccountUpdates, options.Value.AppId, logger)).ToList();
        if (events.Count == 0)
        {
            WebhookLog.NothingToHandOver(logger, batch.Updates);
            return TypedResults.Ok();
        }

        var result = await handOver.HandOverAsync(events, cancellationToken);
        WebhookLog.HandedOver(logger, batch.Updates, events.Count, result.HandedOver, result.UnknownAccount, result.NotHandled);
        return TypedResults.Ok();
    }

    /// <summary>The account updates that take the bridge's access away, as events; each update logged by its kind.</summary>
    private static IEnumerable<ProviderEvent> Revocations(IReadOnlyList<AccountUpdate> updates, string? appId, ILogger logger)
    {
        foreach (var update in updates)
        {
            var revocation = AccountRevocations.Of(update, appId);
            WebhookLog.AccountUpdate(logger, Bounded(update.Event), update.AccountGroupId, revocation is not null);
            if (revocation is not null)
            {
                yield return new AccountGroupRevokedEvent(ProviderNames.WhatsApp, update.AccountGroupId, $"{update.Event}-{update.Time ?? 0}", revocation);
            }
        }
    }

    /// <summary>Meta's words, which are not the bridge's to let grow a log line without bound.</summary>
    private static string Bounded(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
