using Microsoft.Extensions.Options;

namespace TemporalBridge.Tests.Sandbox;

public sealed class VcitaEmulatorSettingsTests
{
    [Fact]
    public async Task ABadDefaultBusinessUidStopsTheSandboxNamingTheEnvironmentVariable()
    {
        await using var vcita = new VcitaEmulatorApplication().WithSetting("Sandbox:Vcita:DefaultBusinessUid", "short");

        var start = () => vcita.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage("*Sandbox__Vcita__DefaultBusinessUid*");
    }

    [Fact]
    public async Task TheDefaultAppCallsTheBridgeBaseUrlUnderVcita()
    {
        await using var vcita = new VcitaEmulatorApplication().WithSetting("Sandbox:BridgeBaseUrl", "http://bridge:8080");
        using var http = vcita.CreateHttp();

        var state = await VcitaEmulatorApplication.ControlAsync(http, "state");

        var app = state["apps"]![0]!;
        app["client_id"]!.GetValue<string>().Should().Be(VcitaEmulatorApplication.ClientId);
        app["api_uri"]!.GetValue<string>().Should().Be("http://bridge:8080/vcita");
    }
}
