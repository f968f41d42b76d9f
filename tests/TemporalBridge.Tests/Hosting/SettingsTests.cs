using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TemporalBridge.Providers.WhatsApp;
using TemporalBridge.Vcita;

namespace TemporalBridge.Tests.Hosting;

public sealed class SettingsTests
{
    private static readonly Dictionary<string, string?> Secrets = new()
    {
        ["Vcita:WebhookSecret"] = "test-vcita-webhook-secret",
        ["WhatsApp:AppSecret"] = "test-whatsapp-app-secret",
        ["WhatsApp:VerifyToken"] = "test-whatsapp-verify-token",
    };

    /// <summary>
    /// Built from the service's own registrations rather than through <see cref="BridgeApplication"/>: when a
    /// start fails, WebApplicationFactory races the entry point disposing the host and may report an
    /// ObjectDisposedException instead of the start error.
    /// </summary>
    [Theory]
    [InlineData("Vcita:WebhookSecret", "Vcita__WebhookSecret")]
    [InlineData("WhatsApp:AppSecret", "WhatsApp__AppSecret")]
    [InlineData("WhatsApp:VerifyToken", "WhatsApp__VerifyToken")]
    public async Task MissingSecretFailsTheStartInProductionNamingTheVariable(string key, string variable)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(Secrets.Where(secret => secret.Key != key));
        builder.AddVcita();
        builder.AddWhatsApp();
        await using var app = builder.Build();

        var start = () => app.StartAsync();

        await start.Should().ThrowAsync<OptionsValidationException>()
            .WithMessage($"*{key} is required (environment variable {variable})*");
    }

    [Fact]
    public async Task DevelopmentRunsOutOfTheBoxWithDevelopmentSecrets()
    {
        await using var app = new BridgeApplication { Environment = Environments.Development }
            .WithSetting("Vcita:WebhookSecret", null)
            .WithSetting("WhatsApp:AppSecret", null)
            .WithSetting("WhatsApp:VerifyToken", null);
        using var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");

        live.IsSuccessStatusCode.Should().BeTrue();
    }
}
