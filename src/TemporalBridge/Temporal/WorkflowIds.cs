using TemporalBridge.Privacy;

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

    /// <summary>A revocation of access the provider reported: <paramref name="kind"/> is "deauthorize",
    /// "data-deletion" or "account-update", <paramref name="key"/> what makes the report itself one.</summary>
    public static string Revocation(string kind, string key) => Build("revocation", kind, key);

    /// <summary>
    /// The conversation of one client on one provider account, e.g. <c>session:whatsapp:1234567890:3f9a…</c>: the
    /// client is named by their pseudonym (<see cref="ClientPseudonyms"/>), never by their number or page-scoped id.
    /// The id alone enforces "one session per client per channel". It is also the session's <c>external_uid</c> at
    /// vcita, so vcita's calls about the conversation lead straight back to it.
    /// </summary>
    public static string Session(string provider, string accountId, string clientId) =>
        Build("session", provider, accountId, ClientPseudonyms.Of(clientId));

    /// <summary>The delivery of one client message to vcita, found by the provider's message id, e.g.
    /// <c>delivery-in:whatsapp:wamid.HBgL…</c>.</summary>
    public static string InboundDelivery(string provider, string providerMessageId) => Build("delivery-in", provider, providerMessageId);

    /// <summary>
    /// The delivery of one staff message to its client, found by vcita's <c>message_uid</c> (unique per channel),
    /// e.g. <c>delivery-out:Ch4nnelUid:m5g7…</c>. vcita's uid may hold any visible character, so '%' and ':' in it are
    /// percent-encoded: the id stays readable and cannot collide.
    /// </summary>
    public static string OutboundDelivery(string channelUid, string messageUid) =>
        Build("delivery-out", channelUid, messageUid.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal));

    /// <summary>
    /// Whether <paramref name="workflowId"/> is an <see cref="OutboundDelivery"/> id as the bridge builds them: a vcita
    /// channel uid and a message_uid in the shapes vcita's calls are held to, at most <see cref="MaxOutboundDeliveryIdLength"/>
    /// characters. Such an id comes back from outside (a provider hands it back with a status), so it is checked
    /// before it names a workflow.
    /// </summary>
    public static bool IsOutboundDelivery(string? workflowId) =>
        workflowId is { Length: <= MaxOutboundDeliveryIdLength } id
        && id.Split(Separator) is ["delivery-out", var channelUid, _]
        && CommunicationApp.WireRules.Uid(channelUid) is null
        && MessageUidOfOutboundDelivery(id) is { } messageUid
        && CommunicationApp.WireRules.ExternalId(messageUid) is null;

    /// <summary>The most a provider hands back with a status (WhatsApp's <c>biz_opaque_callback_data</c>: 512). A
    /// delivery whose id is longer (a message_uid thick with escaped ':' and '%') is not named to the provider.</summary>
    public const int MaxOutboundDeliveryIdLength = 512;

    /// <summary>Reads a <see cref="Session"/> id back into its provider and account; false for any other id. The client
    /// is not in it, only their pseudonym.</summary>
    public static bool TryParseSession(string workflowId, out string provider, out string accountId)
    {
        var parts = workflowId.Split(Separator);
        var isSession = parts is ["session", { Length: > 0 }, { Length: > 0 }, { Length: > 0 }];
        (provider, accountId) = isSession ? (parts[1], parts[2]) : ("", "");
        return isSession;
    }

    /// <summary>The vcita <c>message_uid</c> an <see cref="OutboundDelivery"/> id was built from; null for any other id.</summary>
    public static string? MessageUidOfOutboundDelivery(string workflowId) =>
        workflowId.Split(Separator) is ["delivery-out", { Length: > 0 }, { Length: > 0 } encoded]
            ? encoded.Replace("%3A", ":", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal)
            : null;

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
