using TemporalBridge.Temporal;
using Temporalio.Common;

namespace TemporalBridge.Tests.Temporal;

public sealed class BridgeSearchAttributesTests
{
    /// <summary>
    /// The dev server registers the attributes listed in temporal/search-attributes.txt; an attribute the bridge
    /// sets but the server does not know makes every upsert fail.
    /// </summary>
    [Fact]
    public void EveryAttributeIsRegisteredByTheDevServerWithTheSameType()
    {
        SearchAttributeKey[] keys =
        [
            BridgeSearchAttributes.BusinessUid,
            BridgeSearchAttributes.ChannelUid,
            BridgeSearchAttributes.Provider,
            BridgeSearchAttributes.ChannelStatus,
            BridgeSearchAttributes.SessionUid,
            BridgeSearchAttributes.DeliveryState,
            BridgeSearchAttributes.DeliveryAttempts,
            BridgeSearchAttributes.LastErrorCode,
            BridgeSearchAttributes.AccountGroupId,
            BridgeSearchAttributes.ConnectedBy,
        ];

        var registered = File.ReadLines(RepositoryFiles.PathOf("temporal/search-attributes.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('='))
            .ToDictionary(parts => parts[0], parts => parts[1]);

        keys.ToDictionary(key => key.Name, key => key.ValueType.ToString())
            .Should().BeEquivalentTo(registered);
    }
}
