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
        var session = (await otherContact.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["session"]!.AsObject();
        session["status"]!.GetValue<string>().Should().Be("pending");
        session["ai_status"]!.GetValue<string>().Should().Be("none");
        session.Select(field => field.Key).Should().BeEquivalentTo(["uid", "status", "ai_status"], "the spec's SessionResponse");
    }

    [Fact]
    public async Task ASessionOnAChannelVcitaHasNotActivatedIsRefusedWith422()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http), active: false);
        var token = await vcita.BusinessTokenAsync(http);

        var response = await SendAsync(http, HttpMethod.Post, Sessions, token,
            new { business_uid = DefaultBusinessUid, channel_uid = channel, contact_uid = "contact-1", external_uid = "e" });
        var message = await SendAsync(http, HttpMethod.Post, Messages, token,
            new { channel_uid = channel, external_uid = "e", message = "hi", message_uid = "m1" });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "vcita's own test expects 422 for a session on a pending channel");
        (await response.Content.ReadAsStringAsync()).Should().Contain("not active");
        message.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "a message needs an active channel");
    }

    [Fact]
    public async Task ASessionCanBeDeletedAndAnAppMayNotSetTheAiStatus()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var token = await vcita.BusinessTokenAsync(http);
        var session = await vcita.CreateSessionAsync(http, token, channel);

        var aiStatus = await SendAsync(http, HttpMethod.Put, $"{Sessions}/{session}", token, new { status = "active", ai_status = "ai_released" });
        var deleted = await SendAsync(http, HttpMethod.Delete, $"{Sessions}/{session}", token);

        aiStatus.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "source channel apps must not send ai_status");
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await deleted.Content.ReadFromJsonAsync<JsonNode>())!["data"]!.AsObject().Should().BeEmpty();
        (await ControlAsync(http, "state"))["vcs"]!["sessions"]![0]!["status"]!.GetValue<string>().Should().Be("deleted");
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

        var all = await SendAsync(http, HttpMethod.Get, $"{Sessions}?filter[channel_uid]={channel}&filter[business_uid]={DefaultBusinessUid}", token);
        var one = await SendAsync(http, HttpMethod.Get,
            $"{Sessions}?filter%5Bchannel_uid%5D={channel}&filter%5Bbusiness_uid%5D={DefaultBusinessUid}&filter%5Bcontact_uid%5D=contact-2", token);
        var plainNames = await SendAsync(http, HttpMethod.Get, $"{Sessions}?channel_uid={channel}&business_uid={DefaultBusinessUid}", token);

        (await all.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["sessions"]!.AsArray().Should().HaveCount(2);
        var found = (await one.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["sessions"]!.AsArray();
        var contact2 = (await ControlAsync(http, "state"))["vcs"]!["sessions"]!.AsArray().Single(s => s!["contact_uid"]!.GetValue<string>() == "contact-2")!;
        found.Should().ContainSingle().Which!["uid"]!.GetValue<string>().Should().Be(contact2["uid"]!.GetValue<string>());
        plainNames.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "vcita's filters are filter[channel_uid] and filter[business_uid]");
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
        var created = (await first.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["message"]!.AsObject();
        created["status"]!.GetValue<string>().Should().Be("pending");
        created.Select(field => field.Key).Should().BeEquivalentTo(["uid", "status"], "the spec's MessageResponseEntity: the text is not echoed");
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
        var withReason = await SendAsync(http, HttpMethod.Put, $"{Messages}/wamid.7", token, new { status = "error", channel_uid = channel, error_message = "why" });

        update.StatusCode.Should().Be(HttpStatusCode.OK);
        (await update.Content.ReadFromJsonAsync<JsonNode>())!["data"]!.AsObject().Should().BeEmpty();
        withReason.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "UpdateMessageDto has status and channel_uid only");
        (await withReason.Content.ReadAsStringAsync()).Should().Contain("error_message is not a field of this request");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        badStatus.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "vcita's message statuses have no 'delivered'");
        var state = await ControlAsync(http, "state");
        state["vcs"]!["messages"]![0]!["status"]!.GetValue<string>().Should().Be("read");
        state["vcs"]!["status_updates"]!.AsArray().Should().ContainSingle(u => u!["kind"]!.GetValue<string>() == "message");
    }
}
