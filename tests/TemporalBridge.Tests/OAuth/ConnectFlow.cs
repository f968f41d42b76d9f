extern alias Sandbox;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Testing.Temporal;
using TemporalBridge.Tests.Businesses;
using SandboxOptions = Sandbox::TemporalBridge.Sandbox.SandboxOptions;

namespace TemporalBridge.Tests.OAuth;

/// <summary>
/// A business connecting, played by a browser that follows the redirects by hand: the bridge (real Redis, the
/// offline kit as its Temporal, reached through its own client and data converter) and vcita played by the
/// sandbox's emulator in-process on a loopback port, whose clock the test moves.
/// </summary>
internal sealed class ConnectFlow : IAsyncDisposable
{
    public const string BridgeBase = "http://bridge.test";
    public const string CallbackUrl = BridgeBase + "/oauth/vcita/callback";

    /// <summary>The emulator's default app and business (its development defaults).</summary>
    public const string ClientId = "dev-vcita-client-id";
    public const string ClientSecret = "dev-vcita-client-secret";
    public const string DefaultBusiness = "devbusiness00001";
    public const string DirectoryToken = "dev-directory-token";

    private readonly OfflineTemporalLink link = new();
    private OfflineTemporalEnvironment? temporal;

    private ConnectFlow()
    {
    }

    public ManualTime VcitaClock { get; } = new();

    /// <summary>The emulator's vcita base URL on its loopback port: both <c>Vcita:ApiBaseUrl</c> and <c>AuthorizeBaseUrl</c>.</summary>
    public string EmulatorBase { get; private set; } = "";

    public WebApplicationFactory<SandboxOptions> Vcita { get; private set; } = null!;

    public BridgeApplication Bridge { get; private set; } = null!;

    /// <summary>The kit behind the bridge's client; null when the test wants Temporal unreachable.</summary>
    public OfflineTemporalEnvironment Temporal => temporal ?? throw new InvalidOperationException("This flow runs without Temporal.");

    public HttpClient Browser { get; private set; } = null!;

    public HttpClient VcitaBrowser { get; private set; } = null!;

    /// <param name="redis">null: Redis is unreachable.</param>
    public static ConnectFlow Start(RedisServer? redis, bool withTemporal = true)
    {
        var flow = new ConnectFlow();
        flow.Vcita = new WebApplicationFactory<SandboxOptions>().WithWebHostBuilder(web =>
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(flow.VcitaClock)));
        // A real server on a free loopback port: the bridge calls vcita over HTTP, as it would in production.
        flow.Vcita.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        flow.Vcita.StartServer();
        var vcitaAddress = new Uri(flow.Vcita.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        flow.EmulatorBase = new Uri(vcitaAddress, "/vcita-emulator").ToString();
        flow.Bridge = new BridgeApplication()
            .WithSetting("Bridge:Roles", "api")
            .WithSetting("Vcita:ApiBaseUrl", flow.EmulatorBase)
            .WithSetting("Vcita:AuthorizeBaseUrl", flow.EmulatorBase)
            .WithSetting("Vcita:Apps:whatsapp:ClientId", ClientId)
            .WithSetting("Vcita:Apps:whatsapp:ClientSecret", ClientSecret)
            .WithSetting("Vcita:Apps:whatsapp:RedirectUri", CallbackUrl)
            .WithServices(flow.link.Register);

        if (redis is not null)
        {
            flow.Bridge.WithRedis(redis);
        }

        if (withTemporal)
        {
            // The bridge keeps its own client; its connection is answered by the kit, which takes the bridge's converter.
            flow.temporal = flow.link.Start(flow.Bridge.Services, TemporalExtensions.WorkerOptionsName);
        }

        flow.Browser = flow.Bridge.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(BridgeBase) });
        flow.VcitaBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = vcitaAddress };
        return flow;
    }

    /// <summary>GET /oauth/vcita/start: where the bridge sends the browser (vcita's authorize page).</summary>
    public async Task<Uri> StartAsync(string? provider = null)
    {
        using var response = await Browser.GetAsync(provider is null ? "/oauth/vcita/start" : $"/oauth/vcita/start?provider={provider}");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>The business at vcita's authorize page: consents (or declines), and vcita redirects to the bridge.</summary>
    public async Task<Uri> ConsentAsync(Uri authorize, bool decline = false)
    {
        authorize.GetLeftPart(UriPartial.Path).Should().Be(EmulatorBase + "/app/oauth/authorize");
        var url = authorize.PathAndQuery + (decline ? "&deny=true" : "");
        using var response = await VcitaBrowser.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>The browser arriving back at the bridge's callback.</summary>
    public Task<HttpResponseMessage> ReturnAsync(Uri callback)
    {
        callback.GetLeftPart(UriPartial.Path).Should().Be(CallbackUrl);
        return Browser.GetAsync(callback.PathAndQuery);
    }

    public async Task<HttpResponseMessage> ConnectAsync()
    {
        var callback = await ConsentAsync(await StartAsync());
        return await ReturnAsync(callback);
    }

    public static string Query(Uri uri, string name) => QueryHelpers.ParseQuery(uri.Query)[name].ToString();

    public static Uri WithQuery(Uri uri, string name, string value)
    {
        var query = QueryHelpers.ParseQuery(uri.Query);
        query[name] = value;
        return new Uri(QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query));
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        VcitaBrowser.Dispose();
        if (temporal is not null)
        {
            await temporal.DisposeAsync();
        }

        await Bridge.DisposeAsync();
        await Vcita.DisposeAsync();
    }
}
