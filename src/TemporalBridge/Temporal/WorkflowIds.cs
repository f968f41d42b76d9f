namespace TemporalBridge.Temporal;

/// <summary>
/// Builds every workflow id, in one place. Ids are deterministic so Temporal dedupes for us: the same webhook
/// delivered twice maps to the same id and starts one workflow. Prefixes keep each kind readable in the UI.
/// </summary>
public static class WorkflowIds
{
    private const char Separator = ':';

    /// <summary>The channel workflow of one provider account, e.g. <c>channel:whatsapp:1234567890</c>.</summary>
    public static string Channel(string provider, string accountId) => Build("channel", provider, accountId);

    /// <summary>The workflow that holds one vcita business's token, e.g. <c>business:abcdefgh12345678</c>.</summary>
    public static string Business(string businessUid) => Build("business", businessUid);

    private static string Build(string kind, params ReadOnlySpan<string> parts)
    {
        foreach (var part in parts)
        {
            // An empty part or one holding the separator would let two different inputs build the same id.
            if (string.IsNullOrEmpty(part) || part.Contains(Separator))
            {
                throw new ArgumentException($"A workflow id part must be non-empty and free of '{Separator}': '{part}'.");
            }
        }

        return $"{kind}{Separator}{string.Join(Separator, parts)}";
    }
}
