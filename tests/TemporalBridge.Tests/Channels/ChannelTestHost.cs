extern alias Sandbox;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Testing.Temporal;
using Temporalio.Client;
using SandboxOptions = Sandbox::TemporalBridge.Sandbox.SandboxOptions;
using VcitaState = Sandbox::TemporalBridge.Sandbox.Vcita.VcitaState;

namespace TemporalBridge.Tests.Channels;

/// <summary>
/// The bridge (API role) with the offline Temporal kit behind its own client, a real Redis, and the sandbox's vcita
/// emulator answering every vcita call over HTTP. The emulator's own callbacks are held back (a long activation
/// delay): these tests say themselves what vcita reports.
/// </summary>
internal sealed class ChannelTestHost : IAsyncDisposable
{
    public const string BusinessUid = "bizuid0000000001";

    private ChannelTestHost(WebApplicationFactory<SandboxOptions> sandbox, BridgeApplication bridge, OfflineTemporalEnvironment temporal, RedisServer redis)
    {
        Sandbox = sandbox;
        Bridge = bridge;
        Temporal = temporal;
        this.redis = redis;
        Control = new HttpClient { BaseAddress = SandboxAddress(sandbox) };
    }

    private readonly RedisServer redis;

    public WebApplicationFactory<SandboxOptions> Sandbox { get; }
    public BridgeApplication Bridge { get; }
    public OfflineTemporalEnvironment Temporal { get; }
    public HttpClient Control { get; }
    public VcitaState Vcita => Sandbox.Services.GetRequiredService<VcitaState>();
    public ITemporalClient Client => Temporal.Client;

    public static ChannelTestHost Start(RedisServer redis, Action<OfflineTemporalOptions>? kit = null)
    {
        var sandbox = new WebApplicationFactory<SandboxOptions>().WithWebHostBuilder(web =>
            web.UseSetting("Sandbox:Vcita:ChannelActivationDelayMs", "600000"));
        // A real server on a free loopback port: the bridge calls vcita over HTTP, as it would in production.
        sandbox.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        sandbox.StartServer();
        var vcita = new Uri(SandboxAddress(sandbox), "/vcita-emulator").ToString();
        var link = new OfflineTemporalLink();
        var bridge = new BridgeApplication()
            .WithRedis(redis)
            .WithSetting("Bridge:Roles", "api")
            .WithSetting("Vcita:ApiBaseUrl", vcita)
            .WithSetting("Vcita:AuthorizeBaseUrl", vcita)
            .WithSetting("Vcita:Apps:whatsapp:ClientId", "dev-vcita-client-id")
            .WithSetting("Vcita:Apps:whatsapp:ClientSecret", "dev-vcita-client-secret")
            .WithServices(link.Register);
        // The kit takes the bridge's data converter: it encrypts histories as the bridge does.
        var temporal = link.Start(bridge.Services, TemporalExtensions.WorkerOptionsName, kit);
        return new ChannelTestHost(sandbox, bridge, temporal, redis);
    }

    private static Uri SandboxAddress(WebApplicationFactory<SandboxOptions> sandbox) =>
        new(sandbox.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public T Service<T>()
        where T : notnull => Bridge.Services.GetRequiredService<T>();

    /// <summary>The next <paramref name="count"/> calls of a vcita endpoint answer <paramref name="status"/>.</summary>
    public async Task InjectFaultAsync(string endpoint, int status, int count = 1)
    {
        var response = await Control.PostAsJsonAsync("/vcita-emulator/_control/faults", new { endpoint, status, count });
        response.EnsureSuccessStatusCode();
    }

    public async Task FlushRedisAsync()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        await admin.GetServers()[0].FlushAllDatabasesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Temporal.DisposeAsync();
        await Bridge.DisposeAsync();
        Control.Dispose();
        await Sandbox.DisposeAsync();
    }
}
