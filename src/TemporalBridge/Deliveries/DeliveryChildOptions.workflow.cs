using TemporalBridge.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Common;
using Temporalio.Workflows;

namespace TemporalBridge.Deliveries;

/// <summary>How a session starts a delivery, either direction.</summary>
public static class DeliveryChildOptions
{
    /// <summary>The delivery outlives the session's run (the session continues as new while deliveries wait for
    /// statuses), its id is never reused (so a message is delivered once), and it is searchable from its first moment.</summary>
    public static ChildWorkflowOptions For(string id, string businessUid, string channelUid, string provider) => new()
    {
        Id = id,
        ParentClosePolicy = Temporalio.Workflows.ParentClosePolicy.Abandon,
        IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
        TypedSearchAttributes = new SearchAttributeCollection.Builder()
            .Set(BridgeSearchAttributes.BusinessUid, businessUid)
            .Set(BridgeSearchAttributes.ChannelUid, channelUid)
            .Set(BridgeSearchAttributes.Provider, provider)
            .Set(BridgeSearchAttributes.DeliveryState, DeliveryStates.Delivering)
            .ToSearchAttributeCollection(),
    };
}
