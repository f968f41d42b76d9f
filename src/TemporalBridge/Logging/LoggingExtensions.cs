using Serilog;
using Serilog.Events;

namespace TemporalBridge.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog to the console; levels come from the <c>Serilog</c> configuration section. Never log secrets,
    /// tokens or message text; mask phone numbers with <see cref="PhoneNumberMask"/>.
    /// </summary>
    public static void AddBridgeLogging(this IHostApplicationBuilder builder) =>
        builder.Services.AddSerilog(
            (services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            // Sinks registered in the container (tests capture logs this way).
            .ReadFrom.Services(services)
            // ASP.NET Core's "Request starting GET http://…?token=…" lines carry the full URL with its query
            // string, and vcita authenticates webhooks with ?token=. Set after the configuration so no
            // appsettings can turn them back on; the Serilog request log below replaces them.
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(),
            // The logger lives in the container and nothing uses Serilog's static Log, so leave it alone: several
            // hosts in one process (the tests) would otherwise overwrite each other's.
            preserveStaticLogger: true);

    /// <summary>One line per request: method, path, status, time. The query string is never logged (tokens).</summary>
    public static void UseBridgeLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.IncludeQueryInRequestPath = false;
        });
}
