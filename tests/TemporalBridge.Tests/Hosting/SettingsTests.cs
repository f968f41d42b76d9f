using Microsoft.Extensions.Options;

namespace TemporalBridge.Tests.Hosting;

public sealed class SettingsTests
{
    [Theory]
    [InlineData("Vcita:WebhookSecret", "Vcita__WebhookSecret")]
    [InlineData("WhatsApp:AppSecret", "WhatsApp__AppSecret")]
    [InlineData("WhatsApp:VerifyToken", "WhatsApp__VerifyToken")]
    public void MissingSecretFailsTheStartInProductionNamingTheVariable(string key, string variable)
    {
        using var app = new BridgeApplication { Environment = "Production" }.WithSetting(key, null);

        var start = () => app.Services;

        start.Should().Throw<OptionsValidationException>()
            .WithMessage($"*{key} is required (environment variable {variable})*");
    }

    [Fact]
    public async Task DevelopmentRunsOutOfTheBoxWithDevelopmentSecrets()
    {
        await using var app = new BridgeApplication { Environment = "Development" }
            .WithSetting("Vcita:WebhookSecret", null)
            .WithSetting("WhatsApp:AppSecret", null)
            .WithSetting("WhatsApp:VerifyToken", null);
        using var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");

        live.IsSuccessStatusCode.Should().BeTrue();
    }
}
