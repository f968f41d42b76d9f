using TemporalBridge.Channels;

namespace TemporalBridge.Providers.WhatsApp.Webhooks;

/// <summary>
/// Which <c>account_update</c>s take the bridge's access to a WhatsApp Business Account away (Meta's account_update
/// webhook reference), and what becomes of its channels. The business removing this app, or this bridge as its
/// partner, leaves the account there: its channels need reconnection, and go on once reconnected. Meta deleting
/// the account, or disabling it for a policy breach, leaves nothing to reconnect: its channels disconnect. Every
/// other kind (a new partner, a restriction, a price tier, a ban only scheduled or lifted) changes no access.
/// </summary>
public static class AccountRevocations
{
    /// <summary>What the update does to the account's channels; null when it takes no access away. A partner event
    /// about another app (<c>partner_app_id</c> not <paramref name="appId"/>) is about that app's access, not ours.</summary>
    public static AccessRevoked? Of(AccountUpdate update, string? appId) => update.Event switch
    {
        "PARTNER_APP_UNINSTALLED" when update.PartnerAppId is null || update.PartnerAppId == appId =>
            new AccessRevoked("the business removed this app from its WhatsApp Business Account", Disconnect: false),
        "PARTNER_REMOVED" when update.PartnerAppId is null || update.PartnerAppId == appId =>
            new AccessRevoked("the business removed this bridge as a partner of its WhatsApp Business Account", Disconnect: false),
        "ACCOUNT_DELETED" =>
            new AccessRevoked("Meta deleted the WhatsApp Business Account", Disconnect: true),
        "DISABLED_UPDATE" when update.BanState == "DISABLE" =>
            new AccessRevoked("Meta disabled the WhatsApp Business Account", Disconnect: true),
        _ => null,
    };
}
