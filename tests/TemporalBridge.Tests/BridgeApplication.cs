using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Core;

namespace TemporalBridge.Tests;

/// <summary>
/// The whole service in memory, with its infrastructure swapped for the test: Temporal points at an address where
/// nothing listens, Redis at nothing too unless the test passes a <see cref="Testing.Redis.RedisServer"/>, and
/// every log event is captured in <see cref="Logs"/>. Each test builds its own, so tests never share state.
/// </summary>
public sealed class BridgeApplication : WebApplicationFactory<Program>
{
    /// <summary>Port 1 on loopback: connections are refused at once, so "Temporal is down" is fast and certain.</summary>
    public const string Unreachable = "127.0.0.1:1";

    /// <summary>The payload encryption key every test host uses (32 bytes, base64), and its id.</summary>
    public const string TestEncryptionKeyId = "test-key";
    public const string TestEncryptionKey = "VEVTVCBrZXkgb2YgdGhlIGJyaWRnZSB0ZXN0cyAwMDA=";

    /// <summary>The key that seals connect-page sign-ins in every test host (32 bytes, base64).</summary>
    public const string TestConnectSessionKey = "VEVTVCBjb25uZWN0IHNlc3Npb24ga2V5IDAwMDAwMDA=";

    private readonly Dictionary<string, string?> settings = new()
    {
        ["Temporal:Address"] = Unreachable,
        ["Redis:Connection"] = Unreachable,
        ["Vcita:WebhookSecret"] = "test-vcita-webhook-secret",
        ["Admin:ApiKey"] = "test-admin-api-key",
        ["WhatsApp:AppSecret"] = "test-whatsapp-app-secret",
        ["WhatsApp:VerifyToken"] = "test-whatsapp-verify-token",
        ["WhatsApp:AccessToken"] = "test-whatsapp-access-token",
        ["WhatsApp:GraphBaseUrl"] = $"http://{Unreachable}/v23.0",
        ["Messenger:AppSecret"] = "test-messenger-app-secret",
        ["Messenger:VerifyToken"] = "test-messenger-verify-token",
        ["Messenger:GraphBaseUrl"] = $"http://{Unreachable}/v23.0",
        ["Temporal:Encryption:KeyId"] = TestEncryptionKeyId,
        ["Temporal:Encryption:Key"] = TestEncryptionKey,
        ["Privacy:ClientIdKey"] = TestPseudonymKey.Base64,
        ["Connect:SessionKey"] = TestConnectSessionKey,

        // Pacing keeps to the wall clock while the kit's clock runs far ahead of it: a test's burst of staff messages,
        // or a day of retries moved through in a second, would wait real seconds for turns Meta's limits spread over
        // hours. The pace itself is tested on its own (tests/TemporalBridge.Tests/Pacing).
        ["Pacing:WhatsAppPairBurst"] = "100",
        ["Pacing:WhatsAppPairIntervalSeconds"] = "0.001",
        ["Pacing:WhatsAppMessagesPerSecond"] = "10000",
        ["Pacing:MessengerMessagesPerSecond"] = "300",
        ["Pacing:VcitaRequestsPerSecond"] = "10000",
    };

    private readonly List<Action<IServiceCollection>> serviceChanges = [];

    /// <summary>"Testing" by default, so no appsettings.{Environment}.json adds development secrets.</summary>
    public string Environment { get; init; } = "Testing";

    public LogCapture Logs { get; } = new();

    /// <summary>Sets one configuration key, e.g. <c>Bridge:Roles</c>; null leaves it to the service's own files.</summary>
    public BridgeApplication WithSetting(string key, string? value)
    {
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        return this;
    }

    public BridgeApplication WithRedis(Testing.Redis.RedisServer redis) =>
        WithSetting("Redis:Connection", redis.ConnectionString);

    public BridgeApplication WithServices(Action<IServiceCollection> change)
    {
        serviceChanges.Add(change);
        return this;
    }

    /// <summary>A new bridge process with this one's settings and service changes, as after a restart. Its logs are
    /// its own.</summary>
    public BridgeApplication Restarted()
    {
        var restarted = new BridgeApplication { Environment = Environment };
        foreach (var (key, value) in settings)
        {
            restarted.settings[key] = value;
        }

        restarted.serviceChanges.AddRange(serviceChanges);
        return restarted;
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            foreach (var change in serviceChanges)
            {
                change(services);
            }
        });
        return base.CreateHost(builder);
    }
}
