using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using StackExchange.Redis;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Testing.Temporal;

namespace TemporalBridge.Tests.BadInput;

/// <summary>
/// The whole bridge (API role) with every endpoint switched on — the codec with an access token, a vcita app for
/// OAuth — over a real Redis and the offline Temporal kit, so "nothing changed" can be checked: Redis's keys, and
/// every workflow's runs, history and signals. It starts with something in both (an OAuth state, a connected
/// channel), so a bad request that touched them would show. vcita and the Graph API point at a port where nothing
/// listens: no row may get as far as calling them.
/// </summary>
public sealed class BadInputHost : IAsyncLifetime
{
    public const string VcitaSecret = "test-vcita-webhook-secret";
    public const string AdminKey = "test-admin-api-key";
    public const string WhatsAppAppSecret = "test-whatsapp-app-secret";
    public const string VerifyToken = "test-whatsapp-verify-token";
    public const string MessengerAppSecret = "test-messenger-app-secret";
    public const string MessengerVerifyToken = "test-messenger-verify-token";
    public const string AccessToken = "test-whatsapp-access-token";
    public const string CodecToken = "test-codec-access-token";
    public const string VcitaClientSecret = "test-vcita-client-secret";

    /// <summary>The channel connected before the rows run: bad requests that name it must not reach it.</summary>
    public const string ConnectedPhoneNumberId = "1234567890";
    public const string ConnectedBusinessUid = "bizuid0000000001";

    /// <summary>Every secret the host is configured with: none may appear in any answer.</summary>
    public static readonly string[] Secrets =
        [VcitaSecret, AdminKey, WhatsAppAppSecret, VerifyToken, MessengerAppSecret, MessengerVerifyToken, AccessToken, CodecToken, VcitaClientSecret, BridgeApplication.TestEncryptionKey];

    private readonly RedisServer redis = new();
    private readonly OfflineTemporalLink link = new();
    private ConnectionMultiplexer? redisClient;

    public BridgeApplication Bridge { get; private set; } = null!;

    public OfflineTemporalEnvironment Temporal { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await redis.InitializeAsync();
        Bridge = new BridgeApplication()
            .WithRedis(redis)
            .WithSetting("Bridge:Roles", "api")
            .WithSetting("Vcita:WebhookSecret", VcitaSecret)
            .WithSetting("Admin:ApiKey", AdminKey)
            .WithSetting("WhatsApp:AppSecret", WhatsAppAppSecret)
            .WithSetting("WhatsApp:VerifyToken", VerifyToken)
            .WithSetting("WhatsApp:AccessToken", AccessToken)
            .WithSetting("Messenger:AppSecret", MessengerAppSecret)
            .WithSetting("Messenger:VerifyToken", MessengerVerifyToken)
            .WithSetting("Vcita:ApiBaseUrl", $"http://{BridgeApplication.Unreachable}")
            .WithSetting("Vcita:AuthorizeBaseUrl", $"http://{BridgeApplication.Unreachable}")
            .WithSetting("Vcita:Apps:whatsapp:ClientId", "test-vcita-client-id")
            .WithSetting("Vcita:Apps:whatsapp:ClientSecret", VcitaClientSecret)
            .WithSetting("Vcita:Apps:whatsapp:RedirectUri", "http://bridge.test/oauth/vcita/callback")
            .WithSetting("Temporal:Codec:Enabled", "true")
            .WithSetting("Temporal:Codec:AccessToken", CodecToken)
            .WithServices(link.Register);
        // Hundreds of rows from one client within seconds, many unauthenticated: far more than the product's limits
        // take from one IP. The limits themselves are tested in Limits/RateLimitTests.
        foreach (var group in new[] { "WhatsApp", "Messenger", "Vcita", "Admin", "Codec", "OAuth", "Unauthenticated" })
        {
            Bridge.WithSetting($"RateLimits:{group}:Permits", "1000000");
        }
        Temporal = link.Start(Bridge.Services, TemporalExtensions.WorkerOptionsName);
        Client = Bridge.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Client.Timeout = TimeSpan.FromSeconds(30);
        redisClient = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");

        // Something for a bad request to disturb: an OAuth state in Redis, a channel workflow in Temporal.
        using var start = await Client.GetAsync("/oauth/vcita/start");
        start.StatusCode.Should().Be(HttpStatusCode.Redirect, await start.Content.ReadAsStringAsync());
        using var connect = new HttpRequestMessage(HttpMethod.Post, "/admin/channels")
        {
            Content = new StringContent(
                $$"""{"business_uid":"{{ConnectedBusinessUid}}","provider":"whatsapp","phone_number_id":"{{ConnectedPhoneNumberId}}","display_number":"+1 555 078 3881"}""",
                System.Text.Encoding.UTF8,
                Rows.Json),
        };
        connect.Headers.Add("X-Api-Key", AdminKey);
        using var connected = await Client.SendAsync(connect);
        connected.StatusCode.Should().Be(HttpStatusCode.Accepted, await connected.Content.ReadAsStringAsync());
        (await SnapshotAsync()).Workflows.Should().NotBeEmpty();
    }

    /// <summary>Everything a request could have changed: Redis's keys with their values, and each workflow's
    /// runs, history length and signals.</summary>
    public async Task<State> SnapshotAsync()
    {
        var server = redisClient!.GetServers().Single();
        var database = redisClient.GetDatabase();
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            var type = await database.KeyTypeAsync(key);
            keys[key.ToString()] = type == RedisType.String ? $"{type}:{await database.StringGetAsync(key)}" : type.ToString();
        }

        var workflows = Temporal.Workflows
            .Select(w => $"{w.WorkflowId} runs={w.Runs.Count} events={w.History.Count} signals={w.SignalsReceived.Count} status={w.Status}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return new State(await server.DatabaseSizeAsync(), keys, workflows);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        redisClient?.Dispose();
        if (Temporal is not null)
        {
            await Temporal.DisposeAsync();
        }

        if (Bridge is not null)
        {
            await Bridge.DisposeAsync();
        }

        await redis.DisposeAsync();
    }

    public sealed record State(long DatabaseSize, IReadOnlyDictionary<string, string> Keys, IReadOnlyList<string> Workflows);
}
