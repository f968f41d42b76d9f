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

    /// <summary>
    /// The conversation of one client on one provider account, e.g. <c>session:whatsapp:1234567890:15551234567</c>.
    /// The id alone enforces "one session per client per channel". It is also the session's <c>external_uid</c> at
    /// vcita, so vcita's calls about the conversation lead straight back to it.
    /// </summary>
    public static string Session(string provider, string accountId, string clientId) => Build("session", provider, accountId, clientId);

    /// <summary>The delivery of one client message to vcita, found by the provider's message id, e.g.
    /// <c>delivery-in:whatsapp:wamid.HBgL…</c>.</summary>
    public static string InboundDelivery(string provider, string providerMessageId) => Build("delivery-in", provider, providerMessageId);

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
