using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TemporalBridge.Temporal.Codec;
using Temporalio.Converters;

namespace TemporalBridge.Tests.Temporal.Codec;

/// <summary>
/// Built on a plain host from the codec's own registrations, like the other settings tests: a failed start through
/// WebApplicationFactory can surface as an ObjectDisposedException instead of the start error.
/// </summary>
public sealed class CodecSettingsTests
{
    private static readonly string ActiveKey = TestKeys.NewBase64Key();

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Temporal:Encryption:KeyId"] = "2026-11",
        ["Temporal:Encryption:Key"] = ActiveKey,
    };

    private static IHost Build(Dictionary<string, string?> settings, string environment = "Production")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTemporalCodec();
        return builder.Build();
    }

    private static async Task<string> StartErrorAsync(Dictionary<string, string?> settings, string environment = "Production")
    {
        using var host = Build(settings, environment);
        var start = () => host.StartAsync();
        return (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message;
    }

    [Theory]
    [InlineData("Temporal:Encryption:KeyId", "Temporal__Encryption__KeyId")]
    [InlineData("Temporal:Encryption:Key", "Temporal__Encryption__Key")]
    public async Task AMissingKeySettingFailsTheStartNamingTheVariable(string key, string variable)
    {
        var settings = Valid();
        settings.Remove(key);

        var error = await StartErrorAsync(settings);

        error.Should().Contain($"{key} is required (environment variable {variable})");
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("c2hvcnQga2V5")] // "short key": 9 bytes
    [InlineData("VEVTVCBrZXkgb2YgdGhlIGJyaWRnZSB0ZXN0cyAwMDAwMA==")] // 34 bytes
    public async Task AKeyThatIsNot32Base64BytesFailsTheStartWithoutShowingIt(string key)
    {
        var settings = Valid();
        settings["Temporal:Encryption:Key"] = key;

        var error = await StartErrorAsync(settings);

        error.Should().Contain("Temporal:Encryption:Key must be the base64 of exactly 32 bytes")
            .And.Contain("(environment variable Temporal__Encryption__Key)")
            .And.NotContain(key);
    }

    [Fact]
    public async Task ABadPreviousKeyFailsTheStartNamingItsVariable()
    {
        var settings = Valid();
        settings["Temporal:Encryption:PreviousKeys:2026-05"] = "c2hvcnQga2V5";

        var error = await StartErrorAsync(settings);

        error.Should().Contain("Temporal:Encryption:PreviousKeys:2026-05 must be the base64 of exactly 32 bytes")
            .And.Contain("(environment variable Temporal__Encryption__PreviousKeys__2026-05)")
            .And.NotContain("c2hvcnQga2V5");
    }

    [Fact]
    public async Task APreviousKeyCannotReuseTheActiveKeyId()
    {
        var settings = Valid();
        settings["Temporal:Encryption:PreviousKeys:2026-11"] = TestKeys.NewBase64Key();

        var error = await StartErrorAsync(settings);

        error.Should().Contain("Temporal:Encryption:PreviousKeys:2026-11 has the id of the active key");
    }

    [Fact]
    public async Task AKeyIdWithCharactersThatCannotTravelFailsTheStart()
    {
        var settings = Valid();
        settings["Temporal:Encryption:KeyId"] = "key id with spaces";

        var error = await StartErrorAsync(settings);

        error.Should().Contain("Temporal:Encryption:KeyId must be 1 to 64 letters, digits, '-', '_' or '.' (environment variable Temporal__Encryption__KeyId)");
    }

    [Fact]
    public async Task AnEnabledCodecEndpointOutsideDevelopmentNeedsAnAccessToken()
    {
        var settings = Valid();
        settings["Temporal:Codec:Enabled"] = "true";

        var error = await StartErrorAsync(settings);

        error.Should().Contain("Temporal:Codec:AccessToken is required when Temporal:Codec:Enabled is true outside Development (environment variable Temporal__Codec__AccessToken)");
    }

    [Fact]
    public async Task InDevelopmentTheCodecEndpointMayRunWithoutAToken()
    {
        var settings = Valid();
        settings["Temporal:Codec:Enabled"] = "true";
        using var host = Build(settings, Environments.Development);

        await host.StartAsync();

        host.Services.GetRequiredService<IOptions<TemporalCodecOptions>>().Value.Enabled.Should().BeTrue();
        await host.StopAsync();
    }

    [Fact]
    public async Task AnAllowedOriginMustBeAnOrigin()
    {
        var settings = Valid();
        settings["Temporal:Codec:AllowedOrigins"] = "http://localhost:8233, https://temporal.example.com/ui";

        var error = await StartErrorAsync(settings);

        error.Should().Contain("Temporal:Codec:AllowedOrigins must be comma-separated origins")
            .And.Contain("'https://temporal.example.com/ui'")
            .And.Contain("(environment variable Temporal__Codec__AllowedOrigins)")
            .And.NotContain("'http://localhost:8233'");
    }

    [Fact]
    public async Task ValidSettingsGiveACodecThatEncryptsWithTheActiveKeyAndDecryptsWithEveryKey()
    {
        var oldKey = TestKeys.NewKey();
        var settings = Valid();
        settings["Temporal:Encryption:PreviousKeys:2026-05"] = Convert.ToBase64String(oldKey);
        using var host = Build(settings);
        await host.StartAsync();
        var oldHistory = await TestKeys.Codec("2026-05", oldKey).EncodeAsync([DataConverter.Default.PayloadConverter.ToPayload("old")]);

        var codec = host.Services.GetRequiredService<AesGcmPayloadCodec>();
        var decoded = await codec.DecodeAsync(oldHistory);

        codec.ActiveKeyId.Should().Be("2026-11");
        DataConverter.Default.PayloadConverter.ToValue<string>(decoded.Single()).Should().Be("old");
        host.Services.GetRequiredService<IOptions<TemporalCodecOptions>>().Value.Enabled.Should().BeFalse("the endpoint is off unless turned on");
        await host.StopAsync();
    }
}
