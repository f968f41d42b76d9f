using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using Temporalio.Client;

namespace TemporalBridge.LoadTest;

/// <summary>
/// The real bridge in the API role on a free loopback port (Kestrel), with its real signature check, its real Redis,
/// and Temporal answered by <see cref="AcceptingTemporal"/>. The WhatsApp number's (and the Page's) channel route is put in Redis
/// where <see cref="ChannelRoutes"/> reads it, as after the first webhook of a connected channel, so every webhook
/// takes the steady-state path: one Redis read, one signal-with-start, one Redis delete.
/// </summary>
internal sealed class BridgeServer : WebApplicationFactory<Program>
{
    public const string AppSecret = "load-test-whatsapp-app-secret";
    public const string MessengerAppSecret = "load-test-messenger-app-secret";

    /// <summary>The Facebook Page whose channel route is put in Redis beside the WhatsApp number's.</summary>
    public const string PageId = "104400112233445";
    public const string BusinessUid = "load-test-business";
    public const string ChannelUid = "load-test-channel";

    private readonly Dictionary<string, string?> settings;

    public BridgeServer(string redis, bool logInformation)
    {
        settings = new()
        {
            ["Bridge:Roles"] = "api",
            ["Temporal:Address"] = "127.0.0.1:1",
            ["Redis:Connection"] = redis,
            ["Vcita:WebhookSecret"] = "load-test-vcita-webhook-secret",
            ["Admin:ApiKey"] = "load-test-admin-api-key",
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:VerifyToken"] = "load-test-whatsapp-verify-token",
            ["WhatsApp:AccessToken"] = "load-test-whatsapp-access-token",
            ["WhatsApp:GraphBaseUrl"] = "http://127.0.0.1:1/v23.0",
            ["Messenger:AppSecret"] = MessengerAppSecret,
            ["Messenger:VerifyToken"] = "load-test-messenger-verify-token",
            ["Temporal:Encryption:KeyId"] = "load-test-key",
            ["Temporal:Encryption:Key"] = Convert.ToBase64String(new byte[32]),
            ["Privacy:ClientIdKey"] = Convert.ToBase64String(new byte[32]),
            ["Connect:SessionKey"] = Convert.ToBase64String(new byte[32]),
        };
        if (!logInformation)
        {
            settings["Serilog:MinimumLevel:Default"] = "Warning";
        }
    }

    public AcceptingTemporal Temporal { get; } = new();

    public string PhoneNumberId { get; private set; } = "";

    public Uri Address => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public async Task StartAsync(string phoneNumberId)
    {
        PhoneNumberId = phoneNumberId;
        // The factory looks for the bridge's folder beside a solution file above the binaries, which a separate
        // artifacts path does not have: the build copied the bridge's appsettings here, so this is its content root.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TEMPORALBRIDGE", AppContext.BaseDirectory);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        Temporal.Client = Services.GetRequiredService<ITemporalClient>();

        // The key and fields ChannelRoutes reads (tb:channel-route:{provider}:{account}); an hour, so a long run
        // never falls back to asking Temporal.
        var db = Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        foreach (var key in new[] { $"tb:channel-route:{ProviderNames.WhatsApp}:{phoneNumberId}", $"tb:channel-route:{ProviderNames.Messenger}:{PageId}" })
        {
            await db.HashSetAsync(key, [new HashEntry("business", BusinessUid), new HashEntry("channel", ChannelUid)]);
            await db.KeyExpireAsync(key, TimeSpan.FromHours(1));
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.UseEnvironment("LoadTest");
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services =>
            services.Configure<TemporalClientConnectOptions>(options => options.Interceptors = [Temporal]));
        return base.CreateHost(builder);
    }
}
