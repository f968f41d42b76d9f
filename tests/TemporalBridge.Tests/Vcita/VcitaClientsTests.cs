using System.Text.Json;
using TemporalBridge.Vcita;

namespace TemporalBridge.Tests.Vcita;

public sealed class VcitaClientsTests : IAsyncLifetime
{
    private const string AppToken = "app-token-secret-value";
    private const string BusinessToken = "business-token-secret-value";
    private const string ChannelsPath = "/business/communication/channels";

    private VcitaApiDouble api = null!;

    public async Task InitializeAsync() => api = await VcitaApiDouble.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task CreatingAChannelSendsTheFactsSheetFieldsWithTheAppTokenAndReturnsTheUnwrappedChannel()
    {
        using var vcita = VcitaServices.For(api);

        var created = await vcita.Vcs.CreateChannelAsync(
            AppToken, new VcsCreateChannelRequest("bu0000000000001", VcsChannelTypes.Transactional, "Acme WhatsApp"));

        created.Channel.Should().Be(new VcsChannel("ch0000000000001", "pending", "Acme WhatsApp"));
        var request = api.Requests.Single();
        request.Method.Should().Be("POST");
        request.Path.Should().Be(ChannelsPath);
        request.Authorization.Should().Be($"Bearer {AppToken}");
        Json(request.Body).Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["business_uid"] = "bu0000000000001",
            ["type"] = "transactional",
            ["display_name"] = "Acme WhatsApp",
        });
    }

    [Theory]
    [InlineData(401, """{"success":false,"errors":[{"code":"unauthorized","message":"Invalid token"}]}""", VcitaFailure.TokenRejected)]
    [InlineData(422, """{"success":false,"errors":[{"code":"already_exists","message":"Channel already exists"}]}""", VcitaFailure.AlreadyExists)]
    [InlineData(409, """{"success":false,"errors":[{"code":"duplicate","message":"duplicate channel"}]}""", VcitaFailure.AlreadyExists)]
    [InlineData(422, """{"success":false,"errors":[{"code":"invalid","message":"Session already exist"}]}""", VcitaFailure.AlreadyExists)]
    [InlineData(422, """{"success":false,"errors":[{"code":"too_long","message":"display_name is too long"}]}""", VcitaFailure.Permanent)]
    [InlineData(429, """{"success":false,"errors":[{"code":"throttled","message":"Too many requests"}]}""", VcitaFailure.Transient)]
    [InlineData(500, """{"success":false,"errors":[{"code":"unexpected","message":"Something went wrong"}]}""", VcitaFailure.Transient)]
    [InlineData(503, "<html>Service Unavailable</html>", VcitaFailure.Transient)]
    [InlineData(403, """{"success":false,"errors":[{"code":"unauthorized","message":"Not allowed for this business"}]}""", VcitaFailure.Permanent)]
    [InlineData(404, "", VcitaFailure.Permanent)]
    [InlineData(200, """{"success":false,"errors":[{"code":"invalid","message":"type is invalid"}]}""", VcitaFailure.Permanent)]
    [InlineData(200, """{"success":false,"errors":[{"code":"unauthorized","message":"Invalid token"}]}""", VcitaFailure.TokenRejected)]
    [InlineData(200, """{"success":false,"errors":[{"code":"timeout","message":"Try again"}]}""", VcitaFailure.Transient)]
    [InlineData(200, """{"success":false,"errors":[{"code":"unexpected","message":"Something went wrong"}]}""", VcitaFailure.Transient)]
    [InlineData(200, """{"success":false,"errors":[{"code":"already_exists","message":"Channel is taken"}]}""", VcitaFailure.AlreadyExists)]
    [InlineData(200, """{"success":false}""", VcitaFailure.Permanent)]
    [InlineData(200, """{"status":"Error","error":"Channel is not active"}""", VcitaFailure.Permanent)]
    [InlineData(401, "", VcitaFailure.TokenRejected)]
    [InlineData(422, "", VcitaFailure.Permanent)]
    [InlineData(422, """{"success":false,"errors":[{"code":"already_exists","message":"Channel is taken"}]}""", VcitaFailure.AlreadyExists)]
    [InlineData(408, "", VcitaFailure.Transient)]
    public async Task FailuresAreClassifiedByWhatTheCallerCanDoAboutThem(int status, string body, VcitaFailure kind)
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", ChannelsPath, status, body);

        var failure = await CreateChannel(vcita).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Kind.Should().Be(kind);
        failure.Which.Status.Should().Be(status);
        failure.Which.ErrorType.Should().Be(VcitaApiException.ToErrorType(kind));
    }

    [Fact]
    public void ErrorTypesAreStableNames() =>
        Enum.GetValues<VcitaFailure>().Select(VcitaApiException.ToErrorType).Should().Equal(
            "VcitaTokenRejected", "VcitaAlreadyExists", "VcitaTransient", "VcitaPermanent");

    [Fact]
    public async Task RejectionNamesTheCallTheStatusAndVcitasErrorCodes()
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", ChannelsPath, 400,
            """{"success":false,"errors":[{"code":"invalid","message":"business_uid must be 16 characters"},{"code":"missing","message":"display_name"}]}""");

        var failure = await CreateChannel(vcita).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Kind.Should().Be(VcitaFailure.Permanent);
        failure.Which.Message.Should().Be(
            "vcita rejected POST /channels (400): invalid: business_uid must be 16 characters; missing: display_name");
        failure.Which.Errors.Should().Equal(
            new VcitaError("invalid", "business_uid must be 16 characters"), new VcitaError("missing", "display_name"));
    }

    [Fact]
    public async Task ACallThatOutlivesTheConfiguredTimeoutIsTransient()
    {
        using var vcita = VcitaServices.For(api, ("Vcita:RequestTimeoutSeconds", "0.2"));
        api.Answer("POST", ChannelsPath, context => Task.Delay(Timeout.Infinite, context.RequestAborted));

        var failure = await CreateChannel(vcita).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Kind.Should().Be(VcitaFailure.Transient);
        failure.Which.Status.Should().BeNull();
        failure.Which.Message.Should().Be("vcita did not answer POST /channels within 0.2 s");
    }

    [Fact]
    public async Task ACancelledCallStaysACancellation()
    {
        using var vcita = VcitaServices.For(api);
        var answered = new TaskCompletionSource();
        api.Answer("POST", ChannelsPath, context =>
        {
            answered.TrySetResult();
            return Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var cancel = new CancellationTokenSource();

        var call = vcita.Vcs.CreateChannelAsync(AppToken, new("bu0000000000001", VcsChannelTypes.Transactional, "Acme"), cancel.Token);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await call.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task AnUnreachableVcitaIsTransient()
    {
        using var vcita = VcitaServices.For("http://" + BridgeApplication.Unreachable);

        var failure = await CreateChannel(vcita).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Kind.Should().Be(VcitaFailure.Transient);
        failure.Which.Status.Should().BeNull();
        failure.Which.Message.Should().StartWith("vcita could not be reached for POST /channels (ConnectionError)");
    }

    [Fact]
    public async Task RejectedClientCredentialsArePermanentWithTheOAuthErrorCode()
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", "/oauth/token", 401, """{"error":"invalid_client","error_description":"Client authentication failed"}""");

        var exchange = () => vcita.OAuth.ExchangeCodeAsync(new VcitaCodeExchangeRequest("client-id", "the-client-secret", "code-1", "https://bridge/oauth"));

        var failure = await exchange.Should().ThrowExactlyAsync<VcitaApiException>();
        failure.Which.Kind.Should().Be(VcitaFailure.Permanent);
        failure.Which.Errors.Should().Equal(new VcitaError("invalid_client", "Client authentication failed"));
        failure.Which.Message.Should().Be("vcita rejected POST /oauth/token (401): invalid_client: Client authentication failed");
    }

    [Theory]
    [InlineData("invalid_client")]
    [InlineData("invalid_grant")]
    [InlineData("invalid_request")]
    [InlineData("unauthorized_client")]
    [InlineData("unsupported_grant_type")]
    [InlineData("invalid_scope")]
    [InlineData("INVALID_GRANT")]
    public async Task AnOAuthErrorAboutTheCredentialsOrGrantIsPermanentEvenAs401(string code)
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", "/oauth/token", 401, $$"""{"error":"{{code}}"}""");

        var exchange = () => vcita.OAuth.ExchangeCodeAsync(new VcitaCodeExchangeRequest("client-id", "the-client-secret", "code-1", "https://bridge/oauth"));

        var failure = await exchange.Should().ThrowExactlyAsync<VcitaApiException>();
        failure.Which.Kind.Should().Be(VcitaFailure.Permanent, "another token cannot fix the client's credentials or its grant");
        failure.Which.Errors.Should().Equal(new VcitaError(code, ""));
    }

    /// <summary>What vcita says goes into the exception's message, as each envelope says it.</summary>
    [Theory]
    [InlineData(422, """{"success":false,"errors":["channel_uid is invalid"]}""", "vcita rejected POST /channels (422): channel_uid is invalid")]
    [InlineData(422, """{"success":false,"errors":[{"code":12,"message":"channel_uid is invalid"}]}""", "vcita rejected POST /channels (422): channel_uid is invalid")]
    [InlineData(422, """{"status":"Error","error":"Invalid channel"}""", "vcita rejected POST /channels (422): Invalid channel")]
    [InlineData(400, """{"error":"invalid_request","error_description":"code is missing"}""", "vcita rejected POST /channels (400): invalid_request: code is missing")]
    [InlineData(404, """{"message":"Not found"}""", "vcita rejected POST /channels (404): Not found")]
    [InlineData(422, """{"success":false,"errors":{"channel_uid":["is invalid"]}}""", "vcita rejected POST /channels (422): no error details")]
    [InlineData(503, "<html>Service Unavailable</html>", "vcita failed POST /channels (503): no error details")]
    public async Task TheExceptionSaysWhatVcitaSaidInEachEnvelope(int status, string body, string message)
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", ChannelsPath, status, body);

        var failure = await CreateChannel(vcita).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("""{"status":"Error","error":"Invalid channel"}""", "", "Invalid channel")]
    [InlineData("""{"error":"invalid_request","error_description":"code is missing"}""", "invalid_request", "code is missing")]
    [InlineData("""{"success":false,"errors":["channel_uid is invalid"]}""", "", "channel_uid is invalid")]
    [InlineData("""{"message":"Not found"}""", "", "Not found")]
    public async Task APlatformErrorIsASentenceAndAnOAuthErrorACode(string body, string code, string message)
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", ChannelsPath, 422, body);

        var failure = await CreateChannel(vcita).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Errors.Should().Equal(new VcitaError(code, message));
    }

    [Theory]
    [InlineData(200, "")]
    [InlineData(201, "…")]
    public async Task VcitasTextsAreCutAtTwoHundredCharacters(int length, string tail)
    {
        using var vcita = VcitaServices.For(api);
        var said = new string('x', length);
        api.Answer("POST", ChannelsPath, 422, $$"""{"success":false,"errors":[{"code":"invalid","message":"{{said}}"}]}""");

        var failure = await CreateChannel(vcita).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Errors.Single().Message.Should().Be(new string('x', 200) + tail);
    }

    /// <summary>Only a boolean <c>success</c> or a string <c>status</c> is an envelope; the same names with other
    /// types are the answer's own fields.</summary>
    [Theory]
    [InlineData("""{"business_uid":"bu0000000000001","sub":"st0000000000001","role":"admin","success":"no"}""")]
    [InlineData("""{"business_uid":"bu0000000000001","sub":"st0000000000001","role":"admin","status":3}""")]
    public async Task FieldsNamedLikeTheEnvelopesOfAnotherTypeAreTheAnswersOwn(string body)
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("GET", "/oauth/userinfo", 200, body);

        var info = await vcita.OAuth.GetUserInfoAsync(BusinessToken);

        info.BusinessUid.Should().Be("bu0000000000001");
    }

    [Fact]
    public async Task ARejectedBusinessTokenAtUserInfoIsTokenRejected()
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("GET", "/oauth/userinfo", 401, """{"error":"invalid_token","error_description":"The access token is invalid"}""");

        var failure = await vcita.OAuth.Invoking(oauth => oauth.GetUserInfoAsync(BusinessToken)).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Kind.Should().Be(VcitaFailure.TokenRejected);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(422)]
    [InlineData(500)]
    public async Task ATokenVcitaEchoesBackNeverReachesTheException(int status)
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", ChannelsPath, status,
            $$"""{"success":false,"errors":[{"code":"unauthorized","message":"token {{AppToken}} is not valid"}]}""");

        var failure = await CreateChannel(vcita).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.ToString().Should().NotContain(AppToken);
        failure.Which.Errors.Should().OnlyContain(error => !error.Message.Contains(AppToken));
        failure.Which.Message.Should().Contain("token [redacted] is not valid");
    }

    [Fact]
    public async Task AnAnswerThatCannotBeReadIsPermanent()
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("POST", ChannelsPath, 201, """{"success":true,"data":{"channel":"not an object"}}""");

        var failure = await CreateChannel(vcita).Should().ThrowExactlyAsync<VcitaApiException>();

        failure.Which.Kind.Should().Be(VcitaFailure.Permanent);
        failure.Which.Status.Should().Be(201);
    }

    [Fact]
    public async Task ChannelSessionAndMessageUpdatesReachTheirPathsWithTheirBodies()
    {
        using var vcita = VcitaServices.For(api);

        await vcita.Vcs.DeleteChannelAsync(AppToken, "ch0000000000001");
        await vcita.Vcs.UpdateSessionAsync(BusinessToken, "se0000000000001", new VcsUpdateSessionRequest("inactive"));
        await vcita.Vcs.UpdateMessageAsync(BusinessToken, "bridge-msg-1", new VcsUpdateMessageRequest("read", "ch0000000000001"));

        api.Requests.Select(request => (request.Method, request.Path, request.Authorization, request.Body)).Should().Equal(
            ("DELETE", "/business/communication/channels/ch0000000000001", $"Bearer {AppToken}", ""),
            ("PUT", "/business/communication/sessions/se0000000000001", $"Bearer {BusinessToken}", """{"status":"inactive"}"""),
            ("PUT", "/business/communication/messages/bridge-msg-1", $"Bearer {BusinessToken}", """{"status":"read","channel_uid":"ch0000000000001"}"""));
    }

    [Fact]
    public async Task CreatingASessionSendsItsFourUidsAndReturnsThePendingSession()
    {
        using var vcita = VcitaServices.For(api);

        var created = await vcita.Vcs.CreateSessionAsync(
            BusinessToken, new VcsCreateSessionRequest("bu0000000000001", "ch0000000000001", "co0000000000001", "wa:15550783881"));

        created.Session.Should().Be(new VcsSession("se0000000000001", "pending", "none"));
        Json(api.Requests.Single().Body).Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["business_uid"] = "bu0000000000001",
            ["channel_uid"] = "ch0000000000001",
            ["contact_uid"] = "co0000000000001",
            ["external_uid"] = "wa:15550783881",
        });
    }

    [Fact]
    public async Task SessionsAreListedByChannelBusinessAndContactFilters()
    {
        using var vcita = VcitaServices.For(api);

        var found = await vcita.Vcs.GetSessionsAsync(BusinessToken, "ch0000000000001", "bu0000000000001", "co0000000000001");

        found.Sessions.Should().Equal(new VcsSession("se0000000000001", "active", "ai_intercepted"));
        var query = System.Web.HttpUtility.ParseQueryString(api.Requests.Single().Query);
        query.AllKeys.Should().Equal("filter[channel_uid]", "filter[business_uid]", "filter[contact_uid]");
        (query["filter[channel_uid]"], query["filter[business_uid]"], query["filter[contact_uid]"])
            .Should().Be(("ch0000000000001", "bu0000000000001", "co0000000000001"));
    }

    [Fact]
    public async Task AMessageSendsOnlyTheFieldsItHasWithCreatedAtInVcitasFormat()
    {
        using var vcita = VcitaServices.For(api);
        var message = new VcsCreateMessageRequest("ch0000000000001", "wa:15550783881", "Hello", "bridge-msg-1")
        {
            Direction = VcsMessageDirections.ClientToBusiness,
            CreatedAt = VcsCreateMessageRequest.FormatCreatedAt(new DateTimeOffset(2026, 3, 4, 7, 8, 9, TimeSpan.FromHours(2))),
        };

        var created = await vcita.Vcs.CreateMessageAsync(BusinessToken, message);

        created.Message.Should().Be(new VcsMessage("me0000000000001", "pending"));
        api.Requests.Single().Body.Should().Be(
            """{"channel_uid":"ch0000000000001","external_uid":"wa:15550783881","message":"Hello","message_uid":"bridge-msg-1","direction":"client_to_business","created_at":"2026-03-04 05:08:09"}""");
    }

    [Fact]
    public async Task TheCodeExchangeIsJsonWithTheSpecsFields()
    {
        using var vcita = VcitaServices.For(api);

        var token = await vcita.OAuth.ExchangeCodeAsync(new VcitaCodeExchangeRequest("client-id", "client-secret", "code-1", "https://bridge.example/oauth/vcita"));

        token.AccessToken.Should().Be("business-token-1");
        var request = api.Requests.Single();
        request.ContentType.Should().StartWith("application/json");
        Json(request.Body).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "client-id",
            ["client_secret"] = "client-secret",
            ["code"] = "code-1",
            ["redirect_uri"] = "https://bridge.example/oauth/vcita",
        });
    }

    [Theory]
    [InlineData("""{"business_uid":"bu0000000000001","sub":"st0000000000001","role":"admin"}""")]
    [InlineData("""{"success":true,"data":{"business_uid":"bu0000000000001","sub":"st0000000000001","role":"admin"}}""")]
    [InlineData("""{"data":{"business_uid":"bu0000000000001","sub":"st0000000000001","role":"admin"},"status":"OK"}""")]
    public async Task UserInfoNamesTheTokensBusinessWithOrWithoutTheEnvelope(string body)
    {
        using var vcita = VcitaServices.For(api);
        api.Answer("GET", "/oauth/userinfo", 200, body);

        var user = await vcita.OAuth.GetUserInfoAsync(BusinessToken);

        user.Should().Be(new VcitaUserInfo("bu0000000000001", "st0000000000001", "admin"));
        api.Requests.Single().Authorization.Should().Be($"Bearer {BusinessToken}");
    }

    [Fact]
    public async Task ClientsAreFoundByPhoneWithoutThePhoneOrTokenInTheLogs()
    {
        using var vcita = VcitaServices.For(api);

        var found = await vcita.Platform.FindClientsByPhoneAsync(BusinessToken, "+15550783881");

        found.Clients.Should().Equal(new VcitaClient("co0000000000001", "+15550783881", "Dana"));
        var request = api.Requests.Single();
        request.Path.Should().Be("/platform/v1/clients");
        System.Web.HttpUtility.ParseQueryString(request.Query)["search_by"].Should().Be("phone");
        System.Web.HttpUtility.ParseQueryString(request.Query)["search_term"].Should().Be("+15550783881");
        vcita.Logs.AllText.Should().Contain("/platform/v1/clients", "the HTTP client does log its calls")
            .And.NotContain("5550783881").And.NotContain(BusinessToken);
    }

    [Fact]
    public async Task ClientsAndAppsAreCreatedWithTheirTokens()
    {
        using var vcita = VcitaServices.For(api);

        var client = await vcita.Platform.CreateClientAsync(BusinessToken, new VcitaCreateClientRequest("Dana", "Levi", "+15550783881", "whatsapp"));
        var app = await vcita.Platform.CreateAppAsync("directory-token", new VcitaCreateAppRequest(
            "TemporalBridge", ["communication"], ["business_uid"], "https://bridge.example/oauth/vcita", "https://bridge.example/vcita"));

        client.Client.Id.Should().Be("co0000000000002");
        app.Should().Be(new VcitaAppData("ap1", "temporalbridge", "new-client-id", "new-client-secret"));
        var requests = api.Requests.ToArray();
        requests[0].Authorization.Should().Be($"Bearer {BusinessToken}");
        Json(requests[0].Body).Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["first_name"] = "Dana",
            ["last_name"] = "Levi",
            ["phone"] = "+15550783881",
            ["source_channel"] = "whatsapp",
        });
        requests[1].Authorization.Should().Be("Bearer directory-token");
        requests[1].Body.Should().Be(
            """{"name":"TemporalBridge","app_type":["communication"],"url_params":["business_uid"],"redirect_uri":"https://bridge.example/oauth/vcita","api_uri":"https://bridge.example/vcita"}""");
    }

    [Fact]
    public void SecretsTextAndPhonesAreNotPrintedWhenAWireRecordIsLogged()
    {
        var printed = string.Join('\n',
            new VcitaToken("the-access-token", "Bearer", 3600).ToString(),
            new VcitaServiceTokenRequest("id", "the-service-secret").ToString(),
            new VcitaCodeExchangeRequest("id", "the-client-secret", "the-code", "https://bridge").ToString(),
            new VcitaAppData("ap1", "bridge", "id", "the-app-secret").ToString(),
            new VcsCreateMessageRequest("ch1", "wa:1", "the message text", "m1").ToString(),
            new VcitaClient("co1", "+15550783881", "Dana", "Levi").ToString(),
            new VcitaCreateClientRequest("Dana", "Levi", "+15550783881").ToString());

        printed.Should().NotContainAny("the-access-token", "the-service-secret", "the-client-secret", "the-code", "the-app-secret",
            "the message text", "5550783881", "Dana", "Levi");
    }

    private static Func<Task> CreateChannel(VcitaServices vcita) =>
        () => vcita.Vcs.CreateChannelAsync(AppToken, new VcsCreateChannelRequest("bu0000000000001", VcsChannelTypes.Transactional, "Acme"));

    private static Dictionary<string, object> Json(string body) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!
            .ToDictionary(pair => pair.Key, pair => (object)pair.Value.ToString());
}
