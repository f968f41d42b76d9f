using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;

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

        var events = RecordedHistory.EventsOf(conversation.Host.Host.Temporal);
        var payloads = events.SelectMany(RecordedHistory.In).ToList();
        payloads.Should().HaveCountGreaterThan(20);
        payloads.Should().OnlyContain(p => p.Metadata["encoding"].ToStringUtf8() == "binary/encrypted", "every payload goes through the codec");

        var neverInHistory = new PlaintextScanner(
            ["Hello, can I book for Friday?", StaffText, "Maria da Silva", VcitaBridgeHost.WhatsAppAccessToken, VcitaBridgeHost.WebhookSecret]);
        neverInHistory.FoundIn(RecordedHistory.Bytes(events)).Should().BeEmpty("no history may hold these");
        new PlaintextScanner([OutboundConversation.Maria]).FoundIn(RecordedHistory.Bytes(payloads)).Should().BeEmpty("the number is in no payload");
    }
}
