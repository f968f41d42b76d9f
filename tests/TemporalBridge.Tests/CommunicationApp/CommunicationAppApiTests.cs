using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TemporalBridge.Tests.CommunicationApp;

/// <summary>
/// vcita's calls into the bridge, as vcita makes them, against the whole service: who may call, and what the bridge
/// refuses to accept. Temporal and Redis point nowhere here: nothing in these cases may reach them. One service for
/// the class: none of these calls changes anything, and each start pays the wait for the absent Redis once.
/// </summary>
public sealed class CommunicationAppApiTests(BridgeApplication app) : IClassFixture<BridgeApplication>, IDisposable
{
    private const string Secret = "test-vcita-webhook-secret";

    private static readonly string Uid65 = new('u', 65);
    private static readonly string LongMessageUid = new('m', 256);
    private static readonly string LongText = new('x', 10_001);

    private readonly HttpClient client = app.CreateClient();

    /// <summary>Every route, with a body that is valid for it.</summary>
    public static TheoryData<string, string, string> Routes => new()
    {
        { "PUT", "/vcita/channels/ch1", """{"status":"active"}""" },
        { "PUT", "/vcita/sessions/se1", """{"status":"active"}""" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":"ch1"}""" },
        { "PUT", "/vcita/messages/m1", """{"status":"read","channel_uid":"ch1"}""" },
        { "POST", "/vcita/sessions/se1/typing", """{"typing":true}""" },
    };

