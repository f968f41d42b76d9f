using Temporalio.Api.Common.V1;
using Temporalio.Common;

namespace TemporalBridge.Testing.Temporal;

/// <summary>Keeps a workflow's search attributes as a visibility store would: an upsert sets or unsets each named
/// attribute, and the values are decoded with the SDK's own rules.</summary>
internal static class SearchAttributeValues
{
    public static void Apply(SimulatedWorkflow workflow, SearchAttributes update)
    {
        foreach (var (name, payload) in update.IndexedFields)
        {
            if (IsUnset(payload))
            {
                workflow.searchAttributePayloads.Remove(name);
            }
            else
            {
                workflow.searchAttributePayloads[name] = payload;
            }
        }
        var decoded = SearchAttributeCollection.FromProto(ToProto(workflow));
        workflow.searchAttributes = decoded.UntypedValues.ToDictionary(kv => kv.Key.Name, kv => kv.Value);
    }

    public static SearchAttributes ToProto(SimulatedWorkflow workflow) =>
        new() { IndexedFields = { workflow.searchAttributePayloads } };

    /// <summary>An unset arrives as an empty value: no data, JSON null or an empty list.</summary>
    private static bool IsUnset(Payload payload)
    {
        var data = payload.Data.ToStringUtf8().Trim();
        return data.Length == 0 || data == "null" || data == "[]";
    }
}
