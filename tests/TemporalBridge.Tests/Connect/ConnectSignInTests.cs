using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Connect;

namespace TemporalBridge.Tests.Connect;

/// <summary>The connect page's sign-in: no page without it, no change without the anti-forgery token, nothing from a
/// cookie the bridge did not seal. (Temporal is unreachable here: none of these may get that far.)</summary>
public sealed class ConnectSignInTests : IDisposable
{
    private const string Business = "bizuid0000000001";
    private readonly BridgeApplication bridge = new();

    public void Dispose() => bridge.Dispose();

    private HttpClient Browser() => bridge.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private string SignedInCookie(string business = Business, string csrf = "csrf-of-the-test")
    {
        var sealedValues = bridge.Services.GetRequiredService<SealedValues>();
        return $"{ConnectSessions.CookieName}={sealedValues.Seal(ConnectSessions.Purpose, $"{business} {csrf}", TimeSpan.FromMinutes(30))}";
    }

    [Fact]
    public async Task WithoutASignInThePageSendsTheBrowserToVcitasSignIn()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync("/connect");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/oauth/vcita/start");
    }

    [Fact]
    public async Task ACookieTheBridgeDidNotSealIsNoSignIn()
    {
        using var browser = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect");
        request.Headers.Add("Cookie", $"{ConnectSessions.CookieName}={new string('A', 80)}");
        using var response = await browser.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ThePageNamesTheSignedInBusinessAndCarriesItsAntiForgeryToken()
    {
        using var browser = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect");
        request.Headers.Add("Cookie", SignedInCookie());
        using var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain($"<strong>{Business}</strong>").And.Contain("data-csrf=\"csrf-of-the-test\"");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self' https://connect.facebook.net")
            .And.Contain("frame-ancestors 'none'");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        // Neither provider has a Meta app for the dialog in the test settings: the page says so instead of a button.
        html.Should().Contain("not set up for connecting WhatsApp accounts").And.NotContain("class=\"connect\"");

        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/connect/assets/connect.js\\?v=[0-9a-f]{12})\"").Groups[1].Value;
        using var asset = await browser.GetAsync(script);
        asset.StatusCode.Should().Be(HttpStatusCode.OK);
        asset.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        (await asset.Content.ReadAsStringAsync()).Should().Contain("WA_EMBEDDED_SIGNUP");
        using var missing = await browser.GetAsync("/connect/assets/nothing.js");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADialogIsOfferedForAProviderWhoseMetaAppIsSet()
    {
        bridge.WithSetting("WhatsApp:AppId", "100000000000001").WithSetting("WhatsApp:EmbeddedSignupConfigId", "200000000000001");
        using var browser = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect");
        request.Headers.Add("Cookie", SignedInCookie());
        using var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        html.Should().Contain("data-app-id=\"100000000000001\" data-config-id=\"200000000000001\"")
            .And.Contain("Connect a number").And.Contain("not set up for connecting Messenger accounts");
    }

    [Fact]
    public async Task CallsWithoutASignInAre401NamingTheCookie()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync("/connect/channels");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString().Should().Be(ConnectSessions.CookieName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("another-token")]
    [InlineData("")]
    public async Task AChangeWithoutTheAntiForgeryTokenIs403NamingTheHeader(string? csrf)
    {
        using var browser = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/whatsapp")
        {
            Content = JsonContent.Create(new { code = "AQBcode-of-the-dialog", phone_number_id = "1234567890", waba_id = "5550001" }),
        };
        request.Headers.Add("Cookie", SignedInCookie());
        if (csrf is not null)
        {
            request.Headers.Add(ConnectSessions.CsrfHeader, csrf);
        }
        using var response = await browser.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString().Should().Be(ConnectSessions.CsrfHeader);
    }

    [Fact]
    public async Task SigningOutClearsTheCookie()
    {
        using var browser = Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/sign-out");
        request.Headers.Add("Cookie", SignedInCookie());
        request.Headers.Add(ConnectSessions.CsrfHeader, "csrf-of-the-test");
        using var response = await browser.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Set-Cookie").Single().Should().StartWith($"{ConnectSessions.CookieName}=;").And.Contain("expires=Thu, 01 Jan 1970");
    }
}
