using System.Collections;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;
using Temporalio.Api.Common.V1;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// A conversation both ways leaves no message text, profile name, token or phone number readable in any workflow
/// history: every payload and failure is encrypted by the bridge's codec before Temporal sees it.
/// </summary>
public sealed class HistoryPlaintextTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string StaffText = "Your appointment is at 10:15, room 4B";

    [Fact]
    public async Task NoHistoryHoldsAMessageTextNameTokenOrNumberInPlaintext()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.StaffWritesAsync("staff-private", StaffText);
        await conversation.UserPhoneReportsAsync(conversation.SuccessfulSends().Single().Wamid!, "read");
        await conversation.GraphFailsAsync("send", new { code = 131026, count = 1 });
        await conversation.StaffWritesAsync("staff-failing", StaffText + " (again)");

        var events = conversation.Host.Host.Temporal.Workflows.SelectMany(w => w.Runs).SelectMany(r => r.Events).ToList();
        var payloads = events.SelectMany(PayloadsIn).ToList();
        payloads.Should().HaveCountGreaterThan(20);
        payloads.Should().OnlyContain(p => p.Metadata["encoding"].ToStringUtf8() == "binary/encrypted", "every payload goes through the codec");

        var history = events.SelectMany(e => e.ToByteArray()).ToArray();
        string[] neverInHistory =
        [
            "Hello, can I book for Friday?", StaffText, "Maria da Silva", VcitaBridgeHost.WhatsAppAccessToken, VcitaBridgeHost.WebhookSecret,
        ];
        foreach (var secret in neverInHistory)
        {
            history.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).Should().Be(-1, $"'{secret}' must be in no history");
        }
        var payloadBytes = payloads.SelectMany(p => p.ToByteArray()).ToArray();
        payloadBytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(OutboundConversation.Maria)).Should().Be(-1, "the number is in no payload");
    }

    /// <summary>Every payload anywhere in an event but its search attributes: inputs, results, signal arguments,
    /// failure details, memos.</summary>
    private static IEnumerable<Payload> PayloadsIn(IMessage message)
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
                foreach (var inner in PayloadsIn(child))
                {
                    yield return inner;
                }
            }
        }
    }
}
