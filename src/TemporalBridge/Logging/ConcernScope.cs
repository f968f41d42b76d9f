namespace TemporalBridge.Logging;

/// <summary>
/// Puts <c>WorkflowId</c> and <c>MessageUid</c> on every log line written inside a piece of work that concerns
/// one workflow or one message, so an operator finds all lines of a delivery with one filter. Serilog turns a
/// scope's dictionary into properties of each event.
/// </summary>
public static class ConcernScope
{
    public const string WorkflowIdProperty = "WorkflowId";
    public const string MessageUidProperty = "MessageUid";

    /// <summary>Either may be null when the work does not know it (yet); a null one is left out.</summary>
    public static IDisposable? BeginConcernScope(this ILogger logger, string? workflowId, string? messageUid = null)
    {
        var properties = new Dictionary<string, object>(2);
        if (workflowId is not null)
        {
            // A conversation's id names its client by pseudonym only (WorkflowIds.Session): it can be logged as it is.
            properties[WorkflowIdProperty] = workflowId;
        }
        if (messageUid is not null)
        {
            properties[MessageUidProperty] = messageUid;
        }
        return properties.Count == 0 ? null : logger.BeginScope(properties);
    }
}
