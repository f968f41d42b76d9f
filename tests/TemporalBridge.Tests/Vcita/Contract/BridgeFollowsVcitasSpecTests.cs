using System.Text.Json;
using TemporalBridge.Vcita;

namespace TemporalBridge.Tests.Vcita.Contract;

/// <summary>
/// Each vcita call the bridge makes, through the bridge's own clients, against <see cref="VcitaSpec"/>: the request
/// carries what the spec requires and nothing it does not name, and the answer vcita publishes is read as meant.
/// The answers come from the spec, not from the emulator, so the emulator and the bridge cannot agree on a mistake.
/// </summary>
public sealed class BridgeFollowsVcitasSpecTests : IAsyncLifetime
{
    private const string Token = "token-secret-value";

    private VcitaApiDouble api = null!;

    public async Task InitializeAsync() => api = await VcitaApiDouble.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [MemberData(nameof(VcitaSpec.Names), MemberType = typeof(VcitaSpec))]
    public async Task TheBridgesRequestCarriesWhatTheSpecAsksAndNothingElse(string name)
    {
        var call = VcitaSpec.Call(name);
        using var vcita = VcitaServices.For(api);
        AnswerWithTheSpecsExample(call);

        await CallAsync(vcita, name);

        var request = api.Requests.Single();
        request.Method.Should().Be(call.Method);
        request.Path.Should().MatchRegex(SpecChecks.PathPattern(call.Path).ToString());
        SpecChecks.QueryProblems(request.Query, call.Query).Should().BeEmpty(call.Source);
        if (call.Body.Count == 0)
        {
            request.Body.Should().BeEmpty(call.Source);
            return;
        }

        request.ContentType.Should().StartWith("application/json", call.Source);
        using var body = JsonDocument.Parse(request.Body);
        SpecChecks.Problems(body.RootElement, call.Body, exact: true).Should().BeEmpty(call.Source);
    }

    [Fact]
    public async Task TheSpecsAnswersAreReadAsTheyMean()
    {
        using var vcita = VcitaServices.For(api);
        foreach (var call in VcitaSpec.Calls)
        {
            AnswerWithTheSpecsExample(call);
        }

        var channel = await vcita.Vcs.CreateChannelAsync(Token, new VcsCreateChannelRequest("ed469f8764326a66", VcsChannelTypes.Transactional, "WhatsApp"));
        var session = await vcita.Vcs.CreateSessionAsync(Token, new VcsCreateSessionRequest("ed469f8764326a66", "c697a91c-ce0c-469e-918b-fdc2ff6f8a04", "czpvt3f246p4cw9i", "session:x"));
        var sessions = await vcita.Vcs.GetSessionsAsync(Token, "c697a91c-ce0c-469e-918b-fdc2ff6f8a04", "ed469f8764326a66", "czpvt3f246p4cw9i");
        var message = await vcita.Vcs.CreateMessageAsync(Token, new VcsCreateMessageRequest("c697a91c-ce0c-469e-918b-fdc2ff6f8a04", "session:x", "Hi", "m-1"));
        var found = await vcita.Platform.FindClientsByPhoneAsync(Token, "+16378383489");
        var created = await vcita.Platform.CreateClientAsync(Token, new VcitaCreateClientRequest("Michael", "Douglas", "+19083073848", "whatsapp"));
        var app = await vcita.Platform.CreateAppAsync(Token, new VcitaCreateAppRequest("Some App", ["communication"], ["business_uid"], "https://b.example/cb", "https://b.example/vcita"));
        var user = await vcita.OAuth.GetUserInfoAsync(Token);
        var businessToken = await vcita.OAuth.ExchangeCodeAsync(new VcitaCodeExchangeRequest("id", "secret", "code", "https://b.example/cb"));
        var appToken = await vcita.OAuth.GetServiceTokenAsync(new VcitaServiceTokenRequest("id", "secret"));

        channel.Channel.Should().Be(new VcsChannel("c697a91c-ce0c-469e-918b-fdc2ff6f8a04", "pending", "WhatsApp +1 555 078 3881"));
        session.Session.Should().Be(new VcsSession("2nbreiig9avawl81", "pending", VcsAiStatuses.None));
        sessions.Sessions.Should().Equal(new VcsSession("2nbreiig9avawl81", "active", VcsAiStatuses.Intercepted));
        message.Message.Should().Be(new VcsMessage("5d0a1e2f3c4b5a69", "pending"));
        found.Clients.Should().Equal(new VcitaClient("czpvt3f246p4cw9i", "+16378383489", "First Name", "Last Name"));
        created.Client.Id.Should().Be("fgrayekkrmqfzt7d");
        app.Should().Be(new VcitaAppData("some_id", "some_code_name", "OAuth Client ID", "OAuth Client Secret"));
        user.BusinessUid.Should().Be("ed469f8764326a66");
        (businessToken.AccessToken, businessToken.ExpiresIn).Should().Be(("eade05e0ee958ed139b7431b1a630bff95260178699ddf88cbd86a32d2ac708c", 631139040));
        (appToken.AccessToken, appToken.ExpiresIn).Should().Be(("eade05e0ee958ed139b7431b1a630bff95260178699ddf88cbd86a32d2ac708c", 3600));
    }

