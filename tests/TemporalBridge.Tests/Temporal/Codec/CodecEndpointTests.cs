using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TemporalBridge.Temporal.Codec;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace TemporalBridge.Tests.Temporal.Codec;

/// <summary>
/// /codec over HTTP with Temporal's remote codec protocol, written by hand here (not with the service's protobuf
/// formatter) so the tests check the JSON the Temporal UI really sends and reads.
/// </summary>
public sealed class CodecEndpointTests
{
    private const string Token = "operator-token-for-tests";
    private const string UiOrigin = "http://localhost:8233";
    private const string MessageBody = "Hi Dana, your appointment is moved to Tuesday 10:00";

    private static BridgeApplication EnabledBridge() => new BridgeApplication()
        .WithSetting("Temporal:Codec:Enabled", "true")
        .WithSetting("Temporal:Codec:AccessToken", Token);

    private static HttpClient OperatorClient(BridgeApplication bridge)
    {
        var client = bridge.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string FromB64(JsonNode? node) => Encoding.UTF8.GetString(Convert.FromBase64String(node!.GetValue<string>()));

    /// <summary>A payload as the SDK's JSON converter writes a string: encoding json/plain, data the JSON text.</summary>
    private static JsonObject PlainPayload(string text) => new()
    {
        ["metadata"] = new JsonObject { ["encoding"] = B64("json/plain") },
        ["data"] = B64(JsonSerializer.Serialize(text)),
    };

    private static JsonObject ToJson(Payload payload) => new()
    {
        ["metadata"] = new JsonObject(payload.Metadata.Select(pair =>
            KeyValuePair.Create(pair.Key, (JsonNode?)Convert.ToBase64String(pair.Value.ToByteArray())))),
        ["data"] = Convert.ToBase64String(payload.Data.ToByteArray()),
    };

    /// <summary>The request body; nodes are copied, so a test can send the same payload twice.</summary>
    private static StringContent Body(params JsonNode?[] payloads) =>
        new(new JsonObject { ["payloads"] = new JsonArray([.. payloads.Select(p => p?.DeepClone())]) }.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonArray> PayloadsOf(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["payloads"]!.AsArray();
    }

    private static async Task<Payload> EncryptedByBridgeAsync(BridgeApplication bridge, string text)
    {
        var codec = bridge.Services.GetRequiredService<AesGcmPayloadCodec>();
        return (await codec.EncodeAsync([DataConverter.Default.PayloadConverter.ToPayload(text)])).Single();
    }

    [Fact]
    public async Task DecodeShowsTheOperatorWhatTheBridgeEncrypted()
    {
        await using var bridge = EnabledBridge();
        using var client = OperatorClient(bridge);
        var encrypted = await EncryptedByBridgeAsync(bridge, MessageBody);

        var payloads = await PayloadsOf(await client.PostAsync("/codec/decode", Body(ToJson(encrypted))));

        var payload = payloads.Should().ContainSingle().Subject!;
        FromB64(payload["metadata"]!["encoding"]).Should().Be("json/plain");
        JsonSerializer.Deserialize<string>(FromB64(payload["data"])).Should().Be(MessageBody);
    }

    [Fact]
    public async Task EncodeEncryptsWithTheActiveKeyAndDecodeUndoesIt()
    {
        await using var bridge = EnabledBridge();
        using var client = OperatorClient(bridge);
        var plain = new[] { PlainPayload(MessageBody), PlainPayload("second") };

        var encoded = await PayloadsOf(await client.PostAsync("/codec/encode", Body(plain)));
        var decoded = await PayloadsOf(await client.PostAsync("/codec/decode", Body([.. encoded])));

        encoded.Should().HaveCount(2);
        FromB64(encoded[0]!["metadata"]!["encoding"]).Should().Be("binary/encrypted");
        FromB64(encoded[0]!["metadata"]!["encryption-key-id"]).Should().Be(BridgeApplication.TestEncryptionKeyId);
        Convert.FromBase64String(encoded[0]!["data"]!.GetValue<string>()).Should().NotContainInOrder(Encoding.UTF8.GetBytes("Dana"));
        decoded.Select(p => p!.ToJsonString()).Should().Equal(plain.Select(p => p.ToJsonString()));
    }

    [Fact]
    public async Task HistoryWrittenBeforeEncryptionPassesThroughDecode()
    {
        await using var bridge = EnabledBridge();
        using var client = OperatorClient(bridge);

        var payloads = await PayloadsOf(await client.PostAsync("/codec/decode", Body(PlainPayload(MessageBody))));

        payloads.Single()!.ToJsonString().Should().Be(PlainPayload(MessageBody).ToJsonString());
    }

    [Fact]
    public async Task AnEmptyBatchAnswersAnEmptyBatch()
    {
        await using var bridge = EnabledBridge();
        using var client = OperatorClient(bridge);

        var payloads = await PayloadsOf(await client.PostAsync("/codec/decode", Body()));

        payloads.Should().BeEmpty();
    }

    [Fact]
    public async Task APayloadWithAnUnknownKeyIsA400NamingTheKeyIdAndNothingOfThePayloadIsLogged()
    {
        await using var bridge = EnabledBridge();
        using var client = OperatorClient(bridge);
        var foreign = (await TestKeys.Codec("2026-05", TestKeys.NewKey())
            .EncodeAsync([DataConverter.Default.PayloadConverter.ToPayload(MessageBody)])).Single();

        var response = await client.PostAsync("/codec/decode", Body(ToJson(foreign)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("key id '2026-05', which is not configured");
        await bridge.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("Temporal codec", StringComparison.Ordinal));
        bridge.Logs.AllText.Should().Contain("2026-05").And.NotContain(Convert.ToBase64String(foreign.Data.ToByteArray()));
    }

    [Fact]
    public async Task APayloadAlteredInHistoryIsA400()
    {
        await using var bridge = EnabledBridge();
        using var client = OperatorClient(bridge);
        var json = ToJson(await EncryptedByBridgeAsync(bridge, MessageBody));
        var data = Convert.FromBase64String(json["data"]!.GetValue<string>());
        data[^1] ^= 0x01;
        json["data"] = Convert.ToBase64String(data);

        var response = await client.PostAsync("/codec/decode", Body(json));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("failed authentication");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"payloads\":[{\"data\":\"%%% not base64 %%%\"}]}")]
    [InlineData("{\"payloads\":{\"data\":\"eA==\"}}")]
    public async Task ABodyThatIsNotPayloadsIsA400ThatDoesNotEchoIt(string body)
    {
        await using var bridge = EnabledBridge();
        using var client = OperatorClient(bridge);

        var response = await client.PostAsync("/codec/decode", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync();
        problem.Should().Contain("temporal.api.common.v1.Payload").And.NotContain("%%%").And.NotContain("not json");
    }

    [Fact]
    public async Task NothingOfAPayloadReachesTheLogs()
    {
        await using var bridge = EnabledBridge();
        using var client = OperatorClient(bridge);
        var encrypted = ToJson(await EncryptedByBridgeAsync(bridge, MessageBody));

        await PayloadsOf(await client.PostAsync("/codec/encode", Body(PlainPayload(MessageBody))));
        await PayloadsOf(await client.PostAsync("/codec/decode", Body(encrypted)));

        // The request log line of the second call proves logging ran; none of it carries a payload.
        await bridge.Logs.WaitForAsync(e => LogCaptureText(e).Contains("/codec/decode"));
        bridge.Logs.AllText.Should().NotContain("Dana").And.NotContain(B64(JsonSerializer.Serialize(MessageBody)))
            .And.NotContain(encrypted["data"]!.GetValue<string>());
    }

    private static string LogCaptureText(Serilog.Events.LogEvent e) => LogCapture.Render(e);

    [Fact]
    public async Task WithoutTheAccessTokenTheEndpointAnswers401()
    {
        await using var bridge = EnabledBridge();
        using var anonymous = bridge.CreateClient();
        using var wrong = bridge.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        var encrypted = ToJson(await EncryptedByBridgeAsync(bridge, MessageBody));

        var withoutToken = await anonymous.PostAsync("/codec/decode", Body(encrypted));
        var withWrongToken = await wrong.PostAsync("/codec/decode", Body(encrypted));
        var encodeWithoutToken = await anonymous.PostAsync("/codec/encode", Body(PlainPayload(MessageBody)));

        foreach (var response in new[] { withoutToken, withWrongToken, encodeWithoutToken })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
            (await response.Content.ReadAsStringAsync()).Should().NotContain("Dana").And.NotContain(Token);
        }
        var problem = (await withoutToken.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["title"]!.GetValue<string>().Should().Be("Access token required");
        problem["detail"]!.GetValue<string>().Should().Contain("Authorization: Bearer <Temporal__Codec__AccessToken>").And.Contain("--codec-auth 'Bearer <token>'");
    }

    [Fact]
    public async Task DisabledTheEndpointAnswers404ToEveryCall()
    {
        // Outside Development the endpoint is off unless Temporal__Codec__Enabled turns it on.
        await using var bridge = new BridgeApplication();
        using var client = bridge.CreateClient();

        var decode = await client.PostAsync("/codec/decode", Body(PlainPayload(MessageBody)));
        var encode = await client.PostAsync("/codec/encode", Body(PlainPayload(MessageBody)));

        decode.StatusCode.Should().Be(HttpStatusCode.NotFound);
        encode.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DisabledTheAnswerAndTheLogSayWhichSettingTurnsItOnAndTheUiGetsNoPermission()
    {
        // ASPNETCORE_ENVIRONMENT=Production in compose's .env: the UI's calls fail, and the operator must learn why.
        await using var bridge = new BridgeApplication();
        using var client = bridge.CreateClient();
        using var fromUi = new HttpRequestMessage(HttpMethod.Post, "/codec/decode") { Content = Body(PlainPayload(MessageBody)) };
        fromUi.Headers.Add("Origin", UiOrigin);

        var response = await client.SendAsync(fromUi);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["title"]!.GetValue<string>().Should().Be("Codec endpoint off");
        problem["detail"]!.GetValue<string>().Should().Contain("Temporal__Codec__Enabled").And.Contain("Temporal__Codec__AccessToken");
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse(
            "the UI's fetch then fails and it shows the payloads as stored, rather than reading this answer as payloads");
        await bridge.Logs.WaitForAsync(e => LogCaptureText(e).Contains("the codec endpoint is off (Temporal__Codec__Enabled)"));
        bridge.Logs.AllText.Should().Contain("/codec/decode").And.NotContain("Dana");
    }

    [Fact]
    public async Task InDevelopmentTheEndpointWorksOutOfTheBoxWithTheDevelopmentKey()
    {
        await using var bridge = new BridgeApplication { Environment = Environments.Development }
            .WithSetting("Temporal:Encryption:KeyId", null)
            .WithSetting("Temporal:Encryption:Key", null);
        using var client = bridge.CreateClient();

        var encoded = await PayloadsOf(await client.PostAsync("/codec/encode", Body(PlainPayload(MessageBody))));
        var decoded = await PayloadsOf(await client.PostAsync("/codec/decode", Body(encoded.Single())));

        FromB64(encoded.Single()!["metadata"]!["encryption-key-id"]).Should().Be("dev-only");
        decoded.Single()!.ToJsonString().Should().Be(PlainPayload(MessageBody).ToJsonString());
    }

    [Fact]
    public async Task TheTemporalUisPreflightFromAnAllowedOriginIsAccepted()
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();

        var response = await client.SendAsync(Preflight("/codec/decode", UiOrigin));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(UiOrigin);
        response.Headers.GetValues("Access-Control-Allow-Methods").Should().Equal("POST");
        string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant()
            .Split(',').Should().BeEquivalentTo("content-type", "x-namespace", "authorization", "authorization-extras");
    }

    [Theory]
    [InlineData("http://localhost:8233")]
    [InlineData("http://127.0.0.1:8233")]
    public async Task TheDevServersUiIsAllowedUnderEitherNameABrowserUses(string origin)
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();

        var response = await client.SendAsync(Preflight("/codec/decode", origin));

        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(origin);
    }

    [Fact]
    public async Task APreflightFromAnotherOriginGetsNoPermission()
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();

        var response = await client.SendAsync(Preflight("/codec/decode", "https://evil.example"));

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        response.Headers.Contains("Access-Control-Allow-Methods").Should().BeFalse();
    }

    [Fact]
    public async Task TheAllowedOriginsComeFromTheSetting()
    {
        await using var bridge = EnabledBridge()
            .WithSetting("Temporal:Codec:AllowedOrigins", "https://temporal.example.com, https://temporal-ui.internal:8443");
        using var client = bridge.CreateClient();

        var configured = await client.SendAsync(Preflight("/codec/encode", "https://temporal-ui.internal:8443"));
        var defaultOrigin = await client.SendAsync(Preflight("/codec/encode", UiOrigin));

        configured.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://temporal-ui.internal:8443");
        defaultOrigin.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task TheUisCallFromAnAllowedOriginCanReadTheAnswerAndAnotherOriginsCannot()
    {
        await using var bridge = EnabledBridge();
        using var client = OperatorClient(bridge);
        var encrypted = ToJson(await EncryptedByBridgeAsync(bridge, MessageBody));

        using var fromUi = new HttpRequestMessage(HttpMethod.Post, "/codec/decode") { Content = Body(encrypted) };
        fromUi.Headers.Add("Origin", UiOrigin);
        fromUi.Headers.Add("X-Namespace", "default");
        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Post, "/codec/decode") { Content = Body(encrypted) };
        fromElsewhere.Headers.Add("Origin", "https://evil.example");

        var ui = await client.SendAsync(fromUi);
        var elsewhere = await client.SendAsync(fromElsewhere);

        ui.StatusCode.Should().Be(HttpStatusCode.OK);
        ui.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(UiOrigin);
        elsewhere.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("the browser then withholds the answer from that page");
    }

    [Fact]
    public async Task OnlyTheCodecEndpointAnswersCrossOriginRequests()
    {
        await using var bridge = EnabledBridge();
        using var client = bridge.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", UiOrigin);

        var response = await client.SendAsync(request);

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-namespace,authorization");
        return request;
    }
}
