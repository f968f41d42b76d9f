using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// Reads fields of the SDK's internal core-command messages by their proto names. Those message types are
/// internal to the SDK, so the kit reads them through protobuf descriptors, which are public and stable.
/// </summary>
internal static class ProtoFields
{
    public static object? Get(IMessage message, string name)
    {
        var field = message.Descriptor.FindFieldByName(name)
            ?? throw new InvalidOperationException(
                $"The SDK's '{message.Descriptor.FullName}' has no field '{name}': the Temporalio version changed; update the offline kit.");
        return field.Accessor.GetValue(message);
    }

    public static Payloads Payloads(object? repeatedPayloads)
    {
        var payloads = new Payloads();
        if (repeatedPayloads is IEnumerable<Payload> items)
        {
            payloads.Payloads_.Add(items);
        }
        return payloads;
    }

    public static TimeSpan? Duration(object? value) => (value as Duration)?.ToTimeSpan();

    /// <summary>Search attributes appear either as a <see cref="SearchAttributes"/> message or, in older core
    /// versions, as a map of payloads; both become the message form the history event needs.</summary>
    public static SearchAttributes? SearchAttributes(object? value) => value switch
    {
        SearchAttributes message => message,
        MapField<string, Payload> { Count: > 0 } map => new SearchAttributes { IndexedFields = { map } },
        _ => null,
    };
}
