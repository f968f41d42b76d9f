using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Tests.Providers.WhatsApp;

namespace TemporalBridge.Tests.Limits;

/// <summary>
/// Each endpoint group has its own budget per partition: a caller over it gets 429 with Retry-After and a
/// ProblemDetails, and nothing else is affected — not another client, not the real caller of an authenticated
/// group, not health probes. Limits are set low here by settings; the defaults are checked against a burst.
/// </summary>
public sealed class RateLimitTests
{
    private const string VcitaSecret = "test-vcita-webhook-secret";
    private const string AdminKey = "test-admin-api-key";
    private const string A = "192.0.2.1";
    private const string B = "192.0.2.2";

    [Fact]
    public async Task OverItsLimitAClientGets429WithRetryAfterAndAProblem()
    {
        await using var app = Bridge().WithSetting("RateLimits:WhatsApp:Permits", "3");
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(client, Webhook(A))).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
        }

        using var refused = await SendAsync(client, Webhook(A));

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromHours(1), "at most the rest of the window");
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(429);
    }

    [Fact]
    public async Task MetasWebhookIsLimitedPerClientAddress()
    {
        await using var app = Bridge().WithSetting("RateLimits:WhatsApp:Permits", "2");
        using var client = app.CreateClient();
        await SendAsync(client, Webhook(A));
        await SendAsync(client, Webhook(A));

        (await SendAsync(client, Webhook(A))).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await SendAsync(client, Webhook(B))).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, "another client has its own budget");
    }

    [Fact]
    public async Task TheConnectFlowIsLimitedPerClientAddress()
    {
        await using var app = Bridge().WithSetting("RateLimits:OAuth:Permits", "2");
        using var client = app.CreateClient();
        await SendAsync(client, Get("/oauth/vcita/start", A));
        await SendAsync(client, Get("/oauth/vcita/start", A));

        (await SendAsync(client, Get("/oauth/vcita/callback", A))).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "start and callback share one budget");
        (await SendAsync(client, Get("/oauth/vcita/start", B))).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
    }

    public static TheoryData<string, string, string, string> AuthenticatedGroups => new()
    {
        { "Vcita", "/vcita/sessions/se1/typing", "Authorization", $"Bearer {VcitaSecret}" },
        { "Admin", "/admin/channels/whatsapp/1234567890", "X-Api-Key", AdminKey },
    };

    /// <summary>Callers without the credential share their IP's small budget; the real caller keeps its own.</summary>
    [Theory]
    [MemberData(nameof(AuthenticatedGroups))]
    public async Task AnAuthenticatedGroupIsLimitedPerCallerAndStrangersCannotUseUpItsBudget(string group, string path, string header, string credential)
    {
        await using var app = Bridge()
            .WithSetting($"RateLimits:{group}:Permits", "3")
            .WithSetting("RateLimits:Unauthenticated:Permits", "2");
        using var client = app.CreateClient();
        var method = group == "Vcita" ? HttpMethod.Post : HttpMethod.Delete;
        HttpRequestMessage Stranger(string ip) => Request(method, path, ip, body: group == "Vcita" ? """{"typing":true}""" : null);
        HttpRequestMessage Caller(string ip)
        {
            var request = Stranger(ip);
            request.Headers.TryAddWithoutValidation(header, credential);
            return request;
        }

        (await SendAsync(client, Stranger(A))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsync(client, Stranger(A))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsync(client, Stranger(A))).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await SendAsync(client, Stranger(B))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "another address has its own budget");

        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(client, Caller(i % 2 == 0 ? A : B))).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests,
                "the real caller's budget is its own, from whatever address");
        }

        (await SendAsync(client, Caller(B))).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    /// <summary>A stranger has one budget for guessing, whichever group's credential it guesses.</summary>
    [Fact]
    public async Task GuessingAtEveryDoorSpendsOneBudget()
    {
        await using var app = Bridge().WithSetting("RateLimits:Unauthenticated:Permits", "2");
        using var client = app.CreateClient();

        var vcita = await SendAsync(client, Request(HttpMethod.Post, "/vcita/sessions/se1/typing", A, body: """{"typing":true}"""));
        var admin = await SendAsync(client, Request(HttpMethod.Delete, "/admin/channels/whatsapp/1234567890", A, body: null));
        var again = await SendAsync(client, Request(HttpMethod.Delete, "/admin/channels/whatsapp/1234567890", A, body: null));
        var elsewhere = await SendAsync(client, Request(HttpMethod.Post, "/vcita/sessions/se1/typing", A, body: """{"typing":true}"""));

        (vcita.StatusCode, admin.StatusCode).Should().Be((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized));
        again.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        elsewhere.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the budget spent at /admin is spent at /vcita too");
    }

    /// <summary>Retry-After says when this caller's window opens again, not how long a window is.</summary>
    [Fact]
    public async Task RetryAfterIsTheTimeLeftInTheWindow()
    {
        var clock = new Sandbox.ManualClock();
        await using var app = Bridge()
            .WithSetting("RateLimits:WhatsApp:Permits", "1")
            .WithSetting("RateLimits:WhatsApp:WindowSeconds", "60")
            .WithServices(services => services.AddSingleton<TimeProvider>(clock));
        using var client = app.CreateClient();

        (await SendAsync(client, Webhook(A))).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
        clock.Advance(TimeSpan.FromSeconds(45));
        using var refused = await SendAsync(client, Webhook(A));
        clock.Advance(TimeSpan.FromSeconds(15));
        using var reopened = await SendAsync(client, Webhook(A));

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(15));
        reopened.StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, "the window the first request opened has ended");
    }

    [Fact]
    public async Task HealthProbesAreNeverLimited()
    {
        await using var app = Bridge();
        foreach (var group in new[] { "WhatsApp", "Vcita", "Admin", "Codec", "OAuth", "Unauthenticated" })
        {
            app.WithSetting($"RateLimits:{group}:Permits", "1");
        }

        using var client = app.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            (await SendAsync(client, Get("/health/live", A))).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    /// <summary>With the defaults, a burst as Meta sends one — hundreds at once from one address — is all taken in.</summary>
    [Fact]
    public async Task TheDefaultsTakeABurstOfWebhooks()
    {
        await using var app = new BridgeApplication().WithServices(ClientAddress.Register);
        using var client = app.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 500).Select(async _ =>
        {
            using var response = await client.SendAsync(Webhook(A));
            return response.StatusCode;
        }));

        answers.Should().NotContain(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ALimitOfNothingStopsTheServiceNamingTheVariable()
    {
        await using var app = Bridge().WithSetting("RateLimits:Vcita:Permits", "0");

        var start = () => app.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message.Should().Contain("RateLimits__Vcita__Permits");
    }

    /// <summary>Windows of an hour, whatever the group's default: a slow machine must not see a window end between
    /// the requests that use up a budget and the one that should be refused.</summary>
    private static BridgeApplication Bridge()
    {
        var bridge = new BridgeApplication().WithServices(ClientAddress.Register);
        foreach (var group in new[] { "WhatsApp", "Vcita", "Admin", "Codec", "OAuth", "Unauthenticated" })
        {
            bridge.WithSetting($"RateLimits:{group}:WindowSeconds", "3600");
        }

        return bridge;
    }

    /// <summary>Signed or not does not matter to the limiter (it runs before the signature check); unsigned is 401.</summary>
    private static HttpRequestMessage Webhook(string ip) => Request(HttpMethod.Post, "/webhooks/whatsapp", ip, WebhookPayloads.SingleText());

    private static HttpRequestMessage Get(string path, string ip) => Request(HttpMethod.Get, path, ip, body: null);

    private static HttpRequestMessage Request(HttpMethod method, string path, string ip, string? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(ClientAddress.Header, ip);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            return await client.SendAsync(request);
        }
    }
}
