extern alias Sandbox;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Connect;
using TemporalBridge.Tests.CommunicationApp;
using TemporalBridge.Tests.Conversations;

namespace TemporalBridge.Tests.Connect;

/// <summary>
/// The connect page's calls as its script makes them, for a business signed in with vcita (a cookie the bridge sealed,
/// as its OAuth callback does), with the anti-forgery header; and Meta's dialog, finished through the sandbox's
/// stand-in as the dialog page does.
/// </summary>
internal sealed class ConnectBrowser : IDisposable
{
    public const string Csrf = "csrf-of-the-connect-tests";
    public const string WabaId = "1000000000000001";

    private readonly HttpClient client;

    public ConnectBrowser(ConversationHost host, string businessUid = VcitaBridgeHost.BusinessUid)
    {
        Host = host;
        client = host.Host.Bridge.CreateClient();
        var sealedValues = host.Host.Bridge.Services.GetRequiredService<SealedValues>();
        client.DefaultRequestHeaders.Add("Cookie", $"{ConnectSessions.CookieName}={sealedValues.Seal(ConnectSessions.Purpose, $"{businessUid} {Csrf}", TimeSpan.FromMinutes(30))}");
        client.DefaultRequestHeaders.Add(ConnectSessions.CsrfHeader, Csrf);
    }

    public ConversationHost Host { get; }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => client.PostAsJsonAsync(path, body ?? new { });

    public async Task<JsonElement> ChannelsAsync()
    {
        using var response = await client.GetAsync("/connect/channels");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Embedded Signup finished for <paramref name="phoneNumberId"/>: the code the dialog gave.</summary>
    public async Task<string> SignupCodeAsync(string phoneNumberId = ConversationHost.PhoneNumberId, bool shareAccount = true)
    {
        var answer = await FinishDialogAsync(new { app_id = VcitaBridgeHost.WhatsAppAppId, flow = "signup", waba_id = WabaId, phone_number_id = phoneNumberId, share_account = shareAccount });
        return answer.GetProperty("code").GetString()!;
    }

    /// <summary>Facebook Login finished, sharing <paramref name="pageIds"/>: the short-lived user token the dialog gave.</summary>
    public async Task<string> LoginTokenAsync(params string[] pageIds)
    {
        var answer = await FinishDialogAsync(new { app_id = VcitaBridgeHost.MessengerAppId, flow = "login", page_ids = pageIds });
        return answer.GetProperty("access_token").GetString()!;
    }

    /// <summary>Meta's side as the sandbox holds it: subscriptions and register calls.</summary>
    public async Task<JsonElement> MetaStateAsync() =>
        await Host.Control.GetFromJsonAsync<JsonElement>("/meta-emulator/_control/state");

    private async Task<JsonElement> FinishDialogAsync(object body)
    {
        using var response = await Host.Control.PostAsJsonAsync("/meta-emulator/dialog/finish", body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => client.Dispose();
}
