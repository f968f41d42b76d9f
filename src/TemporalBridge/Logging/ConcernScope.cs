using TemporalBridge.Privacy;
using TemporalBridge.Temporal;

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
            properties[WorkflowIdProperty] = ForLogs(workflowId);
        }
        if (messageUid is not null)
        {
            properties[MessageUidProperty] = messageUid;
        }
        return properties.Count == 0 ? null : logger.BeginScope(properties);
    }

    /// <summary>A conversation's id names its client by pseudonym (<see cref="WorkflowIds.Session"/>) and is logged as it
    /// is; one made before pseudonyms ends with the client's number or page-scoped id, which is masked.</summary>
    public static string ForLogs(string workflowId)
    {
        if (!WorkflowIds.TryParseSession(workflowId, out var provider, out var accountId))
        {
            return workflowId;
        }
        var client = workflowId[(workflowId.LastIndexOf(':') + 1)..];
        return client.Length == ClientPseudonyms.Length && client.All(char.IsAsciiHexDigitLower)
            ? workflowId
            : $"session:{provider}:{accountId}:{PhoneNumberMask.Mask(client)}";
    }
}
