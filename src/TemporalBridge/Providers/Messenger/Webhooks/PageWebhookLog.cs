namespace TemporalBridge.Providers.Messenger.Webhooks;

/// <summary>What the Messenger webhook logs: counts, paths and reasons; never message text, names or page-scoped ids.</summary>
public sealed partial class PageWebhookLog
{
    private PageWebhookLog()
    {
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a Messenger webhook for object {Object}: the bridge acts only on Pages")]
    public static partial void IgnoredObject(ILogger logger, string @object);

    [LoggerMessage(Level = LogLevel.Information, Message = "Left aside Messenger event {Path}: {Reason}")]
    public static partial void Skipped(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Messenger webhook with {Updates} events had nothing to hand over")]
    public static partial void NothingToHandOver(ILogger logger, int updates);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Messenger webhook with {Updates} events: {Events} read, {HandedOver} handed over, {UnknownAccount} for unknown Pages, {NotHandled} not handled")]
    public static partial void HandedOver(ILogger logger, int updates, int events, int handedOver, int unknownAccount, int notHandled);
}
