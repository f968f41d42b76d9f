extern alias Sandbox;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Temporal;
using TemporalBridge.Testing;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Testing.Temporal;
using Temporalio.Converters;
using CallbackDispatcher = Sandbox::TemporalBridge.Sandbox.Vcita.Callbacks.CallbackDispatcher;
using CallbackLog = Sandbox::TemporalBridge.Sandbox.Vcita.Callbacks.CallbackLog;
using PageWebhookDispatcher = Sandbox::TemporalBridge.Sandbox.Messenger.PageWebhookDispatcher;
using SandboxOptions = Sandbox::TemporalBridge.Sandbox.SandboxOptions;
using VcitaState = Sandbox::TemporalBridge.Sandbox.Vcita.VcitaState;
using WebhookDispatcher = Sandbox::TemporalBridge.Sandbox.WhatsApp.Webhooks.WebhookDispatcher;

namespace TemporalBridge.Tests.CommunicationApp;

/// <summary>
/// The bridge (API role) as vcita and an operator reach it: Temporal answered by the offline kit behind the bridge's
/// own client, a real Redis, and the sandbox's vcita emulator in-process on a free loopback port (the bridge's vcita
/// clients call it over real HTTP). The emulator's callbacks reach the bridge's /vcita routes in memory, with the
/// shared secret. The emulator confirms new channels only when <c>vcitaConfirmsChannels</c>; otherwise the test says
/// itself what vcita reports.
/// </summary>
internal sealed class VcitaBridgeHost : IAsyncDisposable
{
    public const string WebhookSecret = "test-vcita-webhook-secret";
    public const string AdminKey = "test-admin-api-key";
    public const string BusinessUid = "bizuid0000000001";
    public const string OtherBusinessUid = "bizuid0000000002";
    public const string WhatsAppAppSecret = "test-whatsapp-app-secret";
    public const string WhatsAppAccessToken = "test-whatsapp-access-token";
    public const string MessengerAppSecret = "test-messenger-app-secret";
    public const string WhatsAppAppId = "1000000000000003";
    public const string MessengerAppId = "1000000000000002";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly OfflineTemporalLink link;
    private readonly Action<OfflineTemporalOptions>? kit;
    private readonly Uri? loopbackUrl;

    private VcitaBridgeHost(
        WebApplicationFactory<SandboxOptions> sandbox, BridgeApplication bridge, OfflineTemporalLink link, Action<OfflineTemporalOptions>? kit, Uri? loopbackUrl)
    {
        this.link = link;
        this.kit = kit;
        this.loopbackUrl = loopbackUrl;
        Temporal = link.Environment!;
        DataConverter = Temporal.DataConverter;
        Sandbox = sandbox;
        Bridge = bridge;
        (AsVcita, AsAdmin) = Callers(bridge);
    }

    public WebApplicationFactory<SandboxOptions> Sandbox { get; }

    public BridgeApplication Bridge { get; private set; }

    public OfflineTemporalEnvironment Temporal { get; }

    /// <summary>The bridge's data converter (payload codec included): what the histories are written with.</summary>
    public DataConverter DataConverter { get; }

    /// <summary>Calls the bridge as vcita does: with the shared secret.</summary>
    public HttpClient AsVcita { get; private set; }

    /// <summary>Calls the bridge as an operator does: with the admin key.</summary>
    public HttpClient AsAdmin { get; private set; }

    /// <summary>What the emulated VCS holds and received.</summary>
    public VcitaState Vcita => Sandbox.Services.GetRequiredService<VcitaState>();

