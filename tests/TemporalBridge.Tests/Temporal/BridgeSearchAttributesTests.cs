using TemporalBridge.Temporal;
using Temporalio.Api.Enums.V1;

namespace TemporalBridge.Tests.Temporal;

public sealed class BridgeSearchAttributesTests
{
    /// <summary>The dev server registers these exact names and types; a rename here breaks every upsert.</summary>
    [Fact]
    public void NamesAndTypesMatchWhatTheDevServerRegisters()
    {
        var keys = new Dictionary<string, IndexedValueType>
        {
            [BridgeSearchAttributes.BusinessUid.Name] = BridgeSearchAttributes.BusinessUid.ValueType,
            [BridgeSearchAttributes.ChannelUid.Name] = BridgeSearchAttributes.ChannelUid.ValueType,
            [BridgeSearchAttributes.Provider.Name] = BridgeSearchAttributes.Provider.ValueType,
            [BridgeSearchAttributes.DeliveryState.Name] = BridgeSearchAttributes.DeliveryState.ValueType,
            [BridgeSearchAttributes.DeliveryAttempts.Name] = BridgeSearchAttributes.DeliveryAttempts.ValueType,
            [BridgeSearchAttributes.LastErrorCode.Name] = BridgeSearchAttributes.LastErrorCode.ValueType,
        };

        keys.Should().BeEquivalentTo(new Dictionary<string, IndexedValueType>
        {
            ["BridgeBusinessUid"] = IndexedValueType.Keyword,
            ["BridgeChannelUid"] = IndexedValueType.Keyword,
            ["BridgeProvider"] = IndexedValueType.Keyword,
            ["BridgeDeliveryState"] = IndexedValueType.Keyword,
            ["BridgeDeliveryAttempts"] = IndexedValueType.Int,
            ["BridgeLastErrorCode"] = IndexedValueType.Keyword,
        });
    }
}
