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
            trusted = "true",
            url_params = new[] { "business_uid" },
            redirect_uri = "http://bridge.test/oauth/callback",
            api_uri = receiver.BaseUrl + "/hooks/vcita",
        });
        var answer = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
        var app = answer["data"]!;
        var token = await vcita.AppTokenAsync(http, app["client_id"]!.GetValue<string>(), app["client_secret"]!.GetValue<string>());
        var channel = await vcita.CreateChannelAsync(http, token, active: false);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        answer["status"]!.GetValue<string>().Should().Be("OK", "the platform API's envelope");
        app["app_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        app["app_code_name"]!.GetValue<string>().Should().Be("mybridge", "code names are letters and digits only");
        app["client_id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{64}$");
        var calls = await receiver.WaitForCountAsync(1);
        calls[0].Path.Should().Be($"/hooks/vcita/channels/{channel}");
    }

    [Fact]
    public async Task CreatingAnAppNeedsTheDirectoryToken()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var app = new { name = "Acme", app_type = new[] { "communication" }, redirect_uri = "http://bridge.test/cb", api_uri = "http://bridge.test/vcita" };

        var withoutToken = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", token: null, app);
        var withAppToken = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", await vcita.AppTokenAsync(http), app);

        withoutToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withAppToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = (await withoutToken.Content.ReadFromJsonAsync<JsonNode>())!.AsObject();
        (body["status"]!.GetValue<string>(), body["error"]!.GetValue<string>()).Should().Be(("Error", "Unauthorized"), "the platform API's error envelope");
    }

    [Fact]
    public async Task TheDirectoryTokenComesFromTheSettings()
    {
        await using var vcita = new VcitaEmulatorApplication().WithSetting("Sandbox:Vcita:DirectoryToken", "my-directory-token");
        using var http = vcita.CreateHttp();
        var app = new { name = "Acme", app_type = new[] { "communication" }, redirect_uri = "http://bridge.test/cb", api_uri = "http://bridge.test/vcita" };

        var withDefault = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", DirectoryToken, app);
        var withConfigured = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", "my-directory-token", app);

        withDefault.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withConfigured.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnAppIsRefusedAsTheSpecAsksAndVcitasOwnTestBodiesAreTaken()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();

        var refused = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", DirectoryToken,
            new { name = "x", app_type = new[] { "chat" }, trusted = true, colour = "blue" });
        // vcita's own verified tests: api-validation/workflows/apps/post_platform_v1_apps.md and post_oauth_service_token.md.
        var openId = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", DirectoryToken,
            new { name = "Test App With OpenID", redirect_uri = "https://example.com/callback", scopes = new Dictionary<string, string> { ["0"] = "openid" } });
        var widgets = await SendAsync(http, HttpMethod.Post, "/platform/v1/apps", DirectoryToken,
            new { name = "Widget app", redirect_uri = "https://example.com/callback", app_type = new[] { "widgets" } });

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = (await refused.Content.ReadFromJsonAsync<JsonNode>())!["error"]!.GetValue<string>();
        error.Should().Contain("name is invalid").And.Contain("app_type is invalid").And.Contain("trusted")
            .And.Contain("redirect_uri is required").And.Contain("colour is not a field of this request");
        openId.StatusCode.Should().Be(HttpStatusCode.Created);
        widgets.StatusCode.Should().Be(HttpStatusCode.Created);
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
