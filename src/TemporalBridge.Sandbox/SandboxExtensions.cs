using System.Text.Json;
using Serilog;

namespace TemporalBridge.Sandbox;

public static class SandboxExtensions
{
    /// <summary>Logging, settings, error handling and health: what every part of the sandbox relies on.</summary>
    public static IHostApplicationBuilder AddSandboxDefaults(this IHostApplicationBuilder builder)
    {
        // Console only: the sandbox runs in a terminal or a container, whose log driver collects stdout.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console());

        builder.Services.AddOptions<SandboxOptions>()
            .BindConfiguration(SandboxOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // Both emulated APIs (vcita, WhatsApp's Graph API) speak snake_case.
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, SandboxJsonContext.Default);
        });

        return builder;
    }
}
