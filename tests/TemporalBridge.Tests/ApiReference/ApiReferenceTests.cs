using System.Net;
using System.Text.Json;

namespace TemporalBridge.Tests.ApiReference;

public sealed class ApiReferenceTests
{
    [Fact]
    public async Task OpenApiDocumentIsServedInProduction()
    {
        await using var app = new BridgeApplication { Environment = "Production" };
        using var client = app.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("openapi").GetString().Should().StartWith("3.");
    }

    [Fact]
    public async Task TheDocumentsServerIsNotWhateverHostTheCallerNames()
    {
        await using var app = new BridgeApplication { Environment = "Production" };
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var servers = document.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        servers.Should().Equal("/");
    }

    [Fact]
    public async Task ApiReferencePageIsServedInProduction()
    {
        await using var app = new BridgeApplication { Environment = "Production" };
        using var client = app.CreateClient();

        var response = await client.GetAsync("/scalar/v1");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("openapi/v1.json");
    }
}
