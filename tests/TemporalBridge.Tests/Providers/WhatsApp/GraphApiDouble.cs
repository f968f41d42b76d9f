using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TemporalBridge.Providers;
using TemporalBridge.Providers.WhatsApp;
using TemporalBridge.Tests.Vcita;

namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>
/// A stand-in for the Graph API over real HTTP on a free loopback port, serving under <c>/v23.0</c> as Meta does.
/// Not an emulator: it answers Meta's documented success bodies, or whatever a test sets, and records each request.
/// </summary>
public sealed class GraphApiDouble : IAsyncDisposable
{
    public const string Version = "/v23.0";
    public const string AccessToken = "test-graph-access-token-value";

    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> answers = new();
    private readonly WebApplication app;

    private GraphApiDouble()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>Where <c>WhatsApp:GraphBaseUrl</c> points.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<GraphApiDouble> StartAsync()
    {
        var api = new GraphApiDouble();
        await api.app.StartAsync();
        api.BaseUrl = new Uri(api.app.Urls.Single() + Version);
        return api;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (below the version) with this status and body from now on.</summary>
    public void Answer(string method, string path, int status, string body) =>
        Answer(method, path, async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = body.StartsWith('<') ? "text/html" : "application/json";
            await context.Response.WriteAsync(body);
        });

    public void Answer(string method, string path, Func<HttpContext, Task> answer) => answers[$"{method} {path}"] = answer;

    /// <summary>The bridge's own WhatsApp registrations, pointed at this double.</summary>
    public IHost Services(params (string Key, string Value)[] settings) => Services(BaseUrl.ToString(), settings);

    public static IHost Services(string graphBaseUrl, params (string Key, string Value)[] settings) => Services(graphBaseUrl, settings, configure: null);

    /// <summary>The bridge's own WhatsApp registrations at <paramref name="graphBaseUrl"/>, changed by <paramref name="configure"/>.</summary>
    public static IHost Services(string graphBaseUrl, (string Key, string Value)[] settings, Action<IServiceCollection>? configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WhatsApp:AppSecret"] = "test-whatsapp-app-secret",
            ["WhatsApp:VerifyToken"] = "test-whatsapp-verify-token",
            ["WhatsApp:AccessToken"] = AccessToken,
            ["WhatsApp:GraphBaseUrl"] = graphBaseUrl,
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)));
        builder.Logging.ClearProviders();
        builder.AddWhatsApp();
        builder.Services.AddSingleton<MessagingProviders>();
        builder.Services.AddSingleton<IAccountCredentials, KnownCredentials>();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!.StartsWith(Version, StringComparison.Ordinal) ? request.Path.Value[Version.Length..] : request.Path.Value;
        using var reader = new StreamReader(request.Body);
        Requests.Enqueue(new RecordedRequest(
            request.Method, path, request.QueryString.Value ?? "", request.Headers.Authorization.ToString(),
            request.ContentType ?? "", await reader.ReadToEndAsync()));

        if (answers.TryGetValue($"{request.Method} {path}", out var answer))
        {
            await answer(context);
            return;
        }

        var (status, json) = (request.Method, path) switch
        {
            ("POST", _) when path.EndsWith("/messages", StringComparison.Ordinal) && !Requests.Last().Body.Contains("\"status\"", StringComparison.Ordinal) =>
                (200, """{"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],"messages":[{"id":"wamid.SENT1"}]}"""),
            ("POST", _) when path.EndsWith("/messages", StringComparison.Ordinal) => (200, """{"success":true}"""),
            ("GET", _) => (200, $$"""{"url":"https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid={{path[1..]}}","mime_type":"image/jpeg","sha256":"81d3bd8a","file_size":303833,"id":"{{path[1..]}}","messaging_product":"whatsapp"}"""),
            _ => (404, """{"error":{"message":"Unknown path components","type":"OAuthException","code":2500,"fbtrace_id":"AbCdEf"}}"""),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }
}
