namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

// An account_update webhook, as Meta's account_update webhook reference gives it (and pywa's
// tests/data/updates/account_update.json sends it): one entry with the entry's id and time, one change.
// Our choices, where Meta's examples differ: partner events name the account in waba_info and the partner's business as
// the entry's id (pywa's samples); a deletion or a ban names the account only as the entry's id (Meta's older
// examples); a ban's state is a string (Meta's reference; its older examples wrote an array).

public sealed record AccountUpdatePayload(string Object, IReadOnlyList<AccountUpdateEntry> Entry);

public sealed record AccountUpdateEntry(string Id, long Time, IReadOnlyList<AccountUpdateChange> Changes);

public sealed record AccountUpdateChange(AccountUpdateValue Value, string Field)
{
    public const string AccountUpdate = "account_update";
}

public sealed record AccountUpdateValue(string Event, AccountUpdateWabaInfo? WabaInfo, AccountUpdateBanInfo? BanInfo);

public sealed record AccountUpdateWabaInfo(string WabaId, string OwnerBusinessId, string? PartnerAppId);

/// <summary>A ban, e.g. <c>{"waba_ban_state": "DISABLE", "waba_ban_date": "April 17, 2025"}</c>.</summary>
public sealed record AccountUpdateBanInfo(string WabaBanState, string WabaBanDate);
