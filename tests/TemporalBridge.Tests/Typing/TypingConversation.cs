using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;
using TemporalBridge.Typing;

namespace TemporalBridge.Tests.Typing;

/// <summary>
/// A business's WhatsApp channel with users who write through the WhatsApp emulator (signed webhooks to the bridge
/// over loopback, so the emulator knows their messages as it would have received them), the session workflows in
/// the kit, and both emulators answering the bridge over real HTTP: what typing, both ways, needs to be seen.
/// </summary>
internal sealed class TypingConversation : IAsyncDisposable
{
    public const string Maria = "15551230001";
    public const string Kenji = "15551230002";

    private readonly RedisServer redis;

    private TypingConversation(ConversationHost host, RedisServer redis)
    {
        Host = host;
        this.redis = redis;
    }

    public ConversationHost Host { get; }

    public static async Task<TypingConversation> StartAsync(RedisServer redis)
    {
        var host = await ConversationHost.StartAsync(redis, overLoopback: true);
        foreach (var (waId, name) in new[] { (Maria, "Maria da Silva"), (Kenji, "Kenji") })
        {
            (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { wa_id = waId, name })).EnsureSuccessStatusCode();
        }
        return new TypingConversation(host, redis);
    }

    public static string SessionId(string waId) => WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, waId);

    /// <summary>The user writes on WhatsApp; returns once the bridge took the webhook and the conversation settled.</summary>
    public async Task WriteAsync(string waId, string wamid, string text, DateTimeOffset at)
    {
        var response = await Host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/messages", new
        {
            from = waId,
            id = wamid,
            type = "text",
            text = new { body = text },
            timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        });
        var answer = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, answer);
        using var sent = JsonDocument.Parse(answer);
        sent.RootElement.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("status_code").GetInt32())
            .Should().OnlyContain(status => status == 200, Host.Host.Bridge.Logs.AllText);
        await Host.SettleAsync();
    }

    /// <summary>The VCS session vcita holds for the user's conversation.</summary>
    public string SessionUidOf(string waId) => Host.Vcita.Snapshot().Sessions.Single(s => s.ExternalUid == SessionId(waId)).Uid;

    /// <summary>vcita says staff is typing (or stopped) in a session, as it calls the bridge.</summary>
    public Task<HttpResponseMessage> StaffTypingAsync(string sessionUid, bool typing) =>
        Host.Host.AsVcita.PostAsJsonAsync($"/vcita/sessions/{sessionUid}/typing", new { typing });

    /// <summary>The typing indicators the bridge asked WhatsApp to show, as the emulator's Graph call log has them.</summary>
    public async Task<IReadOnlyList<GraphTypingCall>> TypingShownOnWhatsAppAsync()
    {
        using var calls = JsonDocument.Parse(await Host.Control.GetStringAsync("/whatsapp-emulator/_control/graph-calls?operation=typing"));
        return [.. calls.RootElement.EnumerateArray().Select(call => new GraphTypingCall(
            call.GetProperty("phone_number_id").GetString(),
            call.GetProperty("wamid").GetString(),
            call.GetProperty("status_code").GetInt32(),
            call.GetProperty("error_code").ValueKind == JsonValueKind.Number ? call.GetProperty("error_code").GetInt32() : null))];
    }

    /// <summary>Every key typing keeps in Redis, with its time to live.</summary>
    public async Task<IReadOnlyList<(string Key, TimeSpan? TimeToLive)>> TypingKeysAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var keys = new List<(string, TimeSpan?)>();
        await foreach (var key in connection.GetServers()[0].KeysAsync(pattern: "tb:typing:*"))
        {
            keys.Add((key.ToString(), await database.KeyTimeToLiveAsync(key)));
        }
        return keys;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

internal sealed record GraphTypingCall(string? PhoneNumberId, string? Wamid, int StatusCode, int? ErrorCode);
