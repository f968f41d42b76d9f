extern alias Sandbox;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.VcitaEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox;

/// <summary>The emulator calling the app (the communication-app interface) over real HTTP.</summary>
public sealed class VcitaCallbacksTests
{
    /// <summary>
    /// How long a held-back callback waits: the later trigger's whole HTTP round trip must fit in it, even on a
    /// loaded CI machine running test classes in parallel (300 ms once did not).
    /// </summary>
    /// <summary>How long a held-back callback waits, on the test's manual clock: it goes out only when the test
    /// advances the clock, after the callbacks meant to overtake it have arrived.</summary>
    private const int HeldMs = 60_000;

    private static string Status(ReceivedCall call) => JsonNode.Parse(call.Body)!["status"]!.GetValue<string>();

    [Fact]
    public async Task ChannelActivationReachesTheAppsApiUriWithTheBearerSecret()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication(receiver).WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "50");
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));

        var calls = await receiver.WaitForCountAsync(1);

        calls.Should().ContainSingle();
        calls[0].Method.Should().Be("PUT");
        calls[0].Path.Should().Be($"/vcita/channels/{channel}");
        calls[0].Authorization.Should().Be($"Bearer {WebhookSecret}");
        JsonNode.Parse(calls[0].Body)!["status"]!.GetValue<string>().Should().Be("active");
        var record = await Eventually.WaitAsync(() => ControlAsync(http, "callbacks"), c => c[0]!["state"]!.GetValue<string>() == "delivered", "delivered");
        record[0]!["attempts"]![0]!["status_code"]!.GetValue<int>().Should().Be(204);
    }

    [Fact]
    public async Task TheWebhookSecretComesFromTheSettings()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication(receiver)
            .WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "0")
            .WithSetting("Sandbox:Vcita:WebhookSecret", "my-secret");
        using var http = vcita.CreateHttp();
        await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));

        var calls = await receiver.WaitForCountAsync(1);

        calls[0].Authorization.Should().Be("Bearer my-secret");
    }

    [Fact]
    public async Task ChannelActivationWaitsForItsDelayWhileLaterCallbacksGoOut()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication(receiver).WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "600000");
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));

        await http.PostAsJsonAsync($"{Base}/_control/callbacks/channel-status", new { channel_uid = channel, status = "blocked" });
        var calls = await receiver.WaitForCountAsync(1);

        JsonNode.Parse(calls.Single().Body)!["status"]!.GetValue<string>().Should().Be("blocked");
        var records = await ControlAsync(http, "callbacks");
        records[0]!["reason"]!.GetValue<string>().Should().Be("channel activation");
        records[0]!["attempts"]!.AsArray().Should().BeEmpty("the activation is still waiting for its delay");
    }

    [Fact]
    public async Task ANewSessionIsConfirmedToTheAppAsActive()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication(receiver)
            .WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "0")
            .WithSetting("Sandbox:Vcita:SessionActivationDelayMs", "0");
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var session = await vcita.CreateSessionAsync(http, await vcita.BusinessTokenAsync(http), channel);

        var calls = await receiver.WaitForAsync(c => c.Any(x => x.Path == $"/vcita/sessions/{session}"));

        var confirmation = calls.Single(x => x.Path == $"/vcita/sessions/{session}");
        confirmation.Method.Should().Be("PUT");
        JsonNode.Parse(confirmation.Body)!["status"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task AMessageStatusIsSentOnDemandWithItsChannel()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication(receiver).WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "600000");
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var token = await vcita.BusinessTokenAsync(http);
        await SendAsync(http, HttpMethod.Post, "/business/communication/messages", token,
            new { channel_uid = channel, external_uid = "wa:1", message = "hi", message_uid = "wamid.HB==" });

        var trigger = await http.PostAsJsonAsync($"{Base}/_control/callbacks/message-status",
            new { channel_uid = channel, message_uid = "wamid.HB==", status = "read" });
        var calls = await receiver.WaitForCountAsync(1);

        trigger.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
        calls[0].Method.Should().Be("PUT");
        calls[0].Path.Should().Be("/vcita/messages/wamid.HB%3D%3D");
        var body = JsonNode.Parse(calls[0].Body)!;
        body["status"]!.GetValue<string>().Should().Be("read");
        body["channel_uid"]!.GetValue<string>().Should().Be(channel);
    }

    [Fact]
    public async Task AStaffMessageIsPostedToTheAppsMessagesRoute()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication(receiver)
            .WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "600000")
            .WithSetting("Sandbox:Vcita:SessionActivationDelayMs", "600000");
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var session = await vcita.CreateSessionAsync(http, await vcita.BusinessTokenAsync(http), channel);

        await http.PostAsJsonAsync($"{Base}/_control/callbacks/staff-message", new { session_uid = session, message = "We open at 9", message_uid = "staff-1" });
        var calls = await receiver.WaitForCountAsync(1);

        calls[0].Method.Should().Be("POST");
        calls[0].Path.Should().Be("/vcita/messages");
        var body = JsonNode.Parse(calls[0].Body)!;
        body["external_uid"]!.GetValue<string>().Should().Be("wa:15550100");
        body["message"]!.GetValue<string>().Should().Be("We open at 9");
        body["message_uid"]!.GetValue<string>().Should().Be("staff-1");
        body["channel_uid"]!.GetValue<string>().Should().Be(channel);
        body["status"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ACallbackTheAppFailsIsRetriedUntilItSucceedsAndEveryAnswerIsRecorded()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerNext(500, 503);
        await using var vcita = new VcitaEmulatorApplication(receiver).WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "0");
        using var http = vcita.CreateHttp();
        await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));

        var callbacks = await Eventually.WaitAsync(
            () => ControlAsync(http, "callbacks"), c => c.AsArray().Count == 1 && c[0]!["state"]!.GetValue<string>() == "delivered", "delivery");

        receiver.Calls.Should().HaveCount(3);
        callbacks[0]!["attempts"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()).Should().Equal(500, 503, 204);
    }

    [Fact]
    public async Task ACallbackIsRecordedAsFailedWhenEveryAttemptFails()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerNext(500, 500, 500);
        await using var vcita = new VcitaEmulatorApplication(receiver)
            .WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "0")
            .WithSetting("Sandbox:Vcita:CallbackMaxAttempts", "2");
        using var http = vcita.CreateHttp();
        await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));

        var callbacks = await Eventually.WaitAsync(
            () => ControlAsync(http, "callbacks"), c => c[0]!["state"]!.GetValue<string>() == "failed", "failure");

        callbacks[0]!["attempts"]!.AsArray().Should().HaveCount(2);
        receiver.Calls.Should().HaveCount(2);
    }

    [Fact]
    public async Task DuplicateNextSendsTheSameCallbackTwice()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication(receiver).WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "0");
        using var http = vcita.CreateHttp();
        (await http.PutAsJsonAsync($"{Base}/_control/callbacks/duplicate-next", new { count = 1 })).EnsureSuccessStatusCode();

        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var calls = await receiver.WaitForCountAsync(2);

        calls.Should().HaveCount(2);
        calls.Should().AllSatisfy(c =>
        {
            c.Path.Should().Be($"/vcita/channels/{channel}");
            c.Body.Should().Be(calls[0].Body);
        });
        var records = await ControlAsync(http, "callbacks");
        records.AsArray().Select(r => r!["copy"]!.GetValue<int>()).Should().Equal(1, 2);
    }

    [Fact]
    public async Task AHeldBackCallbackIsOvertakenByALaterOne()
    {
        var clock = new ManualClock();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication(receiver).WithClock(clock).WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "600000");
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));
        var token = await vcita.BusinessTokenAsync(http);
        await SendAsync(http, HttpMethod.Post, "/business/communication/messages", token,
            new { channel_uid = channel, external_uid = "wa:1", message = "hi", message_uid = "m1" });

        (await http.PutAsJsonAsync($"{Base}/_control/callbacks/hold-next", new { count = 1, delay_ms = HeldMs })).EnsureSuccessStatusCode();
        await http.PostAsJsonAsync($"{Base}/_control/callbacks/message-status", new { channel_uid = channel, message_uid = "m1", status = "sent" });
        await http.PostAsJsonAsync($"{Base}/_control/callbacks/message-status", new { channel_uid = channel, message_uid = "m1", status = "read" });
        var overtaking = await receiver.WaitForCountAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(HeldMs) + TimeSpan.FromSeconds(1));
        var calls = await receiver.WaitForCountAsync(2);

        overtaking.Select(Status).Should().Equal("read");
        calls.Select(Status).Should().Equal("read", "sent");
    }

    [Fact]
    public async Task ATriggerCanAskForItsOwnDuplicateAndDelay()
    {
        var clock = new ManualClock();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var vcita = new VcitaEmulatorApplication(receiver).WithClock(clock).WithSetting("Sandbox:Vcita:ChannelActivationDelayMs", "600000");
        using var http = vcita.CreateHttp();
        var channel = await vcita.CreateChannelAsync(http, await vcita.AppTokenAsync(http));

        await http.PostAsJsonAsync($"{Base}/_control/callbacks/channel-status",
            new { channel_uid = channel, status = "active", duplicate = true, delay_ms = HeldMs });
        await http.PostAsJsonAsync($"{Base}/_control/callbacks/channel-status", new { channel_uid = channel, status = "inactive" });
        var overtaking = await receiver.WaitForCountAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(HeldMs) + TimeSpan.FromSeconds(1));
        var calls = await receiver.WaitForCountAsync(3);

        overtaking.Select(Status).Should().Equal("inactive");
        calls.Select(Status).Should().Equal("inactive", "active", "active");
    }

    [Fact]
    public void AnApiUriWithATokenQueryKeepsItOnEveryRoute()
    {
        var url = Sandbox::TemporalBridge.Sandbox.Vcita.Callbacks.VcitaCallbacks.Combine(new Uri("http://bridge:8080/vcita/?token=s3cret"), "channels/abc");

        url.ToString().Should().Be("http://bridge:8080/vcita/channels/abc?token=s3cret");
    }

    [Fact]
    public async Task ResetForgetsWhatWasReceivedButKeepsTokensWorking()
    {
        await using var vcita = new VcitaEmulatorApplication();
        using var http = vcita.CreateHttp();
        var token = await vcita.AppTokenAsync(http);
        await vcita.CreateChannelAsync(http, token);

        (await http.PostAsync($"{Base}/_control/reset", content: null)).EnsureSuccessStatusCode();
        var state = await ControlAsync(http, "state");
        var again = await SendAsync(http, HttpMethod.Post, "/business/communication/channels", token,
            new { business_uid = DefaultBusinessUid, type = "transactional", display_name = "x" });

        state["vcs"]!["channels"]!.AsArray().Should().BeEmpty();
        state["callbacks"]!.AsArray().Should().BeEmpty();
        again.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
    }
}
