using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TemporalBridge.Providers.WhatsApp;

namespace TemporalBridge.Tests.Providers.WhatsApp;

public sealed class WhatsAppSettingsTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["WhatsApp:AppSecret"] = "test-whatsapp-app-secret",
        ["WhatsApp:VerifyToken"] = "test-whatsapp-verify-token",
        ["WhatsApp:AccessToken"] = "test-whatsapp-access-token",
    };

    [Fact]
    public async Task AMissingAccessTokenFailsTheStartNamingTheVariable()
    {
        await using var app = Build(Complete.Where(setting => setting.Key != "WhatsApp:AccessToken"));

        await app.Invoking(a => a.StartAsync()).Should().ThrowAsync<OptionsValidationException>()
            .WithMessage("*WhatsApp:AccessToken is required (environment variable WhatsApp__AccessToken)*");
    }

    [Fact]
    public async Task AGraphBaseUrlThatIsNotAnHttpUrlFailsTheStart()
    {
        await using var app = Build(Complete.Append(KeyValuePair.Create("WhatsApp:GraphBaseUrl", (string?)"graph.facebook.com/v23.0")));

        await app.Invoking(a => a.StartAsync()).Should().ThrowAsync<OptionsValidationException>()
            .WithMessage("*WhatsApp:GraphBaseUrl must be an absolute http or https URL (environment variable WhatsApp__GraphBaseUrl)*");
    }

    [Fact]
    public async Task TheGraphApiDefaultsToMetasVersionedHost()
    {
        await using var app = Build(Complete);

        app.Services.GetRequiredService<IOptions<WhatsAppOptions>>().Value.GraphBaseUrl.Should().Be("https://graph.facebook.com/v23.0");
    }

    [Fact]
    public async Task DevelopmentTalksToTheSandboxsWhatsAppEmulator()
    {
        await using var app = new BridgeApplication { Environment = Environments.Development }
            .WithSetting("WhatsApp:AccessToken", null)
            .WithSetting("WhatsApp:GraphBaseUrl", null);
        using var client = app.CreateClient();

        var options = app.Services.GetRequiredService<IOptions<WhatsAppOptions>>().Value;

        options.AccessToken.Should().Be("dev-whatsapp-access-token");
        options.GraphBaseUrl.Should().Be("http://localhost:5090/whatsapp-emulator/graph/v23.0");
    }

    private static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWhatsApp();
        return builder.Build();
    }
}
