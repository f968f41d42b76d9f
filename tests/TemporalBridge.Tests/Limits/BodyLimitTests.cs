using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TemporalBridge.Tests.Limits;

/// <summary>Every endpoint refuses a body larger than it takes with 413 and a ProblemDetails, before reading it.</summary>
public sealed class BodyLimitTests(BridgeApplication app) : IClassFixture<BridgeApplication>
{
    public static TheoryData<string, string, int> Oversized => new()
    {
        { "GET", "/health/live", 1 },
        { "GET", "/health/ready", 1 },
        { "GET", "/oauth/vcita/start", 1 },
        { "GET", "/oauth/vcita/callback", 1 },
        { "GET", "/webhooks/whatsapp", 1 },
        { "POST", "/webhooks/whatsapp", (3 * 1024 * 1024) + 1 },
        { "PUT", "/vcita/channels/ch1", (64 * 1024) + 1 },
        { "POST", "/admin/channels", (64 * 1024) + 1 },
        { "DELETE", "/admin/channels/whatsapp/1234567890", (64 * 1024) + 1 },
    };

    /// <summary>Told by Content-Length, before authentication: nothing of the body is read.</summary>
    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task ABodyOverTheEndpointsLimitIs413WithAProblem(string method, string path, int bytes)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new ByteArrayContent(new byte[bytes]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(413);
        problem.RootElement.GetProperty("field").GetString().Should().Be("body");
    }

    [Fact]
    public async Task ABodyWithinTheLimitIsNotRefusedForItsSize()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/vcita/channels/ch1")
        {
            Content = new ByteArrayContent(new byte[64 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "at the limit the request goes on to authentication");
    }
}
