using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using TemporalBridge.Tests.Sandbox;
using static TemporalBridge.Tests.Sandbox.VcitaEmulatorApplication;

namespace TemporalBridge.Tests.Vcita.Contract;

/// <summary>
/// The vcita emulator answers every call the bridge makes as <see cref="VcitaSpec"/> says vcita does — status,
/// envelope and fields, and no field the spec does not document where vcita's schema is exact — so the bridge's
/// end-to-end tests run against vcita's shapes, not the bridge's idea of them.
/// </summary>
public sealed class EmulatorFollowsVcitasSpecTests
{
    [Fact]
    public async Task EveryCallTheBridgeMakesIsAnsweredInTheSpecsShape()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var answers = new Dictionary<string, (int Status, JsonElement Body)>();

        var appToken = (await Record(answers, "POST /oauth/service/token",
            http.PostAsJsonAsync($"{Base}/oauth/service/token", new { service_id = ClientId, service_secret = ClientSecret })))
            .GetProperty("access_token").GetString()!;
        var channel = (await Record(answers, "POST /business/communication/channels", SendAsync(http, HttpMethod.Post,
            "/business/communication/channels", appToken, new { business_uid = DefaultBusinessUid, type = "transactional" })))
            .GetProperty("data").GetProperty("channel").GetProperty("uid").GetString()!;
        (await http.PostAsJsonAsync($"{Base}/_control/callbacks/channel-status", new { channel_uid = channel, status = "active", notify_app = false }))
            .EnsureSuccessStatusCode();
        var code = await CodeAsync(http);
        var businessToken = (await Record(answers, "POST /oauth/token", http.PostAsJsonAsync($"{Base}/oauth/token", new
        {
            grant_type = "authorization_code",
            client_id = ClientId,
            client_secret = ClientSecret,
            code,
            redirect_uri = RedirectUri,
        }))).GetProperty("access_token").GetString()!;
        await Record(answers, "GET /oauth/userinfo", SendAsync(http, HttpMethod.Get, "/oauth/userinfo", businessToken));
        var contact = (await Record(answers, "POST /platform/v1/clients", SendAsync(http, HttpMethod.Post, "/platform/v1/clients", businessToken,
            new { first_name = "Michael", last_name = "Douglas", phone = "+19083073848", source_channel = "whatsapp" })))
            .GetProperty("data").GetProperty("client").GetProperty("id").GetString()!;
        await Record(answers, "GET /platform/v1/clients",
            SendAsync(http, HttpMethod.Get, "/platform/v1/clients?search_term=%2B19083073848&search_by=phone", businessToken));
        var session = (await Record(answers, "POST /business/communication/sessions", SendAsync(http, HttpMethod.Post,
            "/business/communication/sessions", businessToken,
            new { business_uid = DefaultBusinessUid, channel_uid = channel, contact_uid = contact, external_uid = "session:whatsapp:1:2" })))
            .GetProperty("data").GetProperty("session").GetProperty("uid").GetString()!;
        await Record(answers, "GET /business/communication/sessions", SendAsync(http, HttpMethod.Get,
            $"/business/communication/sessions?filter[channel_uid]={channel}&filter[business_uid]={DefaultBusinessUid}&filter[contact_uid]={contact}",
            businessToken));
        await Record(answers, "PUT /business/communication/sessions/{uid}",
            SendAsync(http, HttpMethod.Put, $"/business/communication/sessions/{session}", businessToken, new { status = "active" }));
        await Record(answers, "POST /business/communication/messages", SendAsync(http, HttpMethod.Post, "/business/communication/messages",
            businessToken, new { channel_uid = channel, external_uid = "session:whatsapp:1:2", message = "Hello", message_uid = "m-1" }));
        await Record(answers, "PUT /business/communication/messages/{messageUid}",
            SendAsync(http, HttpMethod.Put, "/business/communication/messages/m-1", businessToken, new { status = "read", channel_uid = channel }));
        await Record(answers, "POST /platform/v1/apps", SendAsync(http, HttpMethod.Post, "/platform/v1/apps", DirectoryToken,
            new { name = "WhatsApp Channel", app_type = new[] { "communication" }, url_params = new[] { "business_uid" }, redirect_uri = RedirectUri, api_uri = "https://b.example/vcita" }));
        await Record(answers, "DELETE /business/communication/channels/{uid}",
            SendAsync(http, HttpMethod.Delete, $"/business/communication/channels/{channel}", appToken));

        answers.Keys.Should().BeEquivalentTo(VcitaSpec.Calls.Select(call => call.Name), "every call the bridge makes is checked");
        foreach (var call in VcitaSpec.Calls)
        {
            var (status, body) = answers[call.Name];
            status.Should().Be(call.Status, call.Name);
            SpecChecks.Problems(body, call.Answer, call.ExactAnswer).Should().BeEmpty($"{call.Name} answers as {call.Source}");
        }
    }

    private const string RedirectUri = "http://bridge.test/oauth/vcita/callback";

    private static async Task<JsonElement> Record(Dictionary<string, (int, JsonElement)> answers, string name, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        answers[name] = ((int)response.StatusCode, body);
        return body;
    }

    private static async Task<string> CodeAsync(HttpClient http)
    {
        var response = await http.GetAsync(
            $"{Base}/app/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state=s&response_type=code");
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"].ToString();
    }
}
