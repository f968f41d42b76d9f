using System.Net;
using System.Text.Json;
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

    [Fact]
    public async Task ReadyNamesRedisWhenRedisIsDown()
    {
        await using var app = new BridgeApplication();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ChecksAsync(response)).Should().Contain("redis", "Unhealthy");
    }

    private static async Task<Dictionary<string, string>> ChecksAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            check => check.GetProperty("name").GetString()!,
            check => check.GetProperty("status").GetString()!);
    }
}
