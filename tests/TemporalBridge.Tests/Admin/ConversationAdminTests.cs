using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;

namespace TemporalBridge.Tests.Admin;

/// <summary>
/// An operator looks a conversation up by vcita's session uid: where it stands, and whether vcita's AI receptionist
/// owns it (vcita's session field <c>ai_status</c>), as vcita last said when creating the session or calling back.
/// </summary>
public sealed class ConversationAdminTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Maria = "15551230001";

    [Fact]
    public async Task AConversationShowsWhetherVcitasAiReceptionistOwnsIt()
    {
        await using var host = await ConversationHost.StartAsync(redis);
        await host.ReceiveAsync(ConversationHost.Text(new(Maria, "+" + Maria, "Maria"), "wamid.ai.1", "Hello", DateTimeOffset.UtcNow));
        await host.SettleAsync();
        var sessionUid = host.Vcita.Snapshot().Sessions.Single().Uid;

        var before = await ShowAsync(host, sessionUid);
        (await host.Control.PostAsJsonAsync(
            "/vcita-emulator/_control/callbacks/session-status", new { session_uid = sessionUid, status = "active", ai_status = "ai_intercepted" }))
            .EnsureSuccessStatusCode();
        await host.SettleAsync();
        var after = await ShowAsync(host, sessionUid);

        before.GetProperty("ai_status").GetString().Should().Be("none", "vcita's answer to POST /sessions said so");
        after.GetProperty("ai_status").GetString().Should().Be("ai_intercepted");
        after.GetProperty("conversation_id").GetString().Should().Be(WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, Maria));
        after.GetProperty("status").GetString().Should().Be(SessionStatus.Active);
        after.GetProperty("session_uid").GetString().Should().Be(sessionUid);
    }

    [Fact]
    public async Task ASessionUidNoConversationHasIs404NamingIt()
    {
        await using var host = await ConversationHost.StartAsync(redis);

        var response = await host.Host.AsAdmin.GetAsync("/admin/sessions/se0000000000404");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString().Should().Be("session_uid");
    }

    private static async Task<JsonElement> ShowAsync(ConversationHost host, string sessionUid)
    {
        var response = await host.Host.AsAdmin.GetAsync($"/admin/sessions/{sessionUid}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
