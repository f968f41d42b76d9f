using System.Net.Http.Json;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// A conversation both ways, with a failure and typing, writes no message text, profile name, token or secret to
/// the bridge's logs, and no phone number unmasked.
/// </summary>
public sealed class LogPlaintextTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string StaffText = "Your appointment is at 10:15, room 4B";

    [Fact]
    public async Task TheLogsHoldNoMessageTextNameTokenOrUnmaskedNumber()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.StaffWritesAsync("staff-log", StaffText);
        await conversation.UserPhoneReportsAsync(conversation.SuccessfulSends().Single().Wamid!, "read");
        await conversation.GraphFailsAsync("send", new { code = 131026, count = 1 });
        await conversation.StaffWritesAsync("staff-log-failing", StaffText + " (again)");
        (await conversation.Host.Host.AsVcita.PostAsJsonAsync($"/vcita/sessions/{conversation.SessionUid}/typing", new { typing = true }))
            .EnsureSuccessStatusCode();

        var logs = conversation.Host.Host.Bridge.Logs.AllText;
        logs.Should().NotBeEmpty();
        string[] neverLogged =
        [
            "Hello, can I book for Friday?", StaffText, "Maria da Silva", "da Silva",
            VcitaBridgeHost.WhatsAppAccessToken, VcitaBridgeHost.WebhookSecret, VcitaBridgeHost.WhatsAppAppSecret, OutboundConversation.Maria,
        ];
        foreach (var secret in neverLogged)
        {
            logs.Should().NotContain(secret, $"'{secret}' must never be logged");
        }
    }
}