    /// <summary>Bad input, route by route, and the field the 400 must name.</summary>
    public static TheoryData<string, string, string, string> BadInput => new()
    {
        // channel status
        { "PUT", "/vcita/channels/ch1", """{}""", "status" },
        { "PUT", "/vcita/channels/ch1", """{"status":null}""", "status" },
        { "PUT", "/vcita/channels/ch1", """{"status":5}""", "status" },
        { "PUT", "/vcita/channels/ch1", """{"status":["active"]}""", "status" },
        { "PUT", "/vcita/channels/ch1", """{"status":"activated"}""", "status" },
        { "PUT", "/vcita/channels/ch1", """{"status":"ACTIVE"}""", "status" },
        { "PUT", "/vcita/channels/ch1", """{"status":""}""", "status" },
        { "PUT", "/vcita/channels/ch1", """{"status":"failed"}""", "status" },
        { "PUT", "/vcita/channels/bad.uid", """{"status":"active"}""", "channel_uid" },
        { "PUT", $"/vcita/channels/{Uid65}", """{"status":"active"}""", "channel_uid" },
        { "PUT", "/vcita/channels/ch1", "", "body" },
        { "PUT", "/vcita/channels/ch1", "   ", "body" },
        { "PUT", "/vcita/channels/ch1", """{"status":"active" """, "body" },
        { "PUT", "/vcita/channels/ch1", "status=active", "body" },
        { "PUT", "/vcita/channels/ch1", """["active"]""", "body" },
        { "PUT", "/vcita/channels/ch1", "\"active\"", "body" },
        { "PUT", "/vcita/channels/ch1", """{"status":"active","status":"deleted"}""", "body" },
        // session status
        { "PUT", "/vcita/sessions/se1", """{"status":"blocked"}""", "status" },
        { "PUT", "/vcita/sessions/se1", """{"state":"active"}""", "status" },
        { "PUT", "/vcita/sessions/se%201", """{"status":"active"}""", "session_uid" },
        // staff message
        { "POST", "/vcita/messages", """{"message":"hi","message_uid":"m1","channel_uid":"ch1"}""", "external_uid" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message_uid":"m1","channel_uid":"ch1"}""", "message" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message":"  ","message_uid":"m1","channel_uid":"ch1"}""", "message" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message":42,"message_uid":"m1","channel_uid":"ch1"}""", "message" },
        { "POST", "/vcita/messages", $$"""{"external_uid":"ext1","message":"{{LongText}}","message_uid":"m1","channel_uid":"ch1"}""", "message" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message":"hi","channel_uid":"ch1"}""", "message_uid" },
        { "POST", "/vcita/messages", $$"""{"external_uid":"ext1","message":"hi","message_uid":"{{LongMessageUid}}","channel_uid":"ch1"}""", "message_uid" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message":"hi","message_uid":"m 1","channel_uid":"ch1"}""", "message_uid" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message":"hi","message_uid":"m1"}""", "channel_uid" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":"c'h"}""", "channel_uid" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":"ch1","status":"delivered"}""", "status" },
        { "POST", "/vcita/messages", """{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":"ch1","status":true}""", "status" },
        { "POST", "/vcita/messages", "", "body" },
        // message status
        { "PUT", "/vcita/messages/m1", """{"status":"read"}""", "channel_uid" },
        { "PUT", "/vcita/messages/m1", """{"channel_uid":"ch1"}""", "status" },
        { "PUT", "/vcita/messages/m1", """{"status":"seen","channel_uid":"ch1"}""", "status" },
        { "PUT", $"/vcita/messages/{LongMessageUid}", """{"status":"read","channel_uid":"ch1"}""", "message_uid" },
        // typing
        { "POST", "/vcita/sessions/se1/typing", """{}""", "typing" },
        { "POST", "/vcita/sessions/se1/typing", """{"typing":"true"}""", "typing" },
        { "POST", "/vcita/sessions/se1/typing", """{"typing":1}""", "typing" },
        { "POST", "/vcita/sessions/se1/typing", "{", "body" },
    };

    public void Dispose() => client.Dispose();

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ACallWithoutTheSecretIsRejectedWith401(string method, string path, string body)
    {
        var response = await client.SendAsync(Request(method, path, body));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        problem.GetProperty("title").GetString().Should().Be("Not authenticated as vcita");
        problem.GetProperty("detail").GetString().Should().Contain("Vcita__WebhookSecret", "the operator is told which setting vcita's calls must carry");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AWrongBearerSecretIsRejectedWith401(string method, string path, string body)
    {
        var request = Request(method, path, body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret + "x");

        var response = await client.SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("")]
    [InlineData("test-vcita-webhook-secre")]
    public async Task AWrongTokenInTheQueryIsRejectedWith401(string token)
    {
        var response = await client.SendAsync(Request("PUT", $"/vcita/sessions/se1?token={token}", """{"status":"active"}"""));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheSecretIsAcceptedAsBearerOrAsTokenQuery()
    {
        var bearer = Request("PUT", "/vcita/sessions/se1", """{"status":"active"}""");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);

        var byBearer = await client.SendAsync(bearer);
        var byQuery = await client.SendAsync(Request("PUT", $"/vcita/sessions/se1?token={Secret}", """{"status":"active"}"""));

        // Past authentication: finding the session's workflow needs Temporal, which this host cannot reach.
        byBearer.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await byBearer.Content.ReadAsStringAsync());
        byQuery.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await byQuery.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnauthenticatedCallIsToldNothingAboutItsBody()
    {
        var response = await client.SendAsync(Request("PUT", "/vcita/channels/bad.uid", "{not json"));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheSecretNeverAppearsInTheLogs()
    {
        await client.SendAsync(Request("PUT", $"/vcita/sessions/se1?token={Secret}", """{"status":"active"}"""));
        var bearer = Request("PUT", "/vcita/channels/bad.uid", """{"status":"active"}""");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        await client.SendAsync(bearer);

        await app.Logs.WaitForAsync(e => e.RenderMessage().Contains("/vcita/channels/bad.uid") && e.Properties.ContainsKey("StatusCode"));
        app.Logs.AllText.Should().Contain("/vcita/sessions/se1").And.NotContain(Secret);
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInputIsRejectedWith400NamingTheField(string method, string path, string body, string field)
    {
        var response = await client.SendAsync(Authorized(Request(method, path, body)));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Equal([field], problem.ToString());
        errors.GetProperty(field)[0].GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task EveryWrongFieldIsNamedInOneAnswer()
    {
        var response = await client.SendAsync(Authorized(Request("POST", "/vcita/messages", """{"message":7,"channel_uid":"a b","status":"x"}""")));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should()
            .BeEquivalentTo(["external_uid", "message", "message_uid", "channel_uid", "status"]);
    }

    [Fact]
    public async Task WrongFieldsAnswerWhatIsExpectedWithoutEchoingTheValue()
    {
        var response = await client.SendAsync(Authorized(Request("PUT", "/vcita/channels/ch1", """{"status":"secret-looking-value"}""")));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("status")[0].GetString();
        message.Should().Be("must be one of: pending, active, inactive, blocked, deleted, error");
        problem.ToString().Should().NotContain("secret-looking-value");
    }

    [Fact]
    public async Task ABodyOver64KilobytesIsRejectedWith413()
    {
        var body = $$"""{"status":"active","padding":"{{new string('p', 64 * 1024)}}"}""";

        var response = await client.SendAsync(Authorized(Request("PUT", "/vcita/channels/ch1", body)));

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AnOversizedBodyWithoutContentLengthIsRejectedWith413()
    {
        var request = Authorized(new HttpRequestMessage(HttpMethod.Post, "/vcita/messages")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', (64 * 1024) + 1) + "{}")))
            {
                Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
            },
        });
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AMessageOf10000CharactersCountedAsTheProvidersDoIsAccepted()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 10_000)); // 20,000 UTF-16 units, 10,000 characters, 40,000 bytes
        var body = $$"""{"external_uid":"ext1","message":"{{emoji}}","message_uid":"wamid.HBgL=","channel_uid":"ch1","status":"sent"}""";

        var response = await client.SendAsync(Authorized(Request("POST", "/vcita/messages", body)));

        // Valid: it reaches the hand-over, which knows no conversation yet.
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FieldsVcitaAddsLaterAreIgnored()
    {
        var response = await client.SendAsync(Authorized(Request(
            "PUT", "/vcita/messages/m1", """{"status":"read","channel_uid":"ch1","read_at":"2026-01-01 10:00:00","extra":{"a":[1]}}""")));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("POST", "/vcita/messages", """{"external_uid":"ext1","message":"hi","message_uid":"m1","channel_uid":"ch1"}""", "external_uid", "ext1")]
    [InlineData("PUT", "/vcita/messages/m1", """{"status":"read","channel_uid":"ch1"}""", "message_uid", "m1")]
    public async Task EventsNoWorkflowCanOwnAreAnswered404WithoutAskingTemporal(
        string method, string path, string body, string field, string uid)
    {
        var response = await client.SendAsync(Authorized(Request(method, path, body)));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
        problem.GetProperty("field").GetString().Should().Be(field);
        problem.GetProperty("detail").GetString().Should().Contain(field).And.Contain($"'{uid}'");
    }

    [Fact]
    public async Task AChannelStatusThatCannotReachTemporalIsAnswered503SoVcitaRetries()
    {
        var response = await client.SendAsync(Authorized(Request("PUT", "/vcita/channels/ch1", """{"status":"active"}""")));

        await ShouldBeProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.Should().NotBeNull();
    }

    private static HttpRequestMessage Request(string method, string path, string body) =>
        new(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        return request;
    }

    private async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text + "\n" + app.Logs.AllText);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        return problem;
    }
}
