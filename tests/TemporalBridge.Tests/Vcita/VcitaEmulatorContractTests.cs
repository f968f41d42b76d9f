extern alias Sandbox;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TemporalBridge.Vcita;
using SandboxOptions = Sandbox::TemporalBridge.Sandbox.SandboxOptions;

namespace TemporalBridge.Tests.Vcita;

/// <summary>
/// The bridge's vcita clients against the sandbox's vcita emulator over real HTTP on loopback: the same calls and
/// answers as in production, so a drift between the clients and the facts sheet's emulation fails here.
/// </summary>
public sealed class VcitaEmulatorContractTests : IAsyncLifetime
{
    private const string BusinessUid = "devbusiness00001";

    private readonly EmulatorOnLoopback emulator = new();

    public Task InitializeAsync()
    {
        emulator.UseKestrel(0);
        emulator.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task AChannelSessionAndMessageGoThroughTheEmulatorWithTheBridgesClients()
    {
        using var vcita = For(emulator);
        var appToken = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);
        var businessToken = await BusinessTokenAsync();

        var channel = (await vcita.Vcs.CreateChannelAsync(appToken, new VcsCreateChannelRequest(BusinessUid, VcsChannelTypes.Transactional, "Acme"))).Channel;
        await ActivateAsync(channel.Uid);
        var client = (await vcita.Platform.CreateClientAsync(businessToken, new VcitaCreateClientRequest("Dana", "Levi", "+15550783881", "whatsapp"))).Client;
        var found = await vcita.Platform.FindClientsByPhoneAsync(businessToken, "+15550783881");
        var session = (await vcita.Vcs.CreateSessionAsync(businessToken, new VcsCreateSessionRequest(BusinessUid, channel.Uid, client.Id, "wa:15550783881"))).Session;
        var again = await ((Func<Task>)(() => vcita.Vcs.CreateSessionAsync(businessToken, new VcsCreateSessionRequest(BusinessUid, channel.Uid, client.Id, "wa:15550783881"))))
            .Should().ThrowExactlyAsync<VcitaApiException>();
        var sessions = await vcita.Vcs.GetSessionsAsync(businessToken, channel.Uid, BusinessUid, client.Id);
        var message = (await vcita.Vcs.CreateMessageAsync(businessToken, new VcsCreateMessageRequest(channel.Uid, "wa:15550783881", "Hello", "bridge-msg-1")
        {
            ContactUid = client.Id,
            Direction = VcsMessageDirections.ClientToBusiness,
        })).Message;
        await vcita.Vcs.UpdateMessageAsync(businessToken, "bridge-msg-1", new VcsUpdateMessageRequest("read", channel.Uid));
        await vcita.Vcs.UpdateSessionAsync(businessToken, session.Uid, new VcsUpdateSessionRequest("inactive"));
        var user = await vcita.OAuth.GetUserInfoAsync(businessToken);
        await vcita.Vcs.DeleteChannelAsync(appToken, channel.Uid);

        channel.Status.Should().Be("pending");
        found.Clients.Select(found => found.Id).Should().Contain(client.Id);
        session.Status.Should().Be("pending");
        again.Which.Kind.Should().Be(VcitaFailure.AlreadyExists);
        sessions.Sessions.Select(listed => listed.Uid).Should().Equal(session.Uid);
        message.Status.Should().Be("pending");
        user.BusinessUid.Should().Be(BusinessUid);
    }

    [Fact]
    public async Task TheEmulatorsRejectionsArriveAsTheirKinds()
    {
        using var vcita = For(emulator);
        var appToken = await vcita.AppTokens.GetAsync("whatsapp", CancellationToken.None);

        var invalid = () => vcita.Vcs.CreateChannelAsync(appToken, new VcsCreateChannelRequest("short", VcsChannelTypes.Transactional, "Acme"));
        var wrongToken = () => vcita.Vcs.CreateChannelAsync("not-a-token", new VcsCreateChannelRequest(BusinessUid, VcsChannelTypes.Transactional, "Acme"));
        var wrongSecret = () => vcita.OAuth.ExchangeCodeAsync(new VcitaCodeExchangeRequest("dev-vcita-client-id", "wrong", "no-code", "http://bridge/oauth"));

        (await invalid.Should().ThrowExactlyAsync<VcitaApiException>()).Which.Kind.Should().Be(VcitaFailure.Permanent);
        (await wrongToken.Should().ThrowExactlyAsync<VcitaApiException>()).Which.Kind.Should().Be(VcitaFailure.TokenRejected);
        var rejected = await wrongSecret.Should().ThrowExactlyAsync<VcitaApiException>();
        rejected.Which.Kind.Should().Be(VcitaFailure.Permanent);
        rejected.Which.Errors.Select(error => error.Code).Should().Equal("invalid_client");
    }

    private static VcitaServices For(EmulatorOnLoopback emulator) =>
        VcitaServices.For(emulator.BaseUrl + EmulatorOnLoopback.Base,
            ("Vcita:Apps:whatsapp:ClientId", EmulatorOnLoopback.ClientId),
            ("Vcita:Apps:whatsapp:ClientSecret", EmulatorOnLoopback.ClientSecret));

    /// <summary>vcita confirms the channel (its callback goes nowhere here): sessions and messages need an active channel.</summary>
    private async Task ActivateAsync(string channelUid)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(
            $"{emulator.BaseUrl}{EmulatorOnLoopback.Base}/_control/callbacks/channel-status", new { channel_uid = channelUid, status = "active" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A business token from the emulator's control API (the OAuth redirect flow is the OAuth feature's to test).</summary>
    private async Task<string> BusinessTokenAsync()
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{emulator.BaseUrl}{EmulatorOnLoopback.Base}/_control/tokens/business", new { business_uid = BusinessUid });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["access_token"]!.GetValue<string>();
    }

    /// <summary>The sandbox on a free loopback port; its callbacks go nowhere (they are not what these tests check).</summary>
    private sealed class EmulatorOnLoopback : WebApplicationFactory<SandboxOptions>
    {
        public const string Base = "/vcita-emulator";
        public const string ClientId = "dev-vcita-client-id";
        public const string ClientSecret = "dev-vcita-client-secret";

        public string BaseUrl =>
            Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');

        protected override IHost CreateHost(IHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sandbox:BridgeBaseUrl"] = "http://" + BridgeApplication.Unreachable,
                ["Sandbox:Vcita:CallbackMaxAttempts"] = "1",
            }));
            return base.CreateHost(builder);
        }
    }
}
