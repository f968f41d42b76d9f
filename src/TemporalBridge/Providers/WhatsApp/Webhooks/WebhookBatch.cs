using TemporalBridge.Providers.Meta;

namespace TemporalBridge.Providers.WhatsApp.Webhooks;

/// <summary>What one webhook POST said, in provider-neutral events, and what of it was deliberately left aside.</summary>
/// <param name="Events">Every message and status, in the order Meta listed them.</param>
/// <param name="Updates">How many messages and statuses the payload held, handed over or not.</param>
/// <param name="IgnoredObject">The payload's <c>object</c> when it is not a WhatsApp Business Account's: nothing in it
/// was read.</param>
/// <param name="IgnoredFields">The <c>field</c> of each change the bridge does not act on (e.g. template updates).</param>
/// <param name="Skipped">Updates the bridge could read but cannot act on, e.g. a status value it does not know.</param>
public sealed record WebhookBatch(
    IReadOnlyList<ProviderEvent> Events,
    int Updates,
    string? IgnoredObject,
    IReadOnlyList<string> IgnoredFields,
    IReadOnlyList<SkippedUpdate> Skipped)
{
    /// <summary>Errors Meta reported about an account rather than a message (<c>value.errors</c>): logged and counted.</summary>
    public IReadOnlyList<AccountError> AccountErrors { get; init; } = [];

    /// <summary>What Meta reported about a WhatsApp Business Account as a whole (<c>account_update</c>), every kind:
    /// <see cref="AccountRevocations"/> says which of them take the bridge's access away.</summary>
    public IReadOnlyList<AccountUpdate> AccountUpdates { get; init; } = [];
}

/// <summary>One <c>account_update</c>. Nothing here names a person.</summary>
/// <param name="Path">Where it is in the payload, e.g. <c>entry[0].changes[0].value</c>.</param>
/// <param name="AccountGroupId">The WhatsApp Business Account: <c>waba_info.waba_id</c>, else the entry's id.</param>
/// <param name="Event">Meta's kind of update, e.g. <c>PARTNER_APP_UNINSTALLED</c>.</param>
/// <param name="Time">The entry's <c>time</c> (unix seconds), when given.</param>
/// <param name="PartnerAppId">The app a partner event is about, when named.</param>
/// <param name="BanState">A ban's state (<c>DISABLE</c>, <c>REINSTATE</c>, ...), when given.</param>
public sealed record AccountUpdate(string Path, string AccountGroupId, string Event, long? Time, string? PartnerAppId, string? BanState);

/// <summary>An error about a business number as a whole (its account, its app): no message of a client is lost by it.</summary>
/// <param name="AccountId">The phone number id the change was for, when it named one.</param>
public sealed record AccountError(string? AccountId, long Code, string Title, string? Details);

/// <summary>One update left aside. Nothing here is message text; <see cref="Recipient"/> is a phone number to mask.</summary>
/// <param name="Path">Where it is in the payload, e.g. <c>entry[0].changes[0].value.statuses[2]</c>.</param>
public sealed record SkippedUpdate(string Path, string Reason, string? Recipient);

/// <summary>Either a batch or the problem that refused the payload.</summary>
public sealed record WebhookParseResult(WebhookBatch? Batch, PayloadProblem? Problem)
{
    public static WebhookParseResult Accepted(WebhookBatch batch) => new(batch, null);

    public static WebhookParseResult Refused(string path, string problem) => new(null, new PayloadProblem(path, problem));
}
