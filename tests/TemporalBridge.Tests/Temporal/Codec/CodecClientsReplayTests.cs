using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Temporal.Codec;
using Temporalio.Converters;

namespace TemporalBridge.Tests.Temporal.Codec;

/// <summary>
/// The requests the Temporal Web UI and the Temporal CLI make of a codec server, replayed byte for byte as they send
/// them: the UI's (temporalio/ui, src/lib/services/data-encoder.ts) — its preflight, <c>Content-Type: application/json</c>
/// without a charset, <c>X-Namespace</c>, <c>?preserveStorageRefs=true</c>, and with "pass access token" its
/// <c>Authorization</c> and <c>Authorization-Extras</c>; with "include credentials" a cookie — and the CLI's
/// (<c>--codec-endpoint</c>, <c>--codec-auth</c> sent verbatim as the Authorization header, Go's client headers).
/// </summary>
public sealed class CodecClientsReplayTests
{
    private const string Token = "operator-token-for-tests";
    private const string UiOrigin = "http://localhost:8233";

    private static BridgeApplication EnabledBridge() => new BridgeApplication()
        .WithSetting("Temporal:Codec:Enabled", "true")
        .WithSetting("Temporal:Codec:AccessToken", Token);

    [Theory]
    [InlineData("content-type,x-namespace")]
    [InlineData("authorization,content-type,x-namespace")]
    [InlineData("authorization,authorization-extras,content-type,x-namespace")]
    public async Task TheUisPreflightIsAllowedWithCredentialsAndItsExactHeaders(string requestHeaders)
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();

