using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;
using TemporalBridge.OAuth;
using TemporalBridge.Vcita;

namespace TemporalBridge.Commands;

/// <summary>
/// <c>register-app</c>: creates the communication app in vcita (the seed's Step 1) with a directory token, and
/// prints the settings the bridge needs for it. vcita shows the client secret only in this answer.
/// </summary>
public static partial class RegisterAppCommand
{
    public const string Name = "register-app";

    /// <summary>The environment variable that holds vcita's directory token (configuration key <c>Vcita:DirectoryToken</c>).</summary>
    public const string DirectoryTokenVariable = "Vcita__DirectoryToken";

    private const int Success = 0;
    private const int Failed = 1;
    private const int Usage = 2;

    private const int MinNameLength = 3;
    private const int MaxNameLength = 25;

    private const string UsageText =
        """
        Usage: dotnet run --project src/TemporalBridge -- register-app --name <name> --redirect-uri <url> --app-uri <url> [--provider <name>]

          --name          the app's name in vcita, 3 to 25 characters, e.g. "WhatsApp Channel"
          --redirect-uri  the bridge's OAuth callback, e.g. https://bridge.example.com/oauth/vcita/callback
          --app-uri       the base URL vcita calls (api_uri), e.g. https://bridge.example.com/vcita
          --provider      the provider this app serves (default whatsapp); names the settings printed

        Needs vcita's directory token in the environment variable Vcita__DirectoryToken, and Vcita__ApiBaseUrl when
        vcita is not https://api.vcita.biz (the sandbox: http://localhost:5090/vcita-emulator).
        """;

