using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using TemporalBridge.Testing.Temporal;
using Temporalio.Api.Common.V1;
using Temporalio.Api.History.V1;

namespace TemporalBridge.Tests.Conversations;

/// <summary>What Temporal would store of a run in the kit: every event of every run, and every payload in them.</summary>
internal static class RecordedHistory
{
    public static IReadOnlyList<HistoryEvent> EventsOf(OfflineTemporalEnvironment temporal) =>
        [.. temporal.Workflows.SelectMany(w => w.Runs).SelectMany(r => r.Events)];

    /// <summary>Every payload anywhere in an event but its search attributes: inputs, results, signal arguments,
    /// failure details, memos.</summary>
    public static IEnumerable<Payload> In(IMessage message)
    {
        if (message is Payload payload)
        {
            yield return payload;
            yield break;
        }
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            // Search attributes are the one plain part, by design: the server indexes them (uids and states only).
            if (field.FieldType != FieldType.Message || field.MessageType.FullName == SearchAttributes.Descriptor.FullName)
            {
                continue;
            }
            var value = field.Accessor.GetValue(message);
            IEnumerable children = value switch
            {
                IDictionary map => map.Values,
                IList list => list,
                null => Array.Empty<object>(),
                _ => new[] { value },
            };
            foreach (var child in children.OfType<IMessage>())
            {
                foreach (var inner in In(child))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The bytes of <paramref name="messages"/> one after another, for a plaintext scan.</summary>
    public static byte[] Bytes(IEnumerable<IMessage> messages)
    {
        using var all = new MemoryStream();
        foreach (var message in messages)
        {
            message.WriteTo(all);
        }
        return all.ToArray();
    }
}