    public static VcitaBridgeHost Start(
        RedisServer redis,
        bool vcitaConfirmsChannels = false,
        Action<IWebHostBuilder>? sandboxSettings = null,
        Action<BridgeApplication>? bridgeSettings = null,
        bool bridgeOnLoopback = false,
        Action<OfflineTemporalOptions>? kit = null)
    {
        // The bridge's port must be known before it listens (the sandbox is told where to call it), so another
        // process may take it in between: then everything starts again on another port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return TryStart(redis, vcitaConfirmsChannels, sandboxSettings, bridgeSettings, bridgeOnLoopback, kit);
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Another port next time.
            }
        }
    }

    private static VcitaBridgeHost TryStart(
        RedisServer redis,
        bool vcitaConfirmsChannels,
        Action<IWebHostBuilder>? sandboxSettings,
        Action<BridgeApplication>? bridgeSettings,
        bool bridgeOnLoopback,
        Action<OfflineTemporalOptions>? kit)
    {
        BridgeApplication? bridge = null;
        // On loopback, the emulators call the bridge over real HTTP; otherwise in memory, through its test server.
        var bridgeUrl = bridgeOnLoopback ? $"http://127.0.0.1:{FreePort.Next()}" : "http://bridge.test";
        var sandbox = new WebApplicationFactory<SandboxOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Sandbox:BridgeBaseUrl", bridgeUrl);
            web.UseSetting("Sandbox:Vcita:WebhookSecret", WebhookSecret);
            web.UseSetting("Sandbox:Vcita:ChannelActivationDelayMs", vcitaConfirmsChannels ? "0" : "600000");
            web.UseSetting("WhatsAppEmulator:AppSecret", WhatsAppAppSecret);
            web.UseSetting("WhatsAppEmulator:AccessToken", WhatsAppAccessToken);
            web.UseSetting("MessengerEmulator:AppSecret", MessengerAppSecret);
            web.UseSetting("Sandbox:Vcita:DefaultBusinessUid", BusinessUid);
            if (!bridgeOnLoopback)
            {
                web.ConfigureServices(services =>
                {
                    services.AddHttpClient(CallbackDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => bridge!.Server.CreateHandler());
                    services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => bridge!.Server.CreateHandler());
                    services.AddHttpClient(PageWebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => bridge!.Server.CreateHandler());
                });
            }
            sandboxSettings?.Invoke(web);
        });
        // A real server on a free loopback port: the bridge calls vcita and WhatsApp over HTTP, as it would in production.
        sandbox.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        sandbox.StartServer();
        var vcita = new Uri(SandboxAddress(sandbox), "/vcita-emulator").ToString();

        var link = new OfflineTemporalLink();
        bridge = new BridgeApplication()
            .WithRedis(redis)
            .WithSetting("Bridge:Roles", "api")
            .WithSetting("Vcita:WebhookSecret", WebhookSecret)
            .WithSetting("Admin:ApiKey", AdminKey)
            .WithSetting("Vcita:ApiBaseUrl", vcita)
            .WithSetting("Vcita:AuthorizeBaseUrl", vcita)
            // The emulator's default app, registered at its start.
            .WithSetting("Vcita:Apps:whatsapp:ClientId", "dev-vcita-client-id")
            .WithSetting("Vcita:Apps:whatsapp:ClientSecret", "dev-vcita-client-secret")
            .WithSetting("WhatsApp:AppSecret", WhatsAppAppSecret)
            .WithSetting("WhatsApp:AccessToken", WhatsAppAccessToken)
            .WithSetting("WhatsApp:GraphBaseUrl", new Uri(SandboxAddress(sandbox), "/whatsapp-emulator/graph/v23.0").ToString())
            .WithSetting("Vcita:Apps:whatsapp:RedirectUri", $"{bridgeUrl}/oauth/vcita/callback")
            // A browser finds Meta's SDK and dialog at the sandbox's stand-ins.
            .WithSetting("Connect:SdkUrl", new Uri(SandboxAddress(sandbox), "/meta-emulator/sdk.js").ToString())
            .WithSetting("Connect:DialogOrigins", SandboxAddress(sandbox).GetLeftPart(UriPartial.Authority))
            .WithSetting("Vcita:Apps:messenger:ClientId", "dev-vcita-client-id")
            .WithSetting("Vcita:Apps:messenger:ClientSecret", "dev-vcita-client-secret")
            .WithSetting("Messenger:AppSecret", MessengerAppSecret)
            // The emulators' Meta apps, for the connect page's dialogs.
            .WithSetting("WhatsApp:AppId", WhatsAppAppId)
            .WithSetting("WhatsApp:EmbeddedSignupConfigId", "2000000000000003")
            .WithSetting("Messenger:AppId", MessengerAppId)
            .WithSetting("Messenger:LoginConfigId", "2000000000000002")
            .WithSetting("Messenger:GraphBaseUrl", new Uri(SandboxAddress(sandbox), "/messenger-emulator/graph/v23.0").ToString())
            .WithServices(link.Register);
        bridgeSettings?.Invoke(bridge);
        if (bridgeOnLoopback)
        {
            bridge.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, new Uri(bridgeUrl).Port));
            try
            {
                bridge.StartServer();
            }
            catch (IOException)
            {
                bridge.Dispose();
                sandbox.Dispose();
                throw;
            }
        }

        // The bridge keeps its own client; its connection is answered by the kit, which takes the bridge's converter.
        link.Start(bridge.Services, TemporalExtensions.WorkerOptionsName, kit);
        return new VcitaBridgeHost(sandbox, bridge, link, kit, bridgeOnLoopback ? new Uri(bridgeUrl) : null);
    }

    /// <summary>
    /// The bridge process restarts: it stops, and a new one with the same settings listens where the old one did.
    /// Its worker takes over every workflow from its history; nothing in the old process's memory survives. Only on
    /// loopback, where the emulators reach the bridge by its address rather than through the old process's server.
    /// </summary>
    public async Task RestartBridgeAsync()
    {
        var address = loopbackUrl ?? throw new InvalidOperationException("Only a bridge on loopback can be restarted.");
        var restarted = Bridge.Restarted();
        AsVcita.Dispose();
        AsAdmin.Dispose();
        await Bridge.DisposeAsync();

        restarted.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, address.Port));
        restarted.StartServer();
        await link.RestartAsync(restarted.Services, TemporalExtensions.WorkerOptionsName, kit);
        Bridge = restarted;
        (AsVcita, AsAdmin) = Callers(restarted);
    }

    private static (HttpClient AsVcita, HttpClient AsAdmin) Callers(BridgeApplication bridge)
    {
        var asVcita = bridge.CreateClient();
        asVcita.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WebhookSecret);
        var asAdmin = bridge.CreateClient();
        asAdmin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return (asVcita, asAdmin);
    }

    /// <summary>Where the sandbox listens on loopback (both emulators and their control APIs).</summary>
    public Uri SandboxUrl => SandboxAddress(Sandbox);

    /// <summary>Where the bridge listens, when it is on loopback (a browser's address for it).</summary>
    public Uri BridgeUrl => loopbackUrl ?? throw new InvalidOperationException("Only a bridge on loopback has an address.");

    private static Uri SandboxAddress(WebApplicationFactory<SandboxOptions> sandbox) =>
        new(sandbox.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>Each callback the emulator made to the bridge: its state and the bridge's last answer.</summary>
    public IReadOnlyList<(string State, int? LastAnswer)> Callbacks() =>
        [.. Sandbox.Services.GetRequiredService<CallbackLog>().Views().Select(v => (v.State, v.Attempts.LastOrDefault()?.StatusCode))];

    /// <summary>Waits, with a deadline, until every callback the emulator queued has been answered by the bridge.</summary>
    public async Task WaitForCallbacksDeliveredAsync(int atLeast)
    {
        var log = Sandbox.Services.GetRequiredService<CallbackLog>();
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var views = log.Views();
            if (views.Count >= atLeast && views.All(v => v.State is "delivered" or "failed"))
            {
                return;
            }

            // The callbacks run on the emulator's own thread; yield until they have been answered.
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        AsVcita.Dispose();
        AsAdmin.Dispose();
        await Temporal.DisposeAsync();
        await Bridge.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
