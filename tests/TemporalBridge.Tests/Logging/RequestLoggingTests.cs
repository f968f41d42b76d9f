using System.Net;

namespace TemporalBridge.Tests.Logging;

public sealed class RequestLoggingTests
{
    [Fact]
    public async Task QueryStringTokensNeverReachTheLogs()
    {
        const string token = "secret-token-7f3a9c";
        // Turn every ASP.NET Core log on, so only the service's own redaction stands between the URL and the logs.
        await using var app = new BridgeApplication()
            .WithSetting("Serilog:MinimumLevel:Default", "Verbose")
            .WithSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Verbose");
        using var client = app.CreateClient();

        var response = await client.GetAsync($"/health/live?token={token}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await app.Logs.WaitForAsync(e =>
            e.MessageTemplate.Text.StartsWith("HTTP", StringComparison.Ordinal)
            && e.Properties["RequestPath"].ToString() == "\"/health/live\"");
        app.Logs.AllText.Should().NotContain(token);
    }
}
