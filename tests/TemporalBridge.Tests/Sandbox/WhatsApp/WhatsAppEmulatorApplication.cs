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

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>
/// The sandbox in memory, its WhatsApp webhooks pointed at a <see cref="WebhookReceiver"/> (a real HTTP server), on a
/// <see cref="ManualClock"/> the test moves: status delays, webhook retries, the 24-hour window and media URLs all
/// wait for it. Each test builds its own, so tests share no state.
/// </summary>
public sealed class WhatsAppEmulatorApplication : WebApplicationFactory<SandboxOptions>
{
    public const string Base = "/whatsapp-emulator";
    public const string Graph = Base + "/graph/v23.0";
    public const string Control = Base + "/_control";
    public const string AppSecret = "dev-whatsapp-app-secret";
    public const string AccessToken = "dev-whatsapp-access-token";
    public const string WabaId = "1000000000000001";
    public const string PhoneNumberId = "1234567890";
    public const string DisplayPhoneNumber = "15550783881";
    public const int StatusDelayMs = 1_000;
    public const int RetryDelayMs = 1_000;

    private readonly Dictionary<string, string?> settings = new()
    {
        ["WhatsAppEmulator:StatusDelayMs"] = StatusDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WhatsAppEmulator:WebhookRetryDelayMs"] = RetryDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public WhatsAppEmulatorApplication(WebhookReceiver? receiver = null)
    {
        if (receiver is not null)
        {
            settings["Sandbox:BridgeBaseUrl"] = receiver.BaseUrl;
        }
    }

    public ManualClock Clock { get; } = new();

    public WhatsAppEmulatorApplication WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>A second business number, 2222222222 / 15550002222, after the default one.</summary>
    public WhatsAppEmulatorApplication WithTwoNumbers() => this
        .WithSetting("WhatsAppEmulator:BusinessNumbers:0:PhoneNumberId", PhoneNumberId)
        .WithSetting("WhatsAppEmulator:BusinessNumbers:0:DisplayPhoneNumber", DisplayPhoneNumber)
        .WithSetting("WhatsAppEmulator:BusinessNumbers:1:PhoneNumberId", "2222222222")
        .WithSetting("WhatsAppEmulator:BusinessNumbers:1:DisplayPhoneNumber", "15550002222");

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        return base.CreateHost(builder);
    }

    /// <summary>A client for the control API and, with <paramref name="token"/>, the Graph API's bearer.</summary>
    public HttpClient CreateHttp(string? token = AccessToken)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static async Task CreateUserAsync(HttpClient http, string? waId, string name = "Ada Lovelace", string? userId = null, string? username = null)
    {
        var response = await http.PostAsJsonAsync($"{Control}/users", new { wa_id = waId, name, user_id = userId, username });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A user's message through the control API; answers the control call's JSON (wamids, posts).</summary>
    public static async Task<JsonNode> UserSendsAsync(HttpClient http, object message)
    {
        var response = await http.PostAsJsonAsync($"{Control}/messages", message);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>The user writes "hi" and the test waits for the webhook: opens the 24-hour window; answers the wamid.</summary>
    public static async Task<string> UserWritesAsync(HttpClient http, string waId) =>
        (await UserSendsAsync(http, new { from = waId, type = "text", text = new { body = "hi" } }))["wamids"]![0]!.GetValue<string>();

    public static Task<HttpResponseMessage> GraphSendAsync(HttpClient http, object body, string phoneNumberId = PhoneNumberId) =>
        http.PostAsJsonAsync($"{Graph}/{phoneNumberId}/messages", body);

    public static async Task<JsonNode> ControlGetAsync(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonNode>($"{Control}/{path}"))!;
}