    public static async Task<int> RunAsync(string[] args, CommandConsole console)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            await console.Out.WriteLineAsync(UsageText);
            return Success;
        }

        if (Parse(args, out var problem) is not { } request)
        {
            await console.Error.WriteLineAsync($"register-app: {problem}\n\n{UsageText}");
            return Usage;
        }

        using var host = BuildHost(console);
        var settings = host.Services.GetRequiredService<IConfiguration>().GetSection(VcitaOptions.Section).Get<CommandSettings>() ?? new();
        if (string.IsNullOrWhiteSpace(settings.DirectoryToken))
        {
            await console.Error.WriteLineAsync(
                $"register-app: no directory token: set the environment variable {DirectoryTokenVariable} to the directory " +
                "token vcita gave you (vcita's developer directory).");
            return Usage;
        }

        VcitaOptions vcita;
        try
        {
            vcita = host.Services.GetRequiredService<IOptions<VcitaOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            await console.Error.WriteLineAsync($"register-app: invalid settings: {string.Join("; ", e.Failures)}");
            return Usage;
        }

        VcitaAppData app;
        try
        {
            var platform = host.Services.GetRequiredService<IVcitaPlatformApi>();
            app = await platform.CreateAppAsync(settings.DirectoryToken, new VcitaCreateAppRequest(
                request.Name, ["communication"], UrlParams: ["business_uid"], request.RedirectUri, request.AppUri));
        }
        catch (VcitaApiException e)
        {
            var hint = e.Kind == VcitaFailure.TokenRejected ? $" Check {DirectoryTokenVariable}." : "";
            await console.Error.WriteLineAsync($"register-app: vcita at {vcita.ApiBaseUrl} did not create the app: {e.Message}.{hint}");
            return Failed;
        }

        if (string.IsNullOrEmpty(app.ClientId) || string.IsNullOrEmpty(app.ClientSecret))
        {
            // Nothing to print that would work; the app itself may exist in vcita now, without its secret.
            await console.Error.WriteLineAsync(
                $"register-app: vcita at {vcita.ApiBaseUrl} answered without the app's client_id or client_secret (app_id " +
                $"'{app.AppId}'). Look the app up in vcita's developer directory, or delete it and register again.");
            return Failed;
        }

        var prefix = $"{VcitaOptions.Section}__Apps__{request.Provider}__";
        await console.Out.WriteLineAsync(
            $"""
            # vcita created the app '{request.Name}' (app_id {app.AppId}, code name {app.AppCodeName}).
            # Put these lines in .env (or the bridge's environment). vcita shows the client secret only once:
            # it cannot be read again, so save it now.
            {prefix}{nameof(VcitaAppOptions.ClientId)}={app.ClientId}
            {prefix}{nameof(VcitaAppOptions.ClientSecret)}={app.ClientSecret}
            {prefix}{nameof(VcitaAppOptions.RedirectUri)}={request.RedirectUri}
            """);
        if (!new Uri(request.RedirectUri).AbsolutePath.EndsWith(OAuthApi.CallbackPath, StringComparison.Ordinal))
        {
            await console.Error.WriteLineAsync(
                $"register-app: warning: the bridge answers vcita's redirect at {OAuthApi.CallbackPath}; '{request.RedirectUri}' does not end with it.");
        }

        return Success;
    }

    /// <summary>
    /// Only vcita's settings and clients, from the same configuration sources as the service (appsettings, the
    /// environment). The host is built but never started: nothing listens, nothing connects but the one call.
    /// </summary>
    private static IHost BuildHost(CommandConsole console)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The webhook secret is required by the vcita settings but not used here: a stand-in keeps the command
        // usable before the bridge is configured. Lowest precedence, so a real value still wins.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new($"{VcitaOptions.Section}:{nameof(VcitaOptions.WebhookSecret)}", "unused-by-register-app")],
        });
        builder.Configuration.AddInMemoryCollection(console.Settings);
        // The output is the settings to copy: no log lines in between.
        builder.Logging.ClearProviders();
        builder.AddVcita();
        return builder.Build();
    }

    private static RegisterAppRequest? Parse(string[] args, out string problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"unexpected argument '{arg}'";
                return null;
            }

            var split = arg.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = split > 0 ? (arg[2..split], arg[(split + 1)..]) : (arg[2..], i + 1 < args.Length ? args[++i] : null);
            if (key is not ("name" or "redirect-uri" or "app-uri" or "provider"))
            {
                problem = $"unknown option '--{key}'";
                return null;
            }

            if (value is null)
            {
                problem = $"--{key} needs a value";
                return null;
            }

            values[key] = value;
        }

        foreach (var required in new[] { "name", "redirect-uri", "app-uri" })
        {
            if (string.IsNullOrWhiteSpace(values.GetValueOrDefault(required)))
            {
                problem = $"--{required} is required";
                return null;
            }
        }

        // vcita's limit for an app's name (legacy_v1_apps.json paths./apps.post: "Must be 3 to 25 chars long").
        if (values["name"].Length is < MinNameLength or > MaxNameLength)
        {
            problem = $"--name must be {MinNameLength} to {MaxNameLength} characters, but has {values["name"].Length}";
            return null;
        }

        foreach (var url in new[] { "redirect-uri", "app-uri" })
        {
            if (!OAuthApi.IsHttpUrl(values[url]))
            {
                problem = $"--{url} must be an absolute http or https URL, but was '{values[url]}'";
                return null;
            }
        }

        var provider = values.GetValueOrDefault("provider") ?? OAuthApi.DefaultProvider;
        if (!ProviderName().IsMatch(provider))
        {
            problem = $"--provider must be lowercase letters and digits (it becomes part of the settings' names), but was '{provider}'";
            return null;
        }

        problem = "";
        return new RegisterAppRequest(values["name"], values["redirect-uri"], values["app-uri"], provider);
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,31}$")]
    private static partial Regex ProviderName();

    private sealed record RegisterAppRequest(string Name, string RedirectUri, string AppUri, string Provider);

    /// <summary>The one setting only this command reads. Secret: never printed.</summary>
    private sealed class CommandSettings
    {
        public string DirectoryToken { get; set; } = "";
    }
}
