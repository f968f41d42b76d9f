using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TemporalBridge.Vcita;

namespace TemporalBridge.Tests.Vcita;

/// <summary>
/// The bridge's own vcita registrations (<see cref="VcitaExtensions.AddVcita"/>) pointed at a
/// <see cref="VcitaApiDouble"/>, with a clock the test moves and every log line captured.
/// </summary>
public sealed class VcitaServices : IDisposable
{
    public const string WhatsAppClientId = "whatsapp-client-id";
    public const string WhatsAppClientSecret = "whatsapp-client-secret-value";
    public const string MessengerClientId = "messenger-client-id";
    public const string MessengerClientSecret = "messenger-client-secret-value";

    private readonly IHost host;

    private VcitaServices(IHost host, ManualClock clock, LogLines logs)
    {
        this.host = host;
        Clock = clock;
        Logs = logs;
    }

    public ManualClock Clock { get; }

    public LogLines Logs { get; }

    public IServiceProvider Services => host.Services;

    public IVcsApi Vcs => host.Services.GetRequiredService<IVcsApi>();

    public IVcitaOAuthApi OAuth => host.Services.GetRequiredService<IVcitaOAuthApi>();

    public IVcitaPlatformApi Platform => host.Services.GetRequiredService<IVcitaPlatformApi>();

    public IVcitaAppTokens AppTokens => host.Services.GetRequiredService<IVcitaAppTokens>();

    /// <summary>Both providers' apps configured, and any <paramref name="settings"/> on top (a null value removes the key).</summary>
    public static VcitaServices For(VcitaApiDouble api, params (string Key, string? Value)[] settings) =>
        For(api.BaseUrl.ToString(), settings);

    public static VcitaServices For(string apiBaseUrl, params (string Key, string? Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Vcita:WebhookSecret"] = "test-vcita-webhook-secret",
            ["Vcita:ApiBaseUrl"] = apiBaseUrl,
            ["Vcita:Apps:whatsapp:ClientId"] = WhatsAppClientId,
            ["Vcita:Apps:whatsapp:ClientSecret"] = WhatsAppClientSecret,
            ["Vcita:Apps:messenger:ClientId"] = MessengerClientId,
            ["Vcita:Apps:messenger:ClientSecret"] = MessengerClientSecret,
        };
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                configuration.Remove(key);
            }
            else
            {
                configuration[key] = value;
            }
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddVcita();
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(clock);
        var logs = new LogLines();
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        return new VcitaServices(builder.Build(), clock, logs);
    }

    public void Dispose() => host.Dispose();
}

/// <summary>A clock that moves only when the test says so.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

/// <summary>Every log line, message and exception, from every category.</summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public string AllText => string.Join('\n', lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
    }
}
