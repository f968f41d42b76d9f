using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.VcitaEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox;

public sealed class VcsSessionsAndMessagesTests
{
    private const string Sessions = "/business/communication/sessions";
    private const string Messages = "/business/communication/messages";

    [Fact]
    public async Task ASecondSessionForTheSameChannelAndContactAnswers422SessionAlreadyExist()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var token = await vcita.BusinessTokenAsync(http);
        await vcita.CreateSessionAsync(http, token, channel, "contact-1");

        var second = await SendAsync(http, HttpMethod.Post, Sessions, token,
            new { business_uid = DefaultBusinessUid, channel_uid = channel, contact_uid = "contact-1", external_uid = "other" });
        var otherContact = await SendAsync(http, HttpMethod.Post, Sessions, token,
            new { business_uid = DefaultBusinessUid, channel_uid = channel, contact_uid = "contact-2", external_uid = "other" });

        second.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = (await second.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![0]!;
        error["code"]!.GetValue<string>().Should().Be("already_exists");
        error["message"]!.GetValue<string>().Should().Be("Session already exist");
        otherContact.StatusCode.Should().Be(HttpStatusCode.Created);
        (await otherContact.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["session"]!["status"]!.GetValue<string>().Should().Be("pending");
    }

    [Fact]
    public async Task ASessionWithoutItsRequiredFieldsIsRefusedNamingThem()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.BusinessTokenAsync(http);

        var response = await SendAsync(http, HttpMethod.Post, Sessions, token, new { business_uid = DefaultBusinessUid });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var messages = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>());
        messages.Should().BeEquivalentTo("channel_uid is required", "contact_uid is required", "external_uid is required");
    }

    [Fact]
    public async Task SessionsAreListedByChannelAndOptionallyByContact()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var token = await vcita.BusinessTokenAsync(http);
        await vcita.CreateSessionAsync(http, token, channel, "contact-1");
        await vcita.CreateSessionAsync(http, token, channel, "contact-2");

        var all = await SendAsync(http, HttpMethod.Get, $"{Sessions}?channel_uid={channel}&business_uid={DefaultBusinessUid}", token);
        var one = await SendAsync(http, HttpMethod.Get, $"{Sessions}?channel_uid={channel}&business_uid={DefaultBusinessUid}&contact_uid=contact-2", token);

        (await all.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["sessions"]!.AsArray().Should().HaveCount(2);
        var found = (await one.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["sessions"]!.AsArray();
        found.Should().ContainSingle().Which!["contact_uid"]!.GetValue<string>().Should().Be("contact-2");
    }

    [Fact]
    public async Task ABusinessTokenActsOnlyForItsOwnBusiness()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var otherBusinessToken = await vcita.BusinessTokenAsync(http, "otherbusiness001");

        var response = await SendAsync(http, HttpMethod.Post, Sessions, otherBusinessToken,
            new { business_uid = DefaultBusinessUid, channel_uid = channel, contact_uid = "c", external_uid = "e" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SessionCallsWithTheAppTokenAnswer401()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var appToken = await vcita.AppTokenAsync(http);

        var response = await SendAsync(http, HttpMethod.Post, Sessions, appToken,
            new { business_uid = DefaultBusinessUid, channel_uid = "c", contact_uid = "c", external_uid = "e" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "sessions need a business token");
    }

    [Fact]
    public async Task AMessageIsCreatedPendingAndADuplicateMessageUidInTheSameChannelAnswers422Duplicate()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var appToken = await vcita.AppTokenAsync(http);
        var channel = await vcita.CreateChannelAsync(http, appToken);
        var otherChannel = await vcita.CreateChannelAsync(http, appToken);
        var token = await vcita.BusinessTokenAsync(http);
        object Message(string channelUid) => new
        {
            channel_uid = channelUid,
            external_uid = "wa:1",
            message = "hello",
            message_uid = "wamid.1",
            direction = "client_to_business",
            created_at = "2026-01-01 12:00:00",
            attachments = Array.Empty<object>(),
        };

        var first = await SendAsync(http, HttpMethod.Post, Messages, token, Message(channel));
        var again = await SendAsync(http, HttpMethod.Post, Messages, token, Message(channel));
        var elsewhere = await SendAsync(http, HttpMethod.Post, Messages, token, Message(otherChannel));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        (await first.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["message"]!["status"]!.GetValue<string>().Should().Be("pending");
        again.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![0]!["code"]!.GetValue<string>().Should().Be("duplicate");
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Created, "message_uid is unique per channel only");
    }

    [Fact]
    public async Task AMessageUidLongerThan255IsTooLongAndABadCreatedAtIsInvalid()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var token = await vcita.BusinessTokenAsync(http);

        var response = await SendAsync(http, HttpMethod.Post, Messages, token, new
        {
            channel_uid = channel,
            external_uid = "wa:1",
            message = "hi",
            message_uid = new string('m', 256),
            created_at = "2026-01-01T12:00:00Z",
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>() + ":" + e["message"]!.GetValue<string>()).ToList();
        errors.Should().Contain(e => e.StartsWith("too_long:message_uid"));
        errors.Should().Contain(e => e.StartsWith("invalid:created_at"));
    }

    [Fact]
    public async Task AMessageInAnUnknownChannelAnswers404()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.BusinessTokenAsync(http);

        var response = await SendAsync(http, HttpMethod.Post, Messages, token,
            new { channel_uid = "nosuchchannel000", external_uid = "wa:1", message = "hi", message_uid = "m1" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![0]!["code"]!.GetValue<string>().Should().Be("missing");
    }

    [Fact]
    public async Task AMessageStatusUpdateIsAppliedAndRecordedAndAnUnknownMessageAnswers404()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var token = await vcita.BusinessTokenAsync(http);
        await SendAsync(http, HttpMethod.Post, Messages, token, new { channel_uid = channel, external_uid = "wa:1", message = "hi", message_uid = "wamid.7" });

        var update = await SendAsync(http, HttpMethod.Put, $"{Messages}/wamid.7", token, new { status = "read", channel_uid = channel });
        var unknown = await SendAsync(http, HttpMethod.Put, $"{Messages}/wamid.8", token, new { status = "read", channel_uid = channel });
        var badStatus = await SendAsync(http, HttpMethod.Put, $"{Messages}/wamid.7", token, new { status = "delivered", channel_uid = channel });

        update.StatusCode.Should().Be(HttpStatusCode.OK);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        badStatus.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "vcita's message statuses have no 'delivered'");
        var state = await ControlAsync(http, "state");
        state["vcs"]!["messages"]![0]!["status"]!.GetValue<string>().Should().Be("read");
        state["vcs"]!["status_updates"]!.AsArray().Should().ContainSingle(u => u!["kind"]!.GetValue<string>() == "message");
    }

    [Fact]
    public async Task TypingIsRecordedAndAnUnknownSessionAnswers404()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var token = await vcita.BusinessTokenAsync(http);
        var session = await vcita.CreateSessionAsync(http, token, channel);

        var typing = await SendAsync(http, HttpMethod.Post, $"{Sessions}/typing", token, new { session_uid = session, typing = true });
        var unknown = await SendAsync(http, HttpMethod.Post, $"{Sessions}/typing", token, new { session_uid = "nosuch", typing = true });
        var missing = await SendAsync(http, HttpMethod.Post, $"{Sessions}/typing", token, new { session_uid = session });

        typing.StatusCode.Should().Be(HttpStatusCode.OK);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("typing is required");
        (await ControlAsync(http, "state"))["vcs"]!["typing"]!.AsArray().Should().ContainSingle()
            .Which!["session_uid"]!.GetValue<string>().Should().Be(session);
    }
}
