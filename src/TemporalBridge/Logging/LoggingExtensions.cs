using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace TemporalBridge.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// One JSON object per line, every property at the top level (<c>@t</c> time, <c>@l</c> level, <c>@m</c> the
    /// rendered message, <c>@x</c> an exception, then <c>WorkflowId</c>, <c>MessageUid</c>, …), for a log
    /// collector to index without parsing text.
    /// </summary>
    public static readonly ITextFormatter JsonFormat = new RenderedCompactJsonFormatter();

    /// <summary>
    /// Serilog to the console; levels come from the <c>Serilog</c> configuration section. Development writes text for
    /// people; every other environment writes <see cref="JsonFormat"/>. Never log secrets, tokens or message text;
    /// mask phone numbers with <see cref="PhoneNumberMask"/>; put the workflow id and message uid a line concerns
    /// in a <see cref="ConcernScope"/>.
    /// </summary>
    public static void AddBridgeLogging(this IHostApplicationBuilder builder)
    {
        var json = !builder.Environment.IsDevelopment();
        builder.Services.AddSerilog(
            (services, logger) => ToConsole(logger, json)
            .ReadFrom.Configuration(builder.Configuration)
            // Sinks registered in the container (tests capture logs this way).
            .ReadFrom.Services(services)
            // ASP.NET Core's "Request starting GET http://…?token=…" lines carry the full URL with its query
            // string, and vcita authenticates webhooks with ?token=. Set after the configuration so no
            // appsettings can turn them back on; the Serilog request log below replaces them.
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .Enrich.FromLogContext(),
            // The logger lives in the container and nothing uses Serilog's static Log, so leave it alone: several
            // hosts in one process (the tests) would otherwise overwrite each other's.
            preserveStaticLogger: true);
    }

    private static LoggerConfiguration ToConsole(LoggerConfiguration logger, bool json) =>
        json ? logger.WriteTo.Console(JsonFormat) : logger.WriteTo.Console();

    /// <summary>One line per request: method, path, status, time. The query string is never logged (tokens).</summary>
    public static void UseBridgeLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.IncludeQueryInRequestPath = false;
        });
}
