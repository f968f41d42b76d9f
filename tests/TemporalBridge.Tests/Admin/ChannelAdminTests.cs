using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TemporalBridge.Channels;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;
using Temporalio.Api.Enums.V1;
using Temporalio.Converters;

namespace TemporalBridge.Tests.Admin;

/// <summary>
/// Connecting, listing and disconnecting channels through the admin API: the channel workflows run in the offline
/// kit behind the bridge's own client and create and delete their channels in the vcita emulator.
/// </summary>
public sealed class ChannelAdminTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string ChannelId = "channel:whatsapp:1234567890";
    private const string OtherChannelId = "channel:whatsapp:2222222222";

    [Fact]
    public async Task ConnectingStartsTheChannelWorkflowWithTheRightInputAndAnswers202()
    {
        await using var host = VcitaBridgeHost.Start(redis);

        var response = await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890", "+1 555 078 3881");
        await host.Temporal.RunUntilIdleAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, host.Bridge.Logs.AllText);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("channel_id").GetString().Should().Be(ChannelId);
        body.RootElement.GetProperty("status").GetString().Should().Be(ChannelStatus.Creating);

        var workflow = host.Temporal.Workflow(ChannelId);
        workflow.WorkflowType.Should().Be(nameof(ChannelWorkflow));
        workflow.CurrentRun.TaskQueue.Should().Be("temporal-bridge");
        var started = workflow.Runs[0].Events[0].WorkflowExecutionStartedEventAttributes;
        var input = await host.DataConverter.ToSingleValueAsync<ChannelInput>(started.Input.Payloads_);
        input.Should().Be(new ChannelInput(VcitaBridgeHost.BusinessUid, "whatsapp", "1234567890", "+1 555 078 3881"));
        workflow.SearchAttribute<string>(BridgeSearchAttributes.BusinessUid.Name).Should().Be(VcitaBridgeHost.BusinessUid);

        var created = host.Vcita.Snapshot().Channels.Should().ContainSingle().Subject;
        created.BusinessUid.Should().Be(VcitaBridgeHost.BusinessUid);
        created.DisplayName.Should().Be("WhatsApp +1 555 078 3881");
    }

    [Fact]
    public async Task AnAccountsOwnTokenIsHeldEncryptedByItsChannelNeverListedAndReplacedByConnectingAgain()
    {
        await using var host = VcitaBridgeHost.Start(redis);
        const string first = "EAAG-first-token-0001";
        const string second = "EAAG-second-token-0002";

        var connected = await host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = VcitaBridgeHost.BusinessUid,
            provider = "whatsapp",
            account_id = "1234567890",
            display_name = "+1 555 078 3881",
            credentials = new { access_token = first },
        });
        await host.Temporal.RunUntilIdleAsync();
        var channel = host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(ChannelId);
        var held = await channel.QueryAsync(wf => wf.Credentials);
        var listed = await host.AsAdmin.GetStringAsync("/admin/channels");

        var again = await host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = VcitaBridgeHost.BusinessUid,
            provider = "whatsapp",
            account_id = "1234567890",
            display_name = "+1 555 078 3881",
            credentials = new { access_token = second },
        });
        await host.Temporal.RunUntilIdleAsync();

        connected.StatusCode.Should().Be(HttpStatusCode.Accepted, host.Bridge.Logs.AllText);
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        held.Should().Be(new TemporalBridge.Providers.ProviderCredentials(first));
        (await channel.QueryAsync(wf => wf.Credentials)).Should().Be(new TemporalBridge.Providers.ProviderCredentials(second));
        listed.Should().NotContain(first);
        host.Temporal.Workflow(ChannelId).Runs.Should().ContainSingle("connecting again signals the running channel");
        var events = Conversations.RecordedHistory.EventsOf(host.Temporal);
        new Conversations.PlaintextScanner([first, second]).FoundIn(Conversations.RecordedHistory.Bytes(events)).Should().BeEmpty("the codec encrypts the tokens");
        host.Bridge.Logs.AllText.Should().NotContain(first).And.NotContain(second);
    }

    [Fact]
    public async Task ConnectingTwiceIsOneConnection()
    {
        await using var host = VcitaBridgeHost.Start(redis);

        var first = await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890");
        var second = await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890");
        await host.Temporal.RunUntilIdleAsync();
        var third = await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890");

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        second.StatusCode.Should().Be(HttpStatusCode.Accepted);
        third.StatusCode.Should().Be(HttpStatusCode.Accepted);
        using var answer = JsonDocument.Parse(await third.Content.ReadAsStringAsync());
        answer.RootElement.GetProperty("channel_id").GetString().Should().Be(ChannelId);
        answer.RootElement.GetProperty("status").GetString().Should().Be(ChannelStatus.Pending, "an existing connection answers its live status");
        host.Temporal.Workflows.Should().ContainSingle();
        host.Temporal.Workflow(ChannelId).Runs.Should().ContainSingle();
        host.Vcita.Snapshot().Channels.Should().ContainSingle();
    }

    [Fact]
    public async Task ConnectingANumberAlreadyConnectedToAnotherBusinessIsRefusedWith409()
    {
        await using var host = VcitaBridgeHost.Start(redis);
        await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890");
        await host.Temporal.RunUntilIdleAsync();

        var response = await ConnectAsync(host, VcitaBridgeHost.OtherBusinessUid, "1234567890");
        await host.Temporal.RunUntilIdleAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain(VcitaBridgeHost.BusinessUid);
        host.Temporal.Workflows.Should().ContainSingle();
        var state = await host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(ChannelId).QueryAsync(wf => wf.State);
        state.BusinessUid.Should().Be(VcitaBridgeHost.BusinessUid);
    }

    [Fact]
    public async Task ConnectingRightAfterAnotherBusinessStartedTheSameNumberIsRefusedWith409()
    {
        await using var host = VcitaBridgeHost.Start(redis);

        // No workflow task has run yet: only the business recorded at the start can tell whose number it is.
        await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890");
        var response = await ConnectAsync(host, VcitaBridgeHost.OtherBusinessUid, "1234567890");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        host.Temporal.Workflows.Should().ContainSingle();
    }

    [Fact]
    public async Task TheListShowsEachChannelWithItsLiveStatus()
    {
        await using var host = VcitaBridgeHost.Start(redis);
        await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890", "+1 555 078 3881");
        await ConnectAsync(host, VcitaBridgeHost.OtherBusinessUid, "2222222222", "+44 20 7946 0958");
        await host.Temporal.RunUntilIdleAsync();
        var firstUid = host.Vcita.Snapshot().Channels.Single(c => c.BusinessUid == VcitaBridgeHost.BusinessUid).Uid;
        (await host.AsVcita.PutAsJsonAsync($"/vcita/channels/{firstUid}", new { status = "active" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await host.Temporal.RunUntilIdleAsync();

        var all = await ListAsync(host, "/admin/channels");
        var ofOther = await ListAsync(host, $"/admin/channels?business_uid={VcitaBridgeHost.OtherBusinessUid}");

        all.Select(c => c.GetProperty("channel_id").GetString()).Should().Equal(ChannelId, OtherChannelId);
        var first = all[0];
        first.GetProperty("business_uid").GetString().Should().Be(VcitaBridgeHost.BusinessUid);
        first.GetProperty("provider").GetString().Should().Be("whatsapp");
        first.GetProperty("account_id").GetString().Should().Be("1234567890");
        first.GetProperty("display_name").GetString().Should().Be("WhatsApp +1 555 078 3881");
        first.GetProperty("status").GetString().Should().Be(ChannelStatus.Active);
        first.GetProperty("channel_uid").GetString().Should().Be(firstUid);
        first.GetProperty("activation_overdue").GetBoolean().Should().BeFalse();
        all[1].GetProperty("status").GetString().Should().Be(ChannelStatus.Pending);
        ofOther.Select(c => c.GetProperty("channel_id").GetString()).Should().Equal(OtherChannelId);
    }

    [Fact]
    public async Task TheListTellsWhenVcitaIsLateToConfirmAChannel()
    {
        await using var host = VcitaBridgeHost.Start(redis);
        await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890");
        await host.Temporal.RunUntilIdleAsync();

        await host.Temporal.AdvanceTimeAsync(TimeSpan.FromMinutes(11));
        var all = await ListAsync(host, "/admin/channels");

        all.Should().ContainSingle().Which.GetProperty("activation_overdue").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task DisconnectingEndsTheWorkflowAsDeletedAndDeletesTheVcitaChannel()
    {
        await using var host = VcitaBridgeHost.Start(redis);
        await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890");
        await host.Temporal.RunUntilIdleAsync();
        var channelUid = host.Vcita.Snapshot().Channels.Single().Uid;

        var response = await host.AsAdmin.DeleteAsync("/admin/channels/whatsapp/1234567890");
        await host.Temporal.RunUntilIdleAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, host.Bridge.Logs.AllText);
        var workflow = host.Temporal.Workflow(ChannelId);
        workflow.Status.Should().Be(WorkflowExecutionStatus.Completed);
        (await workflow.ResultAsync<ChannelState>())!.Status.Should().Be(ChannelStatus.Deleted);
        var vcita = host.Vcita.Snapshot();
        vcita.Channels.Single().Status.Should().Be(ChannelStatus.Deleted);
        vcita.StatusUpdates.Should().ContainSingle(u => u.Uid == channelUid && u.Status == ChannelStatus.Deleted, "the emulator received the DELETE");
        (await ListAsync(host, "/admin/channels")).Should().BeEmpty();
        (await host.AsAdmin.DeleteAsync("/admin/channels/whatsapp/1234567890")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ANumberCanBeConnectedAgainAfterItsDisconnection()
    {
        await using var host = VcitaBridgeHost.Start(redis);
        await ConnectAsync(host, VcitaBridgeHost.BusinessUid, "1234567890");
        await host.Temporal.RunUntilIdleAsync();
        await host.AsAdmin.DeleteAsync("/admin/channels/whatsapp/1234567890");
        await host.Temporal.RunUntilIdleAsync();

        var again = await ConnectAsync(host, VcitaBridgeHost.OtherBusinessUid, "1234567890");
        await host.Temporal.RunUntilIdleAsync();

        again.StatusCode.Should().Be(HttpStatusCode.Accepted, await again.Content.ReadAsStringAsync());
        var state = await host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(ChannelId).QueryAsync(wf => wf.State);
        state.BusinessUid.Should().Be(VcitaBridgeHost.OtherBusinessUid);
        host.Vcita.Snapshot().Channels.Should().HaveCount(2);
    }

    [Fact]
    public async Task DisconnectingAnUnknownChannelIsAnswered404()
    {
        await using var host = VcitaBridgeHost.Start(redis);

        var response = await host.AsAdmin.DeleteAsync("/admin/channels/whatsapp/999");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("account_id");
    }

    private static Task<HttpResponseMessage> ConnectAsync(
        VcitaBridgeHost host, string businessUid, string phoneNumberId, string displayNumber = "+1 555 078 3881") =>
        host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = businessUid,
            provider = "whatsapp",
            phone_number_id = phoneNumberId,
            display_number = displayNumber,
        });

    private static async Task<IReadOnlyList<JsonElement>> ListAsync(VcitaBridgeHost host, string path)
    {
        var response = await host.AsAdmin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text + "\n" + host.Bridge.Logs.AllText);
        return [.. JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
