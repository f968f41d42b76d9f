using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TemporalBridge.Tests.Vcita;

/// <summary>
/// A stand-in for vcita over real HTTP on a free loopback port, for the clients' tests. It is not an emulator: by
/// default it answers every call the bridge makes with a fixed success body shaped as vcita publishes it (the
/// envelopes and fields of vcita/developers-hub's swagger; see <see cref="VcitaSpec"/>), and a test makes it answer
/// one call with an error, a delay or a gate. It records every request so tests can check what the clients sent.
/// </summary>
public sealed class VcitaApiDouble : IAsyncDisposable
{
    /// <summary>Served under a path, as the sandbox serves under /vcita-emulator: base URLs with a path must work.</summary>
    public const string BasePath = "/vcita";

    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> answers = new();
    private readonly WebApplication app;
    private int tokensIssued;

    private VcitaApiDouble()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>Where the clients point <c>Vcita:ApiBaseUrl</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>How many app tokens were asked for: <c>POST /oauth/service/token</c>.</summary>
    public int ServiceTokenRequests => Requests.Count(request => request.Path == "/oauth/service/token");

    public static async Task<VcitaApiDouble> StartAsync()
    {
        var api = new VcitaApiDouble();
        await api.app.StartAsync();
        api.BaseUrl = new Uri(api.app.Urls.Single() + BasePath);
        return api;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (e.g. "/business/communication/channels") with this status and JSON body from now on.</summary>
    public void Answer(string method, string path, int status, string json) =>
        Answer(method, path, async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        });

    public void Answer(string method, string path, Func<HttpContext, Task> answer) => answers[$"{method} {path}"] = answer;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!.StartsWith(BasePath, StringComparison.Ordinal) ? request.Path.Value[BasePath.Length..] : request.Path.Value;
        using var reader = new StreamReader(request.Body);
        Requests.Enqueue(new RecordedRequest(
            request.Method, path, request.QueryString.Value ?? "", request.Headers.Authorization.ToString(),
            request.ContentType ?? "", await reader.ReadToEndAsync()));

        if (answers.TryGetValue($"{request.Method} {path}", out var answer))
        {
            await answer(context);
            return;
        }

        var (status, json) = DefaultAnswer(request.Method, path);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    /// <summary>vcita's published success answers, with fixed values.</summary>
    private (int Status, string Json) DefaultAnswer(string method, string path) => (method, path) switch
    {
        ("POST", "/business/communication/channels") =>
            (201, Data("""{"channel":{"uid":"ch0000000000001","status":"pending","display_name":"Acme WhatsApp"}}""")),
        ("PUT" or "DELETE", _) when path.StartsWith("/business/communication/channels/", StringComparison.Ordinal) => (200, Data("{}")),
        ("POST", "/business/communication/sessions") => (201, Data("""{"session":{"uid":"se0000000000001","status":"pending","ai_status":"none"}}""")),
        ("GET", "/business/communication/sessions") =>
            (200, Data("""{"sessions":[{"uid":"se0000000000001","status":"active","ai_status":"ai_intercepted"}]}""")),
        ("PUT", _) when path.StartsWith("/business/communication/sessions/", StringComparison.Ordinal) =>
            (200, Data("""{"session":{"uid":"se0000000000001","status":"pending","ai_status":"none"}}""")),
        ("POST", "/business/communication/messages") => (201, Data("""{"message":{"uid":"me0000000000001","status":"pending"}}""")),
        ("PUT", _) when path.StartsWith("/business/communication/messages/", StringComparison.Ordinal) => (200, Data("{}")),
        ("POST", "/oauth/service/token") =>
            (200, $$"""{"access_token":"app-token-{{Interlocked.Increment(ref tokensIssued)}}","created_at":"2021-11-16T13:29:47.000Z","expires_in":3600,"token_type":"Bearer"}"""),
        ("POST", "/oauth/token") => (200, """{"access_token":"business-token-1","created_at":1754377015,"expires_in":631139040,"token_type":"Bearer"}"""),
        ("GET", "/oauth/userinfo") =>
            (200, """{"business_id":"bu0000000000001","business_uid":"bu0000000000001","email":"owner@example.com","role":"owner","sub":"st0000000000001","type":"staff"}"""),
        ("GET", "/platform/v1/clients") =>
            (200, Platform("""{"clients":[{"id":"co0000000000001","mobile_phone":"+15550783881","first_name":"Dana"}]}""")),
        ("POST", "/platform/v1/clients") => (201, Platform("""{"client":{"id":"co0000000000002","first_name":"Dana"},"token":"client-portal-token"}""")),
        ("POST", "/platform/v1/apps") =>
            (201, Platform("""{"app_code_name":"temporalbridge","app_id":"ap1","client_id":"new-client-id","client_secret":"new-client-secret","name":"TemporalBridge"}""")),
        _ => (404, """{"success":false,"errors":[{"code":"missing","message":"no such route in the double"}]}"""),
    };

    /// <summary>The Communication Service's envelope.</summary>
    private static string Data(string data) => $$"""{"success":true,"data":{{data}}}""";

    /// <summary>The platform API's envelope.</summary>
    private static string Platform(string data) => $$"""{"data":{{data}},"status":"OK"}""";
}

/// <summary>One request as the double received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Authorization, string ContentType, string Body);
