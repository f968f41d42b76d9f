using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

public sealed class WhatsAppEmulatorSettingsTests
{
    [Fact]
    public async Task AWebhookPathWithoutLeadingSlashStopsTheSandboxNamingTheEnvironmentVariable()
    {
        await using var emulator = new WhatsAppEmulatorApplication().WithSetting("WhatsAppEmulator:WebhookPath", "webhooks/whatsapp");

        var start = () => emulator.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage("*WhatsAppEmulator__WebhookPath*");
    }

    [Fact]
    public async Task AnEmptyAppSecretStopsTheSandboxNamingTheEnvironmentVariable()
    {
        await using var emulator = new WhatsAppEmulatorApplication().WithSetting("WhatsAppEmulator:AppSecret", "");

        var start = () => emulator.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage("*WhatsAppEmulator__AppSecret*");
    }

    [Fact]
    public async Task ABusinessNumberWithLettersIsRefusedByIndex()
    {
        await using var emulator = new WhatsAppEmulatorApplication()
            .WithSetting("WhatsAppEmulator:BusinessNumbers:0:PhoneNumberId", "abc")
            .WithSetting("WhatsAppEmulator:BusinessNumbers:0:DisplayPhoneNumber", "15550783881");

        var start = () => emulator.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage("*WhatsAppEmulator__BusinessNumbers__0__PhoneNumberId*");
    }

    [Fact]
    public async Task TheRootSaysWhatItEmulates()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();

        var info = (await http.GetFromJsonAsync<JsonNode>(WhatsAppEmulatorApplication.Base))!;

        info["emulator"]!.GetValue<string>().Should().Be("whatsapp");
    }
}
