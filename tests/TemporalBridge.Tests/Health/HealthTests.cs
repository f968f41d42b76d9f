using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TemporalBridge.Testing.Redis;

namespace TemporalBridge.Tests.Health;

public sealed class HealthTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task LiveAnswers200WithoutAnyDependency()
    {
        // Neither Redis nor Temporal is reachable here.
        await using var app = new BridgeApplication();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ReadyAnswers503NamingTemporalWhenOnlyRedisIsUp()
    {
        await using var app = new BridgeApplication().WithRedis(redis);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var checks = await ChecksAsync(response);
        checks.Should().Contain("redis", "Healthy").And.Contain("temporal", "Unhealthy");
    }

    /// <summary>Anyone may call /health/ready: it says what is down, and the log says where and why.</summary>
    [Fact]
    public async Task ReadyTellsTheWorldUnavailableAndKeepsTheDetailForTheLog()
    {
        await using var app = new BridgeApplication().WithRedis(redis).WithSetting("Temporal:Namespace", "secret-namespace");
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/ready");

        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("unavailable").And.NotContain(BridgeApplication.Unreachable).And.NotContain("secret-namespace");
        app.Logs.AllText.Should().Contain(BridgeApplication.Unreachable, "the operator reads where Temporal was looked for");
    }

    [Theory]
    [InlineData("POST", "/health/live")]
    [InlineData("DELETE", "/health/ready")]
    [InlineData("PUT", "/health/live")]
    public async Task ProbesAnswerOnlyGetAndHead(string method, string path)
    {
        await using var app = new BridgeApplication();
        using var client = app.CreateClient();

        var refused = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health/live"));

        refused.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        head.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ReadyNamesRedisWhenRedisIsDown()
    {
        await using var app = new BridgeApplication();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "Temporal is down too");
        (await ChecksAsync(response)).Should().Contain("redis", "Degraded");
    }

    /// <summary>Redis is a cache: without it the bridge still hands everything over, so it stays in rotation.</summary>
    [Fact]
    public async Task ReadyAnswers200DegradedNamingRedisWhenOnlyRedisIsDown()
    {
        await using var app = new BridgeApplication().WithServices(TemporalAnswers);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await StatusAsync(response)).Should().Be("Degraded");
        (await ChecksAsync(response)).Should().Contain("redis", "Degraded").And.Contain("temporal", "Healthy");
    }

    [Fact]
    public async Task ReadyIsHealthyAgainWhenRedisReturns()
    {
        var own = new RedisServer();
        await own.InitializeAsync();
        try
        {
            await using var app = new BridgeApplication().WithRedis(own).WithServices(TemporalAnswers);
            using var client = app.CreateClient();
            (await StatusAsync(await client.GetAsync("/health/ready"))).Should().Be("Healthy");

            own.Stop();
            (await StatusAsync(await client.GetAsync("/health/ready"))).Should().Be("Degraded");

            await own.StartAgainAsync();
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            string status;
            while ((status = await StatusAsync(await client.GetAsync("/health/ready"))) != "Healthy")
            {
                DateTime.UtcNow.Should().BeBefore(until, $"Redis was started again, readiness still says {status}");
                await Task.Delay(50); // the multiplexer reconnects on its own schedule
            }
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    /// <summary>No Temporal server runs here: its check is made to pass, so Redis's alone decides.</summary>
    private static void TemporalAnswers(IServiceCollection services) =>
        services.Configure<HealthCheckServiceOptions>(options =>
            options.Registrations.Single(r => r.Name == "temporal").Factory = _ => new AlwaysHealthy());

    private sealed class AlwaysHealthy : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy());
    }

    private static async Task<string> StatusAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetString()!;
    }

    private static async Task<Dictionary<string, string>> ChecksAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            check => check.GetProperty("name").GetString()!,
            check => check.GetProperty("status").GetString()!);
    }
}
