using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.VcitaEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox;

public sealed class VcitaPlatformTests
{
    [Fact]
    public async Task ACreatedAppsCredentialsGetATokenAndItsChannelsAreActivatedAtItsApiUri()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication().WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "0");
        using var http = vcita.CreateHttp();

        var created = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", DirectoryToken, new
        {
            name = "My Bridge",
            app_type = new[] { "communication" },
            trusted = true,
            url_params = new[] { "business_uid" },
            redirect_uri = "http://bridge.test/oauth/callback",
            api_uri = receiver.BaseUrl + "/hooks/vcita",
        });
        var app = (await created.Content.ReadFromJsonAsync<JsonNode>())!["data"]!;
        var token = await vcita.AppTokenAsync(http, app["client_id"]!.GetValue<string>(), app["client_secret"]!.GetValue<string>());
        var channel = await vcita.CreateChannelAsync(http, token);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        app["app_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        app["app_code_name"]!.GetValue<string>().Should().Be("my_bridge");
        var calls = await receiver.WaitForCountAsync(1);
        calls[0].Path.Should().Be($"/hooks/vcita/channels/{channel}");
    }

    [Fact]
    public async Task CreatingAnAppNeedsTheDirectoryToken()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var app = new { name = "x", app_type = new[] { "communication" }, api_uri = "http://bridge.test/vcita" };

        var withoutToken = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", token: null, app);
        var withAppToken = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", await vcita.AppTokenAsync(http), app);

        withoutToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withAppToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheDirectoryTokenComesFromTheSettings()
    {
        await using var vcita = new VcitaEmulatorApplication().WithSetting("Sandbox:Vcita:DirectoryToken", "my-directory-token");
        using var http = vcita.CreateHttp();
        var app = new { name = "x", app_type = new[] { "communication" }, api_uri = "http://bridge.test/vcita" };

        var withDefault = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", DirectoryToken, app);
        var withConfigured = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", "my-directory-token", app);

        withDefault.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withConfigured.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnAppWithoutApiUriOrWithAnUnknownTypeIsRefused()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();

        var response = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", DirectoryToken, new { name = "x", app_type = new[] { "payments" } });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var messages = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>());
        messages.Should().Contain(m => m.StartsWith("app_type is invalid")).And.Contain("api_uri is required");
    }

    [Fact]
    public async Task ACreatedClientIsFoundByItsPhoneInItsBusinessOnly()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.BusinessTokenAsync(http);
        var otherBusiness = await vcita.BusinessTokenAsync(http, "otherbusiness001");

        var created = await SendAsync(http, HttpMethod.Post, "/platform/v1/clients", token,
            new { first_name = "Dana", last_name = "Levi", phone = "+1 555-0100", source_channel = "whatsapp" });
        var found = await SendAsync(http, HttpMethod.Get, "/platform/v1/clients?search_term=15550100&search_by=phone", token);
        var notHere = await SendAsync(http, HttpMethod.Get, "/platform/v1/clients?search_term=15550100&search_by=phone", otherBusiness);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["client"]!["id"]!.GetValue<string>();
        var clients = (await found.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["clients"]!.AsArray();
        clients.Should().ContainSingle();
        clients[0]!["id"]!.GetValue<string>().Should().Be(id);
        clients[0]!["mobile_phone"]!.GetValue<string>().Should().Be("+1 555-0100");
        (await notHere.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["clients"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ClientCallsNeedABusinessTokenAndAFirstNameToCreateButNoPhone()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.BusinessTokenAsync(http);

        var withoutToken = await SendAsync(http, HttpMethod.Get, "/platform/v1/clients?search_term=1&search_by=phone", token: null);
        var withoutName = await SendAsync(http, HttpMethod.Post, "/platform/v1/clients", token, new { phone = "+15551230001" });
        // A messaging user known only by a username has no phone.
        var withoutPhone = await SendAsync(http, HttpMethod.Post, "/platform/v1/clients", token, new { first_name = "Dana" });

        withoutToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withoutName.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await withoutName.Content.ReadAsStringAsync()).Should().Contain("first_name is required");
        withoutPhone.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
