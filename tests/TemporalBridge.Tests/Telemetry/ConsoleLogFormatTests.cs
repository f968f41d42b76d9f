using System.Diagnostics;
using System.Text.Json;

namespace TemporalBridge.Tests.Telemetry;

/// <summary>
/// What the bridge writes to its console, from a real process: JSON lines in production, text for people in
/// Development.
/// </summary>
public sealed class ConsoleLogFormatTests
{
    [Fact]
    public async Task InProductionEveryConsoleLineIsAJsonObject()
    {
        var lines = await ConsoleUntilStartedAsync("Production");

        lines.Should().AllSatisfy(line =>
        {
            using var json = JsonDocument.Parse(line);
            json.RootElement.GetProperty("@t").GetString().Should().NotBeNullOrEmpty();
        });
        lines.Should().Contain(l => l.Contains("\"SourceContext\":\"Microsoft.Hosting.Lifetime\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InDevelopmentTheConsoleIsTextForPeople()
    {
        var lines = await ConsoleUntilStartedAsync("Development");

        lines.Should().Contain(l => l.Contains("Application started", StringComparison.Ordinal)).And.NotContain(l => l.StartsWith('{'));
    }

    /// <summary>Starts the bridge (API role, Temporal and Redis unreachable) and reads its console until it has started.</summary>
    private static async Task<List<string>> ConsoleUntilStartedAsync(string environment)
    {
        var bridge = Path.Combine(AppContext.BaseDirectory, "TemporalBridge.dll");
        // An empty working directory: no appsettings file, so only the code decides the format.
        var workingDirectory = Directory.CreateTempSubdirectory("bridge-console-").FullName;
        var start = new ProcessStartInfo("dotnet", [bridge])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["DOTNET_ENVIRONMENT"] = null,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Bridge__Roles"] = "api",
                ["Temporal__Address"] = BridgeApplication.Unreachable,
                ["Redis__Connection"] = BridgeApplication.Unreachable,
                ["Vcita__WebhookSecret"] = "test-vcita-webhook-secret",
                ["Admin__ApiKey"] = "test-admin-api-key",
                ["WhatsApp__AppSecret"] = "test-whatsapp-app-secret",
                ["WhatsApp__VerifyToken"] = "test-whatsapp-verify-token",
                ["WhatsApp__AccessToken"] = "test-whatsapp-access-token",
                ["Temporal__Encryption__KeyId"] = BridgeApplication.TestEncryptionKeyId,
                ["Temporal__Encryption__Key"] = BridgeApplication.TestEncryptionKey,
                ["Privacy__ClientIdKey"] = TestPseudonymKey.Base64,
                ["Connect__SessionKey"] = BridgeApplication.TestConnectSessionKey,
            },
        };
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("Application started", StringComparison.Ordinal))
                {
                    return lines;
                }
            }
            throw new InvalidOperationException(
                $"The bridge ended before it started:\n{string.Join('\n', lines)}\n{await process.StandardError.ReadToEndAsync(deadline.Token)}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
