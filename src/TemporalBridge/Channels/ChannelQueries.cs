using TemporalBridge.Temporal;

namespace TemporalBridge.Channels;

/// <summary>
/// Temporal visibility queries for running channels. Every value in them is the bridge's own (a pseudonym, provider
/// names, a workflow id it built) or a provider's id checked to digits where it entered: nothing in them can end a
/// literal.
/// </summary>
public static class ChannelQueries
{
    /// <summary>The running channels of <paramref name="search"/>'s providers, of its person and group when given,
    /// other than <paramref name="except"/>.</summary>
    public static string Running(ChannelSearch search, string? except = null)
    {
        var query = $"WorkflowType = '{nameof(ChannelWorkflow)}' AND ExecutionStatus = 'Running' AND " +
            $"{BridgeSearchAttributes.Provider.Name} IN ({string.Join(", ", search.Providers.Select(p => $"'{p}'"))})";
        if (search.ConnectedBy is { } person)
        {
            query += $" AND {BridgeSearchAttributes.ConnectedBy.Name} = '{person}'";
        }
        if (search.AccountGroupId is { } group)
        {
            query += $" AND {BridgeSearchAttributes.AccountGroupId.Name} = '{group}'";
        }
        if (except is not null)
        {
            query += $" AND WorkflowId != '{except}'";
        }
        return query;
    }
}
