using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.VcitaEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox;

public sealed class VcitaFaultInjectionTests
{
    [Fact]
    public async Task AnInjectedFaultAnswersTheNextCallsThenTheEndpointRecovers()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.AppTokenAsync(http);
        (await http.PostAsJsonAsync($"{Base}/_control/faults", new { endpoint = "channels.create", status = 503, count = 2 })).EnsureSuccessStatusCode();
        var channel = new { business_uid = DefaultBusinessUid, type = "transactional", display_name = "x" };

        var first = await SendAsync(http, HttpMethod.Post, "/business/communication/channels", token, channel);
        var second = await SendAsync(http, HttpMethod.Post, "/business/communication/channels", token, channel);
        var third = await SendAsync(http, HttpMethod.Post, "/business/communication/channels", token, channel);

        first.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var error = (await first.Content.ReadFromJsonAsync<JsonNode>())!;
        error["success"]!.GetValue<bool>().Should().BeFalse();
        error["errors"]![0]!["code"]!.GetValue<string>().Should().Be("timeout");
        second.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        third.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(500, "unexpected")]
    [InlineData(401, "unauthorized")]
    [InlineData(429, "unexpected")]
    public async Task AFaultAnswersItsStatusInVcitasEnvelope(int status, string code)
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.BusinessTokenAsync(http);
        await http.PostAsJsonAsync($"{Base}/_control/faults", new { endpoint = "sessions.list", status });

        var response = await SendAsync(http, HttpMethod.Get, $"/business/communication/sessions?channel_uid=c&business_uid={DefaultBusinessUid}", token);

        ((int)response.StatusCode).Should().Be(status);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![0]!["code"]!.GetValue<string>().Should().Be(code);
        if (status == 429)
        {
            response.Headers.RetryAfter.Should().NotBeNull();
        }
    }

    [Fact]
    public async Task AFaultOnAnOAuthEndpointAnswersInTheOAuthShape()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        await http.PostAsJsonAsync($"{Base}/_control/faults", new { endpoint = "oauth.service_token", status = 500 });

        var response = await http.PostAsJsonAsync($"{Base}/oauth/service/token", new { service_id = ClientId, service_secret = ClientSecret });

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ASlowFaultDelaysTheAnswerAndThenAnswersNormally()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        await http.PostAsJsonAsync($"{Base}/_control/faults", new { endpoint = "oauth.service_token", delay_ms = 300 });

        var watch = Stopwatch.StartNew();
        var response = await http.PostAsJsonAsync($"{Base}/oauth/service/token", new { service_id = ClientId, service_secret = ClientSecret });

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AFaultForAnUnknownEndpointIsRefusedListingTheNames()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();

        var response = await http.PostAsJsonAsync($"{Base}/_control/faults", new { endpoint = "channels.explode", status = 500 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("channels.create");
    }
}
