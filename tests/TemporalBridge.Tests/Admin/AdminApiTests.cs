using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TemporalBridge.Admin;

namespace TemporalBridge.Tests.Admin;

/// <summary>Who may use the admin API and what it refuses, against the whole service; Temporal points nowhere.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private const string Key = "test-admin-api-key";
    private const string ValidConnect =
        """{"business_uid":"bizuid0000000001","provider":"whatsapp","phone_number_id":"1234567890","display_number":"+1 555 078 3881"}""";

    private readonly BridgeApplication app = new();
    private HttpClient client = null!;

    public static TheoryData<string, string, string?> Routes => new()
    {
        { "POST", "/admin/channels", ValidConnect },
        { "GET", "/admin/channels", null },
        { "GET", "/admin/channels?business_uid=bizuid0000000001", null },
        { "DELETE", "/admin/channels/whatsapp/1234567890", null },
        { "GET", "/admin/deliveries", null },
        { "GET", "/admin/deliveries?state=failed&business_uid=bizuid0000000001", null },
        { "POST", "/admin/deliveries/delivery-out:ch:m1/retry", null },
    };

    public static TheoryData<string, string, string?, string> BadInput => new()
    {
        { "POST", "/admin/channels", """{"provider":"whatsapp","phone_number_id":"1234567890","display_number":"+1 555 078 3881"}""", "business_uid" },
        { "POST", "/admin/channels", """{"business_uid":"short","provider":"whatsapp","phone_number_id":"1234567890","display_number":"+1 555 078 3881"}""", "business_uid" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid000000000'","provider":"whatsapp","phone_number_id":"1234567890","display_number":"+1 555 078 3881"}""", "business_uid" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"telegram","phone_number_id":"1234567890","display_number":"+1 555 078 3881"}""", "provider" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","phone_number_id":"+15550783881","display_number":"+1 555 078 3881"}""", "phone_number_id" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","phone_number_id":1234567890,"display_number":"+1 555 078 3881"}""", "phone_number_id" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","phone_number_id":"1234567890","display_number":"call me"}""", "display_number" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","phone_number_id":"1234567890"}""", "display_name" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","display_name":"+1 555 078 3881"}""", "account_id" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","account_id":"1234567890","phone_number_id":"1234567890","display_name":"+1 555 078 3881"}""", "phone_number_id" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","account_id":"12ab","display_name":"+1 555 078 3881"}""", "account_id" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","account_id":"1234567890","display_name":"+1 555 078 3881","credentials":"EAAG-a-token-1234"}""", "credentials" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","account_id":"1234567890","display_name":"+1 555 078 3881","credentials":{}}""", "credentials.access_token" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","account_id":"1234567890","display_name":"+1 555 078 3881","credentials":{"access_token":"EAAG a token\n1234"}}""", "credentials.access_token" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","account_id":"1234567890","display_name":"+1 555 078 3881","credentials":{"access_token":"short"}}""", "credentials.access_token" },
        { "POST", "/admin/channels", "", "body" },
        { "POST", "/admin/channels", "{,}", "body" },
        { "GET", "/admin/channels?business_uid=x'%20OR%20'1'='1", null, "business_uid" },
        { "DELETE", "/admin/channels/telegram/1234567890", null, "provider" },
        { "DELETE", "/admin/channels/whatsapp/12ab", null, "account_id" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","phone_number_id":"1234567890","display_number":"+1 555 078 3881","window_template":"Hello World"}""", "window_template" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","phone_number_id":"1234567890","display_number":"+1 555 078 3881","window_template":"hello","window_template_language":"english"}""", "window_template_language" },
        { "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","phone_number_id":"1234567890","display_number":"+1 555 078 3881","window_template_language":"en_US"}""", "window_template_language" },
        { "GET", "/admin/deliveries?state=delivered", null, "state" },
        { "GET", "/admin/deliveries?business_uid=x'%20OR%20'1'='1", null, "business_uid" },
        { "POST", "/admin/deliveries/delivery-in:whatsapp:wamid.x/retry", null, "delivery_id" },
        { "POST", "/admin/deliveries/session:whatsapp:1:2/retry", null, "delivery_id" },
    };

    public Task InitializeAsync()
    {
        client = app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ACallWithoutTheKeyIsRejectedWith401(string method, string path, string? body)
    {
        var response = await client.SendAsync(Request(method, path, body));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AWrongKeyIsRejectedWith401(string method, string path, string? body)
    {
        var bearer = Request(method, path, body);
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key + "!");
        var header = Request(method, path, body);
        header.Headers.Add("X-Api-Key", "test-admin-api-ke");

        await ShouldBeProblemAsync(await client.SendAsync(bearer), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await client.SendAsync(header), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheKeyIsAcceptedAsBearerOrAsXApiKey()
    {
        var bearer = Request("GET", "/admin/channels", null);
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var header = Request("GET", "/admin/channels", null);
        header.Headers.Add("X-Api-Key", Key);

        // Past authentication, the listing needs Temporal, which is unreachable here.
        await ShouldBeProblemAsync(await client.SendAsync(bearer), HttpStatusCode.ServiceUnavailable);
        await ShouldBeProblemAsync(await client.SendAsync(header), HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task ConnectingWhileTemporalIsUnreachableIsAnswered503()
    {
        var response = await client.SendAsync(Authorized(Request("POST", "/admin/channels", ValidConnect)));

        await ShouldBeProblemAsync(response, HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInputIsRejectedWith400NamingTheField(string method, string path, string? body, string field)
    {
        var response = await client.SendAsync(Authorized(Request(method, path, body)));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal([field], problem.ToString());
    }

    [Fact]
    public async Task AMissingKeyFailsTheStartOutsideDevelopmentNamingTheVariable()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Admin:ApiKey"] = " " });
        builder.AddAdmin();
        await using var host = builder.Build();

        var start = () => host.StartAsync();

        await start.Should().ThrowAsync<OptionsValidationException>().WithMessage("*Admin:ApiKey is required (environment variable Admin__ApiKey)*");
    }

    [Fact]
    public async Task DevelopmentHasADevelopmentKey()
    {
        await using var development = new BridgeApplication { Environment = Environments.Development }.WithSetting("Admin:ApiKey", null);
        using var http = development.CreateClient();
        var request = Request("DELETE", "/admin/channels/whatsapp/1234567890", null);
        request.Headers.Add("X-Api-Key", "dev-admin-api-key");

        var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the development key is accepted; Temporal is unreachable");
    }

    private static HttpRequestMessage Request(string method, string path, string? body) =>
        new(new HttpMethod(method), path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return request;
    }

    private async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text + "\n" + app.Logs.AllText);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
