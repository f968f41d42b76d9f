extern alias Sandbox;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SandboxOptions = Sandbox::TemporalBridge.Sandbox.SandboxOptions;

namespace TemporalBridge.Tests.Sandbox;

/// <summary>
/// The sandbox in memory, with the vcita emulator's callbacks pointed at <see cref="CallbackReceiver"/> (a real
/// HTTP server) when one is given. Callback retries are fast; every other setting is the emulator's default unless
/// the test sets it. Each test builds its own, so tests share no state.
/// </summary>
public sealed class VcitaEmulatorApplication : WebApplicationFactory<SandboxOptions>
{
    public const string Base = "/vcita-emulator";
    public const string ClientId = "dev-vcita-client-id";
    public const string ClientSecret = "dev-vcita-client-secret";
    public const string DirectoryToken = "dev-directory-token";
    public const string WebhookSecret = "dev-vcita-webhook-secret";
    public const string DefaultBusinessUid = "devbusiness00001";

    private readonly Dictionary<string, string?> settings = new()
    {
        ["Sandbox:Vcita:CallbackRetryDelayMs"] = "10",
    };

    private TimeProvider? clock;

    public VcitaEmulatorApplication(CallbackReceiver? receiver = null)
    {
        if (receiver is not null)
        {
            settings["Sandbox:BridgeBaseUrl"] = receiver.BaseUrl;
        }
    }

    public VcitaEmulatorApplication WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public VcitaEmulatorApplication WithClock(TimeProvider time)
    {
        clock = time;
        return this;
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        if (clock is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(clock)));
        }

        return base.CreateHost(builder);
    }

    /// <summary>An HTTP client without redirects followed, so the authorize page's 302 can be read.</summary>
    public HttpClient CreateHttp() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<string> AppTokenAsync(HttpClient http, string clientId = ClientId, string clientSecret = ClientSecret)
    {
        var response = await http.PostAsJsonAsync($"{Base}/oauth/service/token", new { service_id = clientId, service_secret = clientSecret });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["access_token"]!.GetValue<string>();
    }

    /// <summary>A business token through the control API's shortcut (the OAuth flow has its own tests).</summary>
    public async Task<string> BusinessTokenAsync(HttpClient http, string businessUid = DefaultBusinessUid, string? clientId = null)
    {
        var response = await http.PostAsJsonAsync($"{Base}/_control/tokens/business", new { business_uid = businessUid, client_id = clientId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["access_token"]!.GetValue<string>();
    }

    /// <summary>A channel vcita has made active at once (through the control API, without calling the app about it):
    /// sessions and messages need it active. <paramref name="active"/> false leaves it pending, as vcita creates it.</summary>
    public async Task<string> CreateChannelAsync(HttpClient http, string appToken, string businessUid = DefaultBusinessUid, bool active = true)
    {
        var response = await SendAsync(http, HttpMethod.Post, "/business/communication/channels", appToken,
            new { business_uid = businessUid, type = "transactional", display_name = "WhatsApp +1 555 0100" });
        response.EnsureSuccessStatusCode();
        var uid = (await response.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["channel"]!["uid"]!.GetValue<string>();
        if (active)
        {
            (await http.PostAsJsonAsync($"{Base}/_control/callbacks/channel-status", new { channel_uid = uid, status = "active", notify_app = false })).EnsureSuccessStatusCode();
        }

        return uid;
    }

    public async Task<string> CreateSessionAsync(HttpClient http, string businessToken, string channelUid, string contactUid = "contact-1")
    {
        var response = await SendAsync(http, HttpMethod.Post, "/business/communication/sessions", businessToken,
            new { business_uid = DefaultBusinessUid, channel_uid = channelUid, contact_uid = contactUid, external_uid = "wa:15550100" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["session"]!["uid"]!.GetValue<string>();
    }

    /// <summary>A call to <c>/vcita-emulator{path}</c> with an optional bearer token and JSON body.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, Base + path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return http.SendAsync(request);
    }

    public static async Task<JsonNode> ControlAsync(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonNode>($"{Base}/_control/{path}"))!;
}
