using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using static TemporalBridge.Tests.Sandbox.VcitaEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox;

public sealed class VcitaOAuthTests
{
    private const string RedirectUri = "http://bridge.test/vcita/oauth/callback";

    [Fact]
    public async Task AServiceTokenIsIssuedForTheRegisteredAppAndRefusedForAWrongSecret()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();

        var issued = await http.PostAsJsonAsync($"{Base}/oauth/service/token", new { service_id = ClientId, service_secret = ClientSecret });
        var refused = await http.PostAsJsonAsync($"{Base}/oauth/service/token", new { service_id = ClientId, service_secret = "wrong" });

        issued.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await issued.Content.ReadFromJsonAsync<JsonNode>())!;
        token["access_token"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        token["token_type"]!.GetValue<string>().Should().Be("Bearer");
        token["expires_in"]!.GetValue<long>().Should().Be(3600);
        DateTimeOffset.TryParse(token["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _)
            .Should().BeTrue("the service token's example has an ISO 8601 created_at");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var error = (await refused.Content.ReadFromJsonAsync<JsonNode>())!;
        error["error"]!.GetValue<string>().Should().Be("invalid_client");
        error["error_description"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task AnAppTokenStopsWorkingAfterItsHour()
    {
        var clock = new ManualClock();
        await using var vcita = new VcitaEmulatorApplication().WithClock(clock);
        using var http = vcita.CreateHttp();
        var token = await vcita.AppTokenAsync(http);
        var channel = new { business_uid = DefaultBusinessUid, type = "transactional", display_name = "x" };

        var before = await SendAsync(http, HttpMethod.Post, "/business/communication/channels", token, channel);
        clock.Advance(TimeSpan.FromSeconds(3601));
        var after = await SendAsync(http, HttpMethod.Post, "/business/communication/channels", token, channel);

        before.StatusCode.Should().Be(HttpStatusCode.Created);
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AuthorizeRedirectsWithACodeThatExchangesForATokenOfTheChosenBusiness()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();

        var redirect = await AuthorizeAsync(http, "&business_uid=chosenbusiness01");
        var exchange = await ExchangeAsync(http, redirect["code"]);
        var token = (await exchange.Content.ReadFromJsonAsync<JsonNode>())!;
        var userInfo = await SendAsync(http, HttpMethod.Get, "/oauth/userinfo", token["access_token"]!.GetValue<string>());

        redirect["state"].Should().Be("state-42");
        redirect["business_uid"].Should().Be("chosenbusiness01");
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        token["token_type"]!.GetValue<string>().Should().Be("Bearer");
        token["expires_in"]!.GetValue<long>().Should().BePositive();
        var info = (await userInfo.Content.ReadFromJsonAsync<JsonNode>())!;
        info["business_uid"]!.GetValue<string>().Should().Be("chosenbusiness01");
        info["sub"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        info["role"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task WithoutABusinessUidTheDefaultBusinessConsents()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();

        var redirect = await AuthorizeAsync(http);

        redirect["business_uid"].Should().Be(DefaultBusinessUid);
    }

    [Fact]
    public async Task ADenyingBusinessRedirectsWithAccessDeniedAndNoCode()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();

        var redirect = await AuthorizeAsync(http, "&deny=true");

        redirect["error"].Should().Be("access_denied");
        redirect.Should().NotContainKey("code");
        redirect["state"].Should().Be("state-42");
    }

    [Fact]
    public async Task ACodeCanBeExchangedOnlyOnce()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var code = (await AuthorizeAsync(http))["code"];

        var first = await ExchangeAsync(http, code);
        var second = await ExchangeAsync(http, code);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await second.Content.ReadFromJsonAsync<JsonNode>())!["error"]!.GetValue<string>().Should().Be("invalid_request");
    }

    [Fact]
    public async Task ACodeExpiresAfter30Seconds()
    {
        var clock = new ManualClock();
        await using var vcita = new VcitaEmulatorApplication().WithClock(clock);
        using var http = vcita.CreateHttp();
        var fresh = (await AuthorizeAsync(http))["code"];
        var stale = (await AuthorizeAsync(http))["code"];

        clock.Advance(TimeSpan.FromSeconds(29));
        var inTime = await ExchangeAsync(http, fresh);
        clock.Advance(TimeSpan.FromSeconds(2));
        var late = await ExchangeAsync(http, stale);

        inTime.StatusCode.Should().Be(HttpStatusCode.OK);
        late.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await late.Content.ReadFromJsonAsync<JsonNode>())!["error"]!.GetValue<string>().Should().Be("invalid_request");
    }

    [Fact]
    public async Task AnExchangeWithAnotherRedirectUriOrAnUnknownCodeIsAnInvalidRequest()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var code = (await AuthorizeAsync(http))["code"];

        var mismatch = await ExchangeAsync(http, code, redirectUri: "http://elsewhere.test/cb");
        var unknown = await ExchangeAsync(http, "made-up-code");

        mismatch.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await mismatch.Content.ReadFromJsonAsync<JsonNode>())!["error"]!.GetValue<string>().Should().Be("invalid_request");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnExchangeWithAWrongClientSecretAnswers401InvalidClient()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var code = (await AuthorizeAsync(http))["code"];

        var response = await ExchangeAsync(http, code, clientSecret: "wrong");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!.GetValue<string>().Should().Be("invalid_client");
    }

    [Fact]
    public async Task TheCodeExchangeTakesJsonOnlyAsTheSpecSays()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var code = (await AuthorizeAsync(http))["code"];

        var form = await http.PostAsync($"{Base}/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
        }));
        var json = await ExchangeAsync(http, code);

        form.StatusCode.Should().Be(HttpStatusCode.BadRequest, "oauth.json consumes application/json only");
        (await form.Content.ReadFromJsonAsync<JsonNode>())!["error"]!.GetValue<string>().Should().Be("invalid_request");
        json.StatusCode.Should().Be(HttpStatusCode.OK, "the form did not use the code up");
        (await json.Content.ReadFromJsonAsync<JsonNode>())!["created_at"]!.GetValue<long>().Should().BeGreaterThan(0, "Unix seconds, as oauth.json's example");
    }

    [Fact]
    public async Task UserInfoWithoutABusinessTokenAnswers401()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var appToken = await vcita.AppTokenAsync(http);

        var response = await SendAsync(http, HttpMethod.Get, "/oauth/userinfo", appToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<Dictionary<string, string>> AuthorizeAsync(HttpClient http, string extra = "")
    {
        var response = await http.GetAsync(
            $"{Base}/app/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state=state-42&response_type=code{extra}");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(RedirectUri);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
    }

    private static Task<HttpResponseMessage> ExchangeAsync(
        HttpClient http, string? code, string redirectUri = RedirectUri, string clientSecret = ClientSecret) =>
        http.PostAsJsonAsync($"{Base}/oauth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["client_secret"] = clientSecret,
            ["code"] = code ?? "",
            ["redirect_uri"] = redirectUri,
        });
}
