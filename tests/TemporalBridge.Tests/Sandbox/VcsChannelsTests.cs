using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.VcitaEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox;

public sealed class VcsChannelsTests
{
    private const string Channels = "/business/communication/channels";

    [Fact]
    public async Task CreatingAChannelAnswers201WithThePendingChannelInTheSuccessEnvelope()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.AppTokenAsync(http);

        var response = await SendAsync(http, HttpMethod.Post, Channels, token,
            new { business_uid = DefaultBusinessUid, type = "promotional", display_name = "Shop WhatsApp" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        body["success"]!.GetValue<bool>().Should().BeTrue();
        var channel = body["data"]!["channel"]!;
        Guid.TryParseExact(channel["uid"]!.GetValue<string>(), "D", out _).Should().BeTrue("vcita's channel uids are 36-character UUIDs");
        channel["status"]!.GetValue<string>().Should().Be("pending");
        channel["display_name"]!.GetValue<string>().Should().Be("Shop WhatsApp");
        channel.AsObject().Select(field => field.Key).Should().BeEquivalentTo(["uid", "status", "display_name"], "the spec's ChannelResponseEntity");
    }

    [Fact]
    public async Task AnInvalidChannelIsRefusedWith422NamingEveryBadField()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.AppTokenAsync(http);

        var response = await SendAsync(http, HttpMethod.Post, Channels, token, new { business_uid = "too-short", type = "broadcast", display_name = "x", channel_name = "x" });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        body["success"]!.GetValue<bool>().Should().BeFalse();
        var errors = body["errors"]!.AsArray().Select(e => (Code: e!["code"]!.GetValue<string>(), Message: e["message"]!.GetValue<string>())).ToList();
        errors.Should().Contain(e => e.Code == "invalid" && e.Message.StartsWith("business_uid"));
        errors.Should().Contain(e => e.Code == "invalid" && e.Message.StartsWith("type") && e.Message.Contains("transactional"));
        errors.Should().Contain(e => e.Code == "invalid" && e.Message == "channel_name is not a field of this request");
        errors.Should().NotContain(e => e.Message.StartsWith("display_name"), "display_name is optional in the spec");
        (await ControlAsync(http, "state"))["vcs"]!["channels"]!.AsArray().Should().BeEmpty("a refused call changes nothing");
    }

    [Fact]
    public async Task ChannelCallsWithoutATokenAnswer401Unauthorized()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();

        var response = await SendAsync(http, HttpMethod.Post, Channels, token: null,
            new { business_uid = DefaultBusinessUid, type = "transactional", display_name = "x" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        body["success"]!.GetValue<bool>().Should().BeFalse();
        body["errors"]![0]!["code"]!.GetValue<string>().Should().Be("unauthorized");
    }

    [Fact]
    public async Task ChannelCallsWithAnUnknownOrABusinessTokenAnswer401()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var businessToken = await vcita.BusinessTokenAsync(http);
        var body = new { business_uid = DefaultBusinessUid, type = "transactional", display_name = "x" };

        var withBusinessToken = await SendAsync(http, HttpMethod.Post, Channels, businessToken, body);
        var withMadeUpToken = await SendAsync(http, HttpMethod.Post, Channels, "made-up", body);

        withBusinessToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "channels need the app token");
        withMadeUpToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UpdatingAndDeletingAChannelAnswer200AndUnknownChannelsAnswer404Missing()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.AppTokenAsync(http);
        var uid = await vcita.CreateChannelAsync(http, token);

        var update = await SendAsync(http, HttpMethod.Put, $"{Channels}/{uid}", token, new { status = "inactive", display_name = "Renamed" });
        var delete = await SendAsync(http, HttpMethod.Delete, $"{Channels}/{uid}", token);
        var unknown = await SendAsync(http, HttpMethod.Delete, $"{Channels}/nosuchchannel000", token);

        update.StatusCode.Should().Be(HttpStatusCode.OK);
        (await update.Content.ReadFromJsonAsync<JsonNode>())!["data"]!.AsObject().Should().BeEmpty("the spec answers BaseDto, {}");
        delete.StatusCode.Should().Be(HttpStatusCode.OK);
        (await delete.Content.ReadFromJsonAsync<JsonNode>())!["data"]!.AsObject().Should().BeEmpty();
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![0]!["code"]!.GetValue<string>().Should().Be("missing");
        var state = (await ControlAsync(http, "state"))["vcs"]!;
        state["status_updates"]!.AsArray().Select(u => u!["status"]!.GetValue<string>()).Should().Equal("inactive", "deleted");
        state["channels"]![0]!["display_name"]!.GetValue<string>().Should().Be("Renamed");
    }

    [Fact]
    public async Task AnUnknownChannelStatusIsInvalid()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.AppTokenAsync(http);
        var uid = await vcita.CreateChannelAsync(http, token);

        var response = await SendAsync(http, HttpMethod.Put, $"{Channels}/{uid}", token, new { status = "paused" });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("status is invalid");
    }
}