        using var response = await client.SendAsync(Preflight("/codec/decode?preserveStorageRefs=true", requestHeaders));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Origin").Should().Be(UiOrigin, "never '*': the UI may send credentials");
        Header(response, "Access-Control-Allow-Credentials").Should().Be("true");
        Header(response, "Access-Control-Allow-Methods").Should().Contain("POST");
        Header(response, "Access-Control-Allow-Headers")!.Split(',', StringSplitOptions.TrimEntries)
            .Should().Contain(requestHeaders.Split(','));
    }

    [Fact]
    public async Task TheUisDecodeIsAnsweredWithItsPayloadsAndCorsHeaders()
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();
        var request = UiPost("/codec/decode?preserveStorageRefs=true", await EncryptedBodyAsync(bridge, "Hello Dana"));
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Token}");
        request.Headers.TryAddWithoutValidation("Authorization-Extras", "the.ui.id.token");
        request.Headers.TryAddWithoutValidation("Cookie", "sso-session=abc");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Header(response, "Access-Control-Allow-Origin").Should().Be(UiOrigin);
        Header(response, "Access-Control-Allow-Credentials").Should().Be("true");
        var payload = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["payloads"]!.AsArray().Should().ContainSingle().Subject!;
        Encoding.UTF8.GetString(Convert.FromBase64String(payload["data"]!.GetValue<string>())).Should().Be("\"Hello Dana\"");
    }

    [Fact]
    public async Task TheUisEncodeOfAPlainPayloadIsAnsweredEncrypted()
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();
        var plain = $$"""{"payloads":[{"metadata":{"encoding":"{{B64("json/plain")}}"},"data":"{{B64("\"Hi\"")}}"}]}""";
        var request = UiPost("/codec/encode?preserveStorageRefs=true", plain);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Token}");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var metadata = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["payloads"]![0]!["metadata"]!;
        Encoding.UTF8.GetString(Convert.FromBase64String(metadata["encoding"]!.GetValue<string>())).Should().Be("binary/encrypted");
    }

    [Fact]
    public async Task AUiRequestWithoutTheTokenIs401ThatTheUiCanRead()
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();

        using var response = await client.SendAsync(UiPost("/codec/decode?preserveStorageRefs=true", """{"payloads":[]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Header(response, "Access-Control-Allow-Origin").Should().Be(UiOrigin, "without it the browser shows a CORS error, not the 401");
    }

    [Fact]
    public async Task OverItsBudgetTheUiGetsA429ItCanReadAndPreflightsSpendNothing()
    {
        await using var bridge = EnabledBridge()
            .WithSetting("RateLimits:Codec:Permits", "2")
            .WithSetting("RateLimits:Codec:WindowSeconds", "3600")
            .WithSetting("RateLimits:Unauthenticated:Permits", "1")
            .WithSetting("RateLimits:Unauthenticated:WindowSeconds", "3600");
        using var client = bridge.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var preflight = await client.SendAsync(Preflight("/codec/decode?preserveStorageRefs=true", "authorization,content-type,x-namespace"));
            preflight.StatusCode.Should().Be(HttpStatusCode.NoContent, "a preflight carries no token and is answered before any budget");
        }

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 3; i++)
        {
            var request = UiPost("/codec/decode?preserveStorageRefs=true", """{"payloads":[]}""");
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Token}");
            var response = await client.SendAsync(request);
            answers.Add(response.StatusCode);
            refused = response;
        }

        answers.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        Header(refused!, "Access-Control-Allow-Origin").Should().Be(UiOrigin);
        refused!.Headers.RetryAfter!.Delta.Should().BePositive();
    }

    [Theory]
    [InlineData("/codec/decode")]
    [InlineData("/codec//decode")]
    [InlineData("/codec/default/decode")]
    public async Task TheClisDecodeIsAnsweredWhereverItsEndpointSettingPointsIt(string path)
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();

        using var response = await client.SendAsync(CliPost(path, await EncryptedBodyAsync(bridge, "Hello Dana"), $"Bearer {Token}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        answer.Select(field => field.Key).Should().Equal(["payloads"], "Go's protojson reading rejects fields it does not know");
    }

    [Fact]
    public async Task TheClisEmptyBatchIsAnsweredEmpty()
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();

        // Go leaves an empty list out: {} is a batch of none.
        using var response = await client.SendAsync(CliPost("/codec/decode", "{}", $"Bearer {Token}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"payloads":[]}""");
    }

    [Fact]
    public async Task ABareTokenInCodecAuthIs401SayingHowToSendIt()
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();

        using var response = await client.SendAsync(CliPost("/codec/decode", "{}", Token));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("--codec-auth 'Bearer <token>'");
    }

    [Fact]
    public async Task TheUisDownloadIsAnswered404WithCorsHeaders()
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();
        var request = UiPost("/codec/download?preserveStorageRefs=true", """{"payloads":[]}""");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Token}");

        using var preflight = await client.SendAsync(Preflight("/codec/download?preserveStorageRefs=true", "authorization,content-type,x-namespace"));
        using var response = await client.SendAsync(request);

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Header(response, "Access-Control-Allow-Origin").Should().Be(UiOrigin);
    }

    private static HttpRequestMessage Preflight(string path, string requestHeaders)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", UiOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", requestHeaders);
        return request;
    }

    /// <summary>As the UI's fetch sends it: its origin, the namespace, and JSON without a charset.</summary>
    private static HttpRequestMessage UiPost(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("Origin", UiOrigin);
        request.Headers.Add("X-Namespace", "default");
        return request;
    }

    /// <summary>As the CLI's Go client sends it: no origin, <c>--codec-auth</c> as the whole Authorization value.</summary>
    private static HttpRequestMessage CliPost(string path, string body, string codecAuth)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("Authorization", codecAuth);
        request.Headers.Add("X-Namespace", "default");
        request.Headers.TryAddWithoutValidation("User-Agent", "Go-http-client/1.1");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        return request;
    }

    private static ByteArrayContent Json(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return content;
    }

    private static async Task<string> EncryptedBodyAsync(BridgeApplication bridge, string text)
    {
        var codec = bridge.Services.GetRequiredService<AesGcmPayloadCodec>();
        var payload = (await codec.EncodeAsync([DataConverter.Default.PayloadConverter.ToPayload(text)])).Single();
        var metadata = string.Join(",", payload.Metadata.Select(pair => $"\"{pair.Key}\":\"{Convert.ToBase64String(pair.Value.ToByteArray())}\""));
        return $$"""{"payloads":[{"metadata":{{{metadata}}},"data":"{{Convert.ToBase64String(payload.Data.ToByteArray())}}"}]}""";
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
