using Temporalio.Common;

namespace TemporalBridge.Temporal;

/// <summary>
/// The custom search attributes the bridge sets on its workflows, so an operator can find what is stuck
/// (<c>temporal workflow list --query "BridgeDeliveryState='failed'"</c>). The names are also registered by the
/// dev server in docker compose: rename one here and there together, or upserts fail.
/// </summary>
public static class BridgeSearchAttributes
{
    public static readonly SearchAttributeKey<string> BusinessUid = SearchAttributeKey.CreateKeyword("BridgeBusinessUid");
    public static readonly SearchAttributeKey<string> ChannelUid = SearchAttributeKey.CreateKeyword("BridgeChannelUid");
    public static readonly SearchAttributeKey<string> Provider = SearchAttributeKey.CreateKeyword("BridgeProvider");
    public static readonly SearchAttributeKey<string> ChannelStatus = SearchAttributeKey.CreateKeyword("BridgeChannelStatus");
    public static readonly SearchAttributeKey<string> SessionUid = SearchAttributeKey.CreateKeyword("BridgeSessionUid");
    public static readonly SearchAttributeKey<string> DeliveryState = SearchAttributeKey.CreateKeyword("BridgeDeliveryState");
    public static readonly SearchAttributeKey<long> DeliveryAttempts = SearchAttributeKey.CreateLong("BridgeDeliveryAttempts");
    public static readonly SearchAttributeKey<string> LastErrorCode = SearchAttributeKey.CreateKeyword("BridgeLastErrorCode");

    /// <summary>A channel's provider group (a WhatsApp Business Account): where the provider's account-wide events go.</summary>
    public static readonly SearchAttributeKey<string> AccountGroupId = SearchAttributeKey.CreateKeyword("BridgeAccountGroupId");

    /// <summary>The pseudonym of the provider's person who connected a channel (<see cref="Providers.ProviderCredentials.ConnectedBy"/>).</summary>
    public static readonly SearchAttributeKey<string> ConnectedBy = SearchAttributeKey.CreateKeyword("BridgeConnectedBy");
}
