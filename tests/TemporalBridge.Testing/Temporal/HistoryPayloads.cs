using Google.Protobuf;
using Google.Protobuf.Reflection;
using Temporalio.Api.Common.V1;
using Temporalio.Api.History.V1;

namespace TemporalBridge.Testing.Temporal;

/// <summary>Every payload a history holds, wherever it sits (inputs, results, signal arguments, failure details,
/// search attributes): what a test looks through to prove that nothing secret is stored in plaintext.</summary>
public static class HistoryPayloads
{
    public static IEnumerable<(HistoryEvent Event, Payload Payload)> All(IEnumerable<HistoryEvent> history) =>
        history.SelectMany(e => Within(e).Select(p => (e, p)));

    private static IEnumerable<Payload> Within(IMessage message)
    {
        if (message is Payload payload)
        {
            yield return payload;
            yield break;
        }
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType != FieldType.Message)
            {
                continue;
            }
            var value = field.Accessor.GetValue(message);
            var children = field.IsMap
                ? ((System.Collections.IDictionary)value).Values.OfType<IMessage>()
                : field.IsRepeated ? ((System.Collections.IEnumerable)value).OfType<IMessage>() : value is IMessage single ? [single] : [];
            foreach (var child in children)
            {
                foreach (var inner in Within(child))
                {
                    yield return inner;
                }
            }
        }
    }
}
