using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TemporalBridge.Channels;
using TemporalBridge.Testing.Redis;

namespace TemporalBridge.Tests.CommunicationApp;

/// <summary>
/// <c>PUT /vcita/channels/{channel_uid}</c> end to end: vcita's status reaches the channel's workflow (offline kit
/// behind the bridge's own client), with the channel created in the vcita emulator by the workflow itself.
/// </summary>
public sealed class ChannelStatusRouteTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string ChannelId = "channel:whatsapp:1234567890";

    [Fact]
    public async Task AStatusForAnUnknownChannelIsAnswered404NamingTheChannelUid()
    {
        await using var host = VcitaBridgeHost.Start(redis);

        var response = await host.AsVcita.PutAsJsonAsync("/vcita/channels/nosuchchannel", new { status = "active" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, host.Bridge.Logs.AllText);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("field").GetString().Should().Be("channel_uid");
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("'nosuchchannel'");
    }

    [Fact]
    public async Task AStatusForAKnownChannelIsAnswered204AndChangesTheWorkflowsState()
    {
        await using var host = VcitaBridgeHost.Start(redis);
        var channelUid = await ConnectAsync(host);

        var response = await host.AsVcita.PutAsJsonAsync($"/vcita/channels/{channelUid}", new { status = "active" });
        await host.Temporal.RunUntilIdleAsync();

        response.StatusCode.Should().Be(HttpStatusCode.NoContent, host.Bridge.Logs.AllText);
        var state = await host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(ChannelId).QueryAsync(wf => wf.State);
        state.Status.Should().Be(ChannelStatus.Active);
        state.ChannelUid.Should().Be(channelUid);
    }

    [Fact]
    public async Task AStatusVcitaSendsTwiceHasTheEffectOfOnce()
    {
        await using var host = VcitaBridgeHost.Start(redis);
        var channelUid = await ConnectAsync(host);

        var first = await host.AsVcita.PutAsJsonAsync($"/vcita/channels/{channelUid}", new { status = "blocked" });
        var second = await host.AsVcita.PutAsJsonAsync($"/vcita/channels/{channelUid}", new { status = "blocked" });
        await host.Temporal.RunUntilIdleAsync();

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        second.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var state = await host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(ChannelId).QueryAsync(wf => wf.State);
        state.Status.Should().Be(ChannelStatus.Blocked);
        host.Temporal.Workflow(ChannelId).IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task BadInputForAKnownChannelChangesNothing()
    {
        await using var host = VcitaBridgeHost.Start(redis);
        var channelUid = await ConnectAsync(host);
        var signalsBefore = host.Temporal.Workflow(ChannelId).SignalsReceived.Count;

        var unknownStatus = await host.AsVcita.PutAsJsonAsync($"/vcita/channels/{channelUid}", new { status = "deleted!" });
        var wrongType = await host.AsVcita.PutAsJsonAsync($"/vcita/channels/{channelUid}", new { status = true });
        await host.Temporal.RunUntilIdleAsync();

        unknownStatus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        host.Temporal.Workflow(ChannelId).SignalsReceived.Should().HaveCount(signalsBefore);
        var state = await host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(ChannelId).QueryAsync(wf => wf.State);
        state.Status.Should().Be(ChannelStatus.Pending);
    }

    [Fact]
    public async Task VcitasOwnConfirmationOfANewChannelReachesItsWorkflow()
    {
        await using var host = VcitaBridgeHost.Start(redis, vcitaConfirmsChannels: true);

        await ConnectAsync(host);
        await host.WaitForCallbacksDeliveredAsync(atLeast: 1);
        await host.Temporal.RunUntilIdleAsync();

        var (callbackState, answer) = host.Callbacks().Single();
        callbackState.Should().Be("delivered", $"the bridge answered {answer}\n{host.Bridge.Logs.AllText}");
        var state = await host.Temporal.Client.GetWorkflowHandle<ChannelWorkflow>(ChannelId).QueryAsync(wf => wf.State);
        state.Status.Should().Be(ChannelStatus.Active);
    }

    /// <summary>Connects +1 555 078 3881 through the admin API and lets the workflow create its VCS channel.</summary>
    private static async Task<string> ConnectAsync(VcitaBridgeHost host)
    {
        var response = await host.AsAdmin.PostAsJsonAsync("/admin/channels", new
        {
            business_uid = VcitaBridgeHost.BusinessUid,
            provider = "whatsapp",
            phone_number_id = "1234567890",
            display_number = "+1 555 078 3881",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, host.Bridge.Logs.AllText);
        await host.Temporal.RunUntilIdleAsync();
        return host.Vcita.Snapshot().Channels.Single().Uid;
    }
}
