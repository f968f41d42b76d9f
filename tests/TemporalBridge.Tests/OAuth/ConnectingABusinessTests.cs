using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TemporalBridge.Businesses;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Testing.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;

namespace TemporalBridge.Tests.OAuth;

/// <summary>The OAuth code flow end to end: bridge, real Redis, the offline kit as Temporal, vcita's emulator.</summary>
public sealed class ConnectingABusinessTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task StartRedirectsToVcitasAuthorizePageWithASingleUseState()
    {
        await using var flow = ConnectFlow.Start(redis);

        var authorize = await flow.StartAsync();

        authorize.GetLeftPart(UriPartial.Path).Should().Be(flow.EmulatorBase + "/app/oauth/authorize");
        ConnectFlow.Query(authorize, "client_id").Should().Be(ConnectFlow.ClientId);
        ConnectFlow.Query(authorize, "redirect_uri").Should().Be(ConnectFlow.CallbackUrl);
        ConnectFlow.Query(authorize, "response_type").Should().Be("code");
        var state = ConnectFlow.Query(authorize, "state");
        Convert.FromBase64String(state.Replace('-', '+').Replace('_', '/') + "=").Should().HaveCount(32);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var key = $"tb:oauth:state:{state}";
        (await connection.GetDatabase().StringGetAsync(key)).ToString().Should().Be("whatsapp");
        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(key);
        ttl.Should().BePositive().And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(10));
        (await flow.StartAsync()).Should().NotBe(authorize, "every start draws a new state");
    }

    [Fact]
    public async Task StartForAProviderWithoutAnAppIsRejectedNamingTheProvider()
    {
        await using var flow = ConnectFlow.Start(redis);

        using var response = await flow.Browser.GetAsync("/oauth/vcita/start?provider=messenger");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ConnectFlow.ProblemAsync(response);
        problem.GetProperty("errors").GetProperty("provider")[0].GetString()
            .Should().Contain("Vcita__Apps__messenger__ClientId").And.Contain("Vcita__Apps__messenger__RedirectUri");
    }

    [Fact]
    public async Task ConnectingABusinessStoresItsTokenInItsBusinessWorkflow()
    {
        await using var flow = ConnectFlow.Start(redis);
        var callback = await flow.ConsentAsync(await flow.StartAsync());
        // vcita adds business_uid to the redirect; the bridge must learn the business from userinfo instead.
        callback = ConnectFlow.WithQuery(callback, "business_uid", "someoneelse00001");

        using var response = await flow.ReturnAsync(callback);
        await flow.Temporal.RunUntilIdleAsync();

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, body + flow.Bridge.Logs.AllText);
        response.Headers.Location!.ToString().Should().Be("/connect");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var cookie = response.Headers.GetValues("Set-Cookie").Should().ContainSingle().Subject;
        cookie.Should().StartWith("tb_connect=").And.Contain("path=/connect").And.Contain("httponly").And.Contain("samesite=lax");

        // The browser lands on the connect page, signed in for the business userinfo named.
        using var page = await flow.Browser.GetAsync("/connect");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain($"vcita business <strong>{ConnectFlow.DefaultBusiness}</strong>").And.NotContain("someoneelse00001");

        var workflow = flow.Temporal.Workflow(WorkflowIds.Business(ConnectFlow.DefaultBusiness));
        flow.Temporal.Workflows.Should().ContainSingle("the business_uid query parameter is not trusted");
        workflow.Status.Should().Be(WorkflowExecutionStatus.Running);
        workflow.WorkflowType.Should().Be(nameof(BusinessWorkflow));
        workflow.SearchAttribute<string>(BridgeSearchAttributes.BusinessUid.Name).Should().Be(ConnectFlow.DefaultBusiness);
        workflow.SignalsReceived.Select(s => s.Name).Should().Equal(BusinessWorkflow.TokenGrantedSignal);

        // The stored token is a working business token of that business.
        var grant = await flow.Bridge.Services.GetRequiredService<IBusinessTokens>().GetAsync(ConnectFlow.DefaultBusiness);
        grant.Provider.Should().Be("whatsapp");
        using var userinfo = new HttpRequestMessage(HttpMethod.Get, "/vcita-emulator/oauth/userinfo");
        userinfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", grant.AccessToken);
        using var answer = await flow.VcitaBrowser.SendAsync(userinfo);
        (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("business_uid").GetString().Should().Be(ConnectFlow.DefaultBusiness);

        // The bridge's client and the kit share one converter, so the kit wrote what the bridge encrypted.
        flow.Bridge.Services.GetRequiredService<ITemporalClient>().Options.DataConverter.PayloadCodec.Should().NotBeNull()
            .And.BeSameAs(flow.Temporal.Client.Options.DataConverter.PayloadCodec);
        body.Should().NotContain(grant.AccessToken);
        flow.Bridge.Logs.AllText.Should().NotContain(grant.AccessToken).And.Contain(ConnectFlow.DefaultBusiness);
        AssertNotInAnyHistory(flow.Temporal, grant.AccessToken);
    }

    [Fact]
    public async Task AReplayedStateIsRejectedAndStoresNothingMore()
    {
        await using var flow = ConnectFlow.Start(redis);
        var callback = await flow.ConsentAsync(await flow.StartAsync());
        using var first = await flow.ReturnAsync(callback);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var replay = await flow.ReturnAsync(callback);

        replay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConnectFlow.ProblemAsync(replay)).GetProperty("errors").GetProperty("state")[0].GetString().Should().Contain("already used");
        flow.Temporal.Workflow(WorkflowIds.Business(ConnectFlow.DefaultBusiness)).SignalsReceived.Should().ContainSingle();
    }

    [Fact]
    public async Task AnUnknownStateIsRejectedNamingState()
    {
        await using var flow = ConnectFlow.Start(redis);
        var callback = await flow.ConsentAsync(await flow.StartAsync());

        using var forged = await flow.ReturnAsync(ConnectFlow.WithQuery(callback, "state", new string('A', 43)));
        using var malformed = await flow.ReturnAsync(ConnectFlow.WithQuery(callback, "state", "tb:oauth:*"));

        foreach (var response in new[] { forged, malformed })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await ConnectFlow.ProblemAsync(response)).GetProperty("errors").TryGetProperty("state", out _).Should().BeTrue();
        }

        flow.Temporal.Workflows.Should().BeEmpty();
    }

    [Fact]
    public async Task ACallbackWithoutACodeIsRejectedNamingCode()
    {
        await using var flow = ConnectFlow.Start(redis);
        var state = ConnectFlow.Query(await flow.StartAsync(), "state");

        using var response = await flow.Browser.GetAsync($"/oauth/vcita/callback?state={state}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConnectFlow.ProblemAsync(response)).GetProperty("errors").TryGetProperty("code", out _).Should().BeTrue();
        flow.Temporal.Workflows.Should().BeEmpty();
    }

    [Fact]
    public async Task ADeclinedConsentAnswers400SayingTheBusinessDeclined()
    {
        await using var flow = ConnectFlow.Start(redis);
        var callback = await flow.ConsentAsync(await flow.StartAsync(), decline: true);
        ConnectFlow.Query(callback, "error").Should().Be("access_denied");

        using var response = await flow.ReturnAsync(callback);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ConnectFlow.ProblemAsync(response);
        problem.GetProperty("title").GetString().Should().Be("The business declined to connect");
        problem.GetProperty("error").GetString().Should().Be("access_denied");
        flow.Temporal.Workflows.Should().BeEmpty();
    }

    [Fact]
    public async Task AnExpiredCodeAnswers502NamingTheStepAndStoresNothing()
    {
        await using var flow = ConnectFlow.Start(redis);
        var callback = await flow.ConsentAsync(await flow.StartAsync());

        flow.VcitaClock.Advance(TimeSpan.FromSeconds(31)); // vcita's codes live 30 seconds
        using var response = await flow.ReturnAsync(callback);

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        var problem = await ConnectFlow.ProblemAsync(response);
        problem.GetProperty("step").GetString().Should().Be("token exchange");
        problem.GetProperty("vcitaStatus").GetInt32().Should().Be(400);
        problem.GetProperty("detail").GetString().Should().Contain("nothing was stored");
        flow.Temporal.Workflows.Should().BeEmpty();
        flow.Bridge.Logs.AllText.Should().NotContain(ConnectFlow.Query(callback, "code"));
    }

    [Fact]
    public async Task ACallbackWhileTemporalIsUnreachableAnswers503()
    {
        await using var flow = ConnectFlow.Start(redis, withTemporal: false);

        using var response = await flow.ConnectAsync();

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
        response.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task StartWhileRedisIsDownAnswers503()
    {
        await using var flow = ConnectFlow.Start(redis: null);

        using var response = await flow.Browser.GetAsync("/oauth/vcita/start");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ConnectFlow.ProblemAsync(response)).GetProperty("title").GetString().Should().Be("Redis is unavailable");
    }

    /// <summary>Every payload of every run, and the raw bytes of every event besides.</summary>
    private static void AssertNotInAnyHistory(OfflineTemporalEnvironment temporal, string token)
    {
        var needle = Encoding.UTF8.GetBytes(token);
        var events = temporal.Workflows.SelectMany(w => w.Runs).SelectMany(r => r.Events).ToList();
        events.Should().NotBeEmpty();
        foreach (var (historyEvent, payload) in HistoryPayloads.All(events))
        {
            payload.ToByteArray().AsSpan().IndexOf(needle).Should().Be(-1, $"event {historyEvent.EventId} ({historyEvent.EventType}) holds the token");
        }

        events.SelectMany(e => e.ToByteArray()).ToArray().AsSpan().IndexOf(needle).Should().Be(-1);
    }
}