    /// <summary>
    /// Failures in each of vcita's envelopes reach whoever reads them (an operator, a workflow's history) as what vcita
    /// said: the Communication Service's <c>errors[]</c> (communication.json definitions.ErrorResponse), the platform's
    /// <c>{status: "Error", error}</c> (legacy_v1_clients.json paths./clients/{client_id}/payments.get.responses.422.examples)
    /// and OAuth's <c>{error, error_description}</c> (oauth.json paths./token.post.responses.401.examples).
    /// </summary>
    [Theory]
    [InlineData("GET", "/platform/v1/clients", 422, """{"status":"Error","error":"Invalid search_by"}""", "vcita rejected GET /clients (422): Invalid search_by")]
    [InlineData("GET", "/platform/v1/clients", 200, """{"status":"Error","error":"Unauthorized"}""", "vcita rejected GET /clients (200): Unauthorized")]
    [InlineData("POST", "/platform/v1/apps", 401, """{"status":"Error","error":"Unauthorized"}""", "vcita rejected POST /apps (401): Unauthorized")]
    [InlineData("POST", "/business/communication/sessions", 401, """{"success":false,"errors":[{"code":"unauthorized","message":"Invalid token"}]}""",
        "vcita rejected POST /sessions (401): unauthorized: Invalid token")]
    [InlineData("POST", "/oauth/token", 401, """{"error":"invalid_client","error_description":"Client authentication failed"}""",
        "vcita rejected POST /oauth/token (401): invalid_client: Client authentication failed")]
    public async Task AFailureInEitherEnvelopeNamesWhatVcitaSaid(string method, string path, int status, string body, string message)
    {
        using var vcita = VcitaServices.For(api);
        api.Answer(method, path, status, body);

        var failure = await ((Func<Task>)(() => path switch
        {
            "/platform/v1/clients" => vcita.Platform.FindClientsByPhoneAsync(Token, "+16378383489"),
            "/platform/v1/apps" => vcita.Platform.CreateAppAsync(Token, new VcitaCreateAppRequest("Some App", ["communication"], [], "https://b/cb", "https://b/v")),
            "/business/communication/sessions" => vcita.Vcs.CreateSessionAsync(Token, new VcsCreateSessionRequest("b", "c", "d", "e")),
            _ => vcita.OAuth.ExchangeCodeAsync(new VcitaCodeExchangeRequest("id", "secret", "code", "https://b/cb")),
        })).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Message.Should().Be(message);
    }

    private void AnswerWithTheSpecsExample(SpecCall call)
    {
        var path = call.Path.Replace("{uid}", "u-1", StringComparison.Ordinal).Replace("{messageUid}", "m-1", StringComparison.Ordinal);
        api.Answer(call.Method, path, call.Status, call.Example);
    }

    /// <summary>The call <paramref name="name"/>, as the bridge makes it (its clients, with the values it sends).</summary>
    private static Task CallAsync(VcitaServices vcita, string name) => name switch
    {
        "POST /oauth/service/token" => vcita.OAuth.GetServiceTokenAsync(new VcitaServiceTokenRequest("client-id", "client-secret")),
        "POST /oauth/token" => vcita.OAuth.ExchangeCodeAsync(new VcitaCodeExchangeRequest("client-id", "client-secret", "code-1", "https://b.example/oauth/vcita/callback")),
        "GET /oauth/userinfo" => vcita.OAuth.GetUserInfoAsync(Token),
        "POST /business/communication/channels" =>
            vcita.Vcs.CreateChannelAsync(Token, new VcsCreateChannelRequest("ed469f8764326a66", VcsChannelTypes.Transactional, "WhatsApp +1 555 078 3881")),
        "DELETE /business/communication/channels/{uid}" => vcita.Vcs.DeleteChannelAsync(Token, "u-1"),
        "POST /business/communication/sessions" =>
            vcita.Vcs.CreateSessionAsync(Token, new VcsCreateSessionRequest("ed469f8764326a66", "c697a91c-ce0c-469e-918b-fdc2ff6f8a04", "czpvt3f246p4cw9i", "session:whatsapp:1:2")),
        "GET /business/communication/sessions" =>
            vcita.Vcs.GetSessionsAsync(Token, "c697a91c-ce0c-469e-918b-fdc2ff6f8a04", "ed469f8764326a66", "czpvt3f246p4cw9i"),
        "PUT /business/communication/sessions/{uid}" => vcita.Vcs.UpdateSessionAsync(Token, "u-1", new VcsUpdateSessionRequest("active")),
        "POST /business/communication/messages" => vcita.Vcs.CreateMessageAsync(Token,
            new VcsCreateMessageRequest("c697a91c-ce0c-469e-918b-fdc2ff6f8a04", "session:whatsapp:1:2", "Hello", "whatsapp.wamid.1")
            {
                ContactUid = "czpvt3f246p4cw9i",
                Direction = VcsMessageDirections.ClientToBusiness,
                CreatedAt = VcsCreateMessageRequest.FormatCreatedAt(DateTimeOffset.UnixEpoch),
            }),
        "PUT /business/communication/messages/{messageUid}" =>
            vcita.Vcs.UpdateMessageAsync(Token, "m-1", new VcsUpdateMessageRequest("error", "c697a91c-ce0c-469e-918b-fdc2ff6f8a04")),
        "GET /platform/v1/clients" => vcita.Platform.FindClientsByPhoneAsync(Token, "+16378383489"),
        "POST /platform/v1/clients" => vcita.Platform.CreateClientAsync(Token, new VcitaCreateClientRequest("Michael", "Douglas", "+19083073848", "whatsapp")),
        "POST /platform/v1/apps" => vcita.Platform.CreateAppAsync(Token,
            new VcitaCreateAppRequest("WhatsApp Channel", ["communication"], ["business_uid"], "https://b.example/oauth/vcita/callback", "https://b.example/vcita")),
        _ => throw new ArgumentException($"No bridge call for {name}: add one when the bridge starts calling it."),
    };
}
