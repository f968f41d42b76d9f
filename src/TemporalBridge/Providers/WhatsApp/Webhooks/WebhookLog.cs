namespace TemporalBridge.Providers.WhatsApp.Webhooks;

/// <summary>What the WhatsApp webhook logs: counts, field names and masked numbers; never message text or tokens.</summary>
public sealed partial class WebhookLog
{
    private WebhookLog()
    {
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a webhook for object {Object}: the bridge acts only on WhatsApp Business Accounts")]
    public static partial void IgnoredObject(ILogger logger, string @object);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a WhatsApp webhook change of field {Field}")]
    public static partial void IgnoredField(ILogger logger, string field);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped WhatsApp update {Path}: {Reason} (recipient {Recipient})")]
    public static partial void Skipped(ILogger logger, string path, string reason, string recipient);

    /// <summary>An error about the account rather than a message: Meta's words, bounded; they name no client.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp reported error {Code} about account {AccountId}: {Title} {Details}")]
    public static partial void AccountError(ILogger logger, long code, string accountId, string title, string details);

    [LoggerMessage(Level = LogLevel.Information, Message = "WhatsApp account update {Event} for business account {AccountGroupId} (takes access away: {Revokes})")]
    public static partial void AccountUpdate(ILogger logger, string @event, string accountGroupId, bool revokes);

    [LoggerMessage(Level = LogLevel.Information, Message = "WhatsApp webhook with {Updates} updates had nothing to hand over")]
    public static partial void NothingToHandOver(ILogger logger, int updates);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "WhatsApp webhook with {Updates} updates: {Events} events, {HandedOver} handed over, {UnknownAccount} for unknown accounts, {NotHandled} not handled")]
    public static partial void HandedOver(ILogger logger, int updates, int events, int handedOver, int unknownAccount, int notHandled);
}
