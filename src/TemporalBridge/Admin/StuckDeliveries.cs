using TemporalBridge.Deliveries;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Admin;

/// <summary>
/// The admin API's side of the delivery workflows: which are retrying or have failed, and why (from their search
/// attributes, so a listing costs one visibility call however many there are); and an operator's retry of a failed
/// outbound delivery (a signal).
/// </summary>
public sealed class StuckDeliveries(ITemporalClient temporal)
{
    /// <summary>The states an operator looks at.</summary>
    public static readonly IReadOnlyList<string> States = [DeliveryStates.Retrying, DeliveryStates.Failed];

    /// <summary>The most a listing returns: the newest first; narrow by state or business to see the rest.</summary>
    public const int MostListed = 500;

    /// <summary>The visibility query of the deliveries in <paramref name="states"/> (of one business, if given):
    /// the same one the README shows for <c>temporal workflow list</c>.</summary>
    public static string Query(IReadOnlyList<string> states, string? businessUid)
    {
        // Validated by the endpoint to known states and the uid alphabet: nothing in them can end a string literal.
        var query = $"WorkflowType IN ('{nameof(InboundDeliveryWorkflow)}', '{nameof(OutboundDeliveryWorkflow)}') " +
            $"AND {BridgeSearchAttributes.DeliveryState.Name} IN ({string.Join(", ", states.Select(s => $"'{s}'"))})";
        return businessUid is null ? query : $"{query} AND {BridgeSearchAttributes.BusinessUid.Name} = '{businessUid}'";
    }

    public async Task<IReadOnlyList<DeliveryView>> ListAsync(IReadOnlyList<string> states, string? businessUid, CancellationToken cancellationToken)
    {
        var views = new List<DeliveryView>();
        var options = new WorkflowListOptions { Limit = MostListed, Rpc = new RpcOptions { CancellationToken = cancellationToken } };
        await foreach (var execution in temporal.ListWorkflowsAsync(Query(states, businessUid), options))
        {
            views.Add(DeliveryView.From(execution));
        }
        return [.. views.OrderByDescending(v => v.StartedAt).ThenBy(v => v.DeliveryId, StringComparer.Ordinal)];
    }

    /// <summary>Signals an outbound delivery to send again; false when no such delivery is running.</summary>
    public async Task<bool> RetryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await temporal.GetWorkflowHandle<OutboundDeliveryWorkflow>(deliveryId).SignalAsync(
                wf => wf.RetryAsync(), new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
            return true;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return false;
        }
    }
}
