using System.Globalization;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Graph;

namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>
/// Status webhooks for the business's messages: automatically after a send (per <see cref="StatusPlans"/>), or on
/// demand through the control API (a read receipt, a failure with its error, a status out of order).
/// </summary>
public sealed class StatusWebhooks(
    MessageLedger ledger, StatusPlans plans, WebhookSender sender, TimeProvider time, IOptions<WhatsAppEmulatorOptions> options)
{
    /// <summary>Queues the planned statuses of a message just sent, each in its own POST, as Meta sends them.</summary>
    public void AfterSend(OutboundMessage message)
    {
        var o = options.Value;
        var plan = plans.Next(message.RecipientKey);
        var number = o.Numbers().First(n => n.PhoneNumberId == message.PhoneNumberId);
        for (var i = 0; i < plan.Statuses.Count; i++)
        {
            var delay = TimeSpan.FromMilliseconds((double)o.StatusDelayMs * i);
            var status = Build(message, plan.Statuses[i], plan.ErrorCode, time.GetUtcNow() + delay);
            ledger.StatusSent(message.Wamid, status.Status);
            sender.Post($"status {status.Status}", WebhookBatches.Build(o.WabaId, [WebhookItem.ForStatus(number, status)]), [message.Wamid], 1, delay);
        }
    }

    /// <summary>The update for <paramref name="spec"/>, or why it cannot be built.</summary>
    public (WebhookItem? Item, string? Problem) Compose(StatusSpec spec)
    {
        var numbers = options.Value.Numbers();
        var message = ledger.FindOutbound(spec.Wamid!);
        if (message is null && spec.RecipientId is null)
        {
            return (null, $"wamid: '{spec.Wamid}' was not sent through the Graph API; give recipient_id to send a status for it anyway");
        }

        message ??= new OutboundMessage(
            spec.Wamid!, spec.PhoneNumberId ?? numbers[0].PhoneNumberId, spec.RecipientId!, spec.RecipientId, null, "text", time.GetUtcNow());
        var number = numbers.FirstOrDefault(n => n.PhoneNumberId == (spec.PhoneNumberId ?? message.PhoneNumberId));
        if (number is null)
        {
            return (null, $"phone_number_id: '{spec.PhoneNumberId}' is not one of WhatsAppEmulator__BusinessNumbers");
        }

        var at = spec.Timestamp is { } given ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(given, CultureInfo.InvariantCulture)) : time.GetUtcNow();
        ledger.StatusSent(message.Wamid, spec.Status!);
        return (WebhookItem.ForStatus(number, Build(message, spec.Status!, spec.ErrorCode, at)), null);
    }

    private static StatusUpdate Build(OutboundMessage message, string status, int? errorCode, DateTimeOffset at)
    {
        // Meta reports conversation and pricing with sent and delivered; read and failed come without them.
        var billed = status is "sent" or "delivered";
        var category = message.IsTemplate ? "utility" : "service";
        return new StatusUpdate(
            message.Wamid,
            status,
            WhatsAppIds.UnixSeconds(at),
            message.WaId,
            message.UserId,
            billed ? new Conversation(ConversationId(message), status == "sent" ? WhatsAppIds.UnixSeconds(at.AddHours(24)) : null, new ConversationOrigin(category)) : null,
            billed ? new Pricing(message.IsTemplate, "PMP", message.IsTemplate ? "regular" : "free_customer_service", category) : null,
            status == "failed" ? [Error(errorCode ?? GraphErrors.Undeliverable)] : null);
    }

    /// <summary>The same id for every status of a message, derived rather than stored.</summary>
    private static string ConversationId(OutboundMessage message) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.PhoneNumberId + message.RecipientKey)))[..32];

    private static WebhookError Error(int code)
    {
        var meta = GraphErrors.Get(code);
        return new WebhookError(meta.Code, meta.Title, meta.Title, new WebhookErrorData(meta.Details), "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
    }
}
