using System.Globalization;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Graph;
using TemporalBridge.Sandbox.WhatsApp.Users;

namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>
/// Status webhooks for the business's messages: automatically after a send (per <see cref="StatusPlans"/>), or on
/// demand through the control API (a read receipt, a failure with its error, a status out of order). Shaped as Meta's
/// status webhook reference and its 2026 "Business-scoped user IDs" page describe them:
/// <list type="bullet">
/// <item><c>contacts</c> names the recipient on sent, delivered and read, not on failed; its <c>username</c> never on sent;</item>
/// <item><c>pricing</c> (and, as on Graph API v23, <c>conversation</c>) comes with sent and with the first of delivered
/// or read, not with both;</item>
/// <item><c>biz_opaque_callback_data</c> comes back on every status of a message whose send carried it (the emulator's
/// reading: Meta's reference sets no narrower condition).</item>
/// </list>
/// </summary>
public sealed class StatusWebhooks(
    MessageLedger ledger, StatusPlans plans, WebhookSender sender, UserDirectory users, TimeProvider time, IOptions<WhatsAppEmulatorOptions> options)
{
    /// <summary>
    /// Queues the planned statuses of a message just sent, each in its own POST, as Meta sends them. Answers when
    /// the send may be answered: at once, or — with <see cref="StatusPlan.BeforeAnswer"/> — once the bridge has
    /// answered every one of them.
    /// </summary>
    public Task AfterSendAsync(OutboundMessage message)
    {
        var o = options.Value;
        var plan = plans.Next(message.RecipientKey);
        var number = o.Numbers().First(n => n.PhoneNumberId == message.PhoneNumberId);
        var posts = new List<WebhookRecord>(plan.Statuses.Count);
        for (var i = 0; i < plan.Statuses.Count; i++)
        {
            var delay = plan.BeforeAnswer ? TimeSpan.Zero : TimeSpan.FromMilliseconds((double)o.StatusDelayMs * i);
            var status = Build(message, plan.Statuses[i], plan.ErrorCode, time.GetUtcNow() + delay);
            ledger.StatusSent(message.Wamid, status.Status);
            posts.AddRange(sender.Post(
                $"status {status.Status}", WebhookBatches.Build(o.WabaId, [WebhookItem.ForStatus(number, status, Recipient(message, status.Status))]),
                [message.Wamid], 1, delay));
        }

        return plan.BeforeAnswer ? Task.WhenAll(posts.Select(post => post.FirstAttempt)) : Task.CompletedTask;
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
        var status = Build(message, spec.Status!, spec.ErrorCode, at);
        if (spec.WithoutCallbackData == true)
        {
            status = status with { BizOpaqueCallbackData = null };
        }

        ledger.StatusSent(message.Wamid, spec.Status!);
        return (WebhookItem.ForStatus(number, status, Recipient(message, status.Status)), null);
    }

    private StatusUpdate Build(OutboundMessage message, string status, int? errorCode, DateTimeOffset at)
    {
        var earlier = ledger.StatusesOf(message.Wamid);
        var billed = status == "sent" || (status is "delivered" or "read" && !earlier.Any(s => s is "delivered" or "read"));
        var category = message.IsTemplate ? "utility" : "service";
        return new StatusUpdate(
            message.Wamid,
            status,
            WhatsAppIds.UnixSeconds(at),
            message.ByUserId ? null : message.WaId,
            message.ByUserId ? message.UserId : null,
            message.CallbackData,
            billed ? new Conversation(ConversationId(message), status == "sent" ? WhatsAppIds.UnixSeconds(at.AddHours(24)) : null, new ConversationOrigin(category)) : null,
            billed ? new Pricing(message.IsTemplate, "PMP", message.IsTemplate ? "regular" : "free_customer_service", category) : null,
            status == "failed" ? [Error(errorCode ?? GraphErrors.Undeliverable)] : null);
    }

    /// <summary>The recipient as <c>contacts</c> names them: not on failed, and without the username on sent.</summary>
    private WebhookContact? Recipient(OutboundMessage message, string status)
    {
        if (status == "failed" || users.Find(message.RecipientKey) is not { } user)
        {
            return null;
        }

        return new WebhookContact(new ContactProfile(user.Name, status == "sent" ? null : user.Username), user.WaId, user.UserId, user.ParentUserId);
    }

    /// <summary>The same id for every status of a message, derived rather than stored.</summary>
    private static string ConversationId(OutboundMessage message) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.PhoneNumberId + message.RecipientKey)))[..32];

    private static WebhookError Error(int code)
    {
        var meta = GraphErrors.Get(code);
        return new WebhookError(meta.Code, meta.Title, meta.Title, new WebhookErrorData(meta.Details), GraphErrors.Href);
    }
}
