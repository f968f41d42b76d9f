extern alias Sandbox;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using VcitaEndpoints = Sandbox::TemporalBridge.Sandbox.Vcita.VcitaEndpoints;

namespace TemporalBridge.Tests.Channels;

/// <summary>The channel lifecycle, offline through the kit, with every vcita call answered by the emulator over HTTP.</summary>
public sealed class ChannelWorkflowTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly ChannelInput Connection = new(ChannelTestHost.BusinessUid, ProviderNames.WhatsApp, "106540352242922", "+1 555 078 3881");
    private static readonly string WorkflowId = WorkflowIds.Channel(Connection.Provider, Connection.AccountId);

    private static Task<WorkflowHandle<ChannelWorkflow, ChannelState>> ConnectAsync(ChannelTestHost host, ChannelInput? input = null) =>
        host.Client.StartWorkflowAsync((ChannelWorkflow wf) => wf.RunAsync(input ?? Connection), new WorkflowOptions(WorkflowId, host.Temporal.TaskQueue));

    [Fact]
    public async Task ConnectingCreatesATransactionalChannelStaffRecogniseAndWaitsForVcita()
    {
        await using var host = ChannelTestHost.Start(redis);

        var handle = await ConnectAsync(host);
        await host.Temporal.RunUntilIdleAsync();

        var channel = host.Vcita.Snapshot().Channels.Should().ContainSingle().Subject;
        channel.BusinessUid.Should().Be(ChannelTestHost.BusinessUid);
        channel.Type.Should().Be("transactional");
        channel.DisplayName.Should().Be("WhatsApp +1 555 078 3881");
        var state = await handle.QueryAsync(wf => wf.State);
        state.Should().BeEquivalentTo(new { ChannelUid = channel.Uid, Status = ChannelStatus.Pending, ActivationOverdue = false });
        var workflow = host.Temporal.Workflow(WorkflowId);
        workflow.SearchAttribute<string>(BridgeSearchAttributes.ChannelUid.Name).Should().Be(channel.Uid);
        workflow.SearchAttribute<string>(BridgeSearchAttributes.BusinessUid.Name).Should().Be(ChannelTestHost.BusinessUid);
        workflow.SearchAttribute<string>(BridgeSearchAttributes.ChannelStatus.Name).Should().Be("pending");
        await handle.TerminateAsync();
    }

    [Fact]
    public async Task VcitasConfirmationReachesTheChannelThroughItsUid()
    {
        await using var host = ChannelTestHost.Start(redis);
        var handle = await ConnectAsync(host);
        await host.Temporal.RunUntilIdleAsync();
        var uid = host.Vcita.Snapshot().Channels.Single().Uid;

        var outcome = await host.Service<ChannelStatusHandOver>().HandOverAsync(uid, ChannelStatus.Active, CancellationToken.None);
        await host.Temporal.RunUntilIdleAsync();

        outcome.Should().Be(ChannelStatusHandOver.Outcome.Delivered);
        (await handle.QueryAsync(wf => wf.State)).Status.Should().Be(ChannelStatus.Active);
        host.Temporal.Workflow(WorkflowId).SearchAttribute<string>(BridgeSearchAttributes.ChannelStatus.Name).Should().Be("active");
        await handle.TerminateAsync();
    }

    [Fact]
    public async Task ConfirmationThatArrivesBeforeTheCreateCallReturnsIsKept()
    {
        await using var host = ChannelTestHost.Start(redis);
        var handle = await ConnectAsync(host);

        // The report is in history before the create activity's result: the workflow must not let "pending" win.
        await handle.SignalAsync(wf => wf.ReportStatusAsync(new ChannelStatusReport(ChannelStatus.Active)));
        await host.Temporal.RunUntilIdleAsync();

        (await handle.QueryAsync(wf => wf.State)).Status.Should().Be(ChannelStatus.Active);
        await handle.TerminateAsync();
    }

    [Fact]
    public async Task AStatusForAChannelStillBeingCreatedWaitsForItsUidInsteadOfBeingLost()
    {
        await using var host = ChannelTestHost.Start(redis);
        await host.InjectFaultAsync(VcitaEndpoints.ChannelsCreate, 503, count: 3);
        var handle = await ConnectAsync(host);
        await host.Temporal.RunUntilIdleAsync(); // the create call failed once and waits for its retry: still "creating"
        var dispatcher = host.Service<ChannelStatusHandOver>();

        var early = dispatcher.HandOverAsync("c0ffee0000000001", ChannelStatus.Active, CancellationToken.None);
        await host.Service<UidOwners>().RecordAsync(ChannelActivities.ChannelUids, "c0ffee0000000001", WorkflowId);

        (await early.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(ChannelStatusHandOver.Outcome.Delivered);
        await host.Temporal.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        (await handle.QueryAsync(wf => wf.State)).Status.Should().Be(ChannelStatus.Active);
        host.Vcita.Snapshot().Channels.Should().ContainSingle("the failed attempts created nothing");
        await handle.TerminateAsync();
    }

    [Fact]
    public async Task AStatusForAUidNoChannelOwnsIsUnknownAtOnce()
    {
        await using var host = ChannelTestHost.Start(redis);

        var outcome = await host.Service<ChannelStatusHandOver>().HandOverAsync("0000000000000000", ChannelStatus.Active, CancellationToken.None);

        outcome.Should().Be(ChannelStatusHandOver.Outcome.UnknownChannel);
    }

    [Fact]
    public async Task DuplicateAndStaleStatusesLeaveTheRightFinalStatus()
    {
        await using var host = ChannelTestHost.Start(redis);
        var handle = await ConnectAsync(host);
        await host.Temporal.RunUntilIdleAsync();

        foreach (var status in new[] { "active", "active", "pending", "inactive", "pending", "active", "no-such-status" })
        {
            await handle.SignalAsync(wf => wf.ReportStatusAsync(new ChannelStatusReport(status)));
        }
        await host.Temporal.RunUntilIdleAsync();

        (await handle.QueryAsync(wf => wf.State)).Status.Should().Be(ChannelStatus.Active);
        await handle.TerminateAsync();
    }

    [Fact]
    public async Task ARedisFlushLosesNothingTheOwnerIsFoundThroughTemporal()
    {
        await using var host = ChannelTestHost.Start(redis);
        var handle = await ConnectAsync(host);
        await host.Temporal.RunUntilIdleAsync();
        var uid = host.Vcita.Snapshot().Channels.Single().Uid;

        await host.FlushRedisAsync();
        var outcome = await host.Service<ChannelStatusHandOver>().HandOverAsync(uid, ChannelStatus.Active, CancellationToken.None);
        await host.Temporal.RunUntilIdleAsync();

        outcome.Should().Be(ChannelStatusHandOver.Outcome.Delivered);
        (await handle.QueryAsync(wf => wf.State)).Status.Should().Be(ChannelStatus.Active);
        (await host.Service<UidOwners>().FindAsync(ChannelActivities.ChannelUids, uid, CancellationToken.None)).Should().Be(WorkflowId, "the lookup refilled the cache");
        await handle.TerminateAsync();
    }

    [Fact]
    public async Task VcitaDeletingTheChannelEndsTheConnection()
    {
        await using var host = ChannelTestHost.Start(redis);
        var handle = await ConnectAsync(host);
        await host.Temporal.RunUntilIdleAsync();

        await handle.SignalAsync(wf => wf.ReportStatusAsync(new ChannelStatusReport(ChannelStatus.Deleted)));
        var final = await handle.GetResultAsync();

        final.Status.Should().Be(ChannelStatus.Deleted);
        host.Temporal.Workflow(WorkflowId).Status.Should().Be(WorkflowExecutionStatus.Completed);
    }

    [Fact]
    public async Task DisconnectingDeletesTheVcsChannel()
    {
        await using var host = ChannelTestHost.Start(redis);
        var handle = await ConnectAsync(host);
        await host.Temporal.RunUntilIdleAsync();
        var uid = host.Vcita.Snapshot().Channels.Single().Uid;

        await handle.SignalAsync(wf => wf.DisconnectAsync());
        var final = await handle.GetResultAsync();

        final.Status.Should().Be(ChannelStatus.Deleted);
        host.Vcita.FindChannel(uid)!.Status.Should().Be("deleted");
        (await host.Service<UidOwners>().FindAsync(ChannelActivities.ChannelUids, uid, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task ADisconnectingChannelForgetsTheAccountsTokenBeforeItEnds()
    {
        await using var host = ChannelTestHost.Start(redis);
        var handle = await ConnectAsync(host, Connection with { Credentials = new ProviderCredentials("EAAtoken-of-the-business") });
        await host.Temporal.RunUntilIdleAsync();
        (await handle.QueryAsync(wf => wf.Credentials))!.AccessToken.Should().Be("EAAtoken-of-the-business");

        // vcita fails the delete for a while: the channel is still running, disconnecting, when it is asked.
        await host.InjectFaultAsync(VcitaEndpoints.ChannelsDelete, 503, count: 3);
        await handle.SignalAsync(wf => wf.DisconnectAsync());
        await host.Temporal.RunUntilIdleAsync();

        host.Temporal.Workflow(WorkflowId).Status.Should().Be(WorkflowExecutionStatus.Running);
        (await handle.QueryAsync(wf => wf.Credentials)).Should().BeNull();
        await host.Temporal.AdvanceTimeAsync(TimeSpan.FromMinutes(5));
        (await handle.GetResultAsync()).Status.Should().Be(ChannelStatus.Deleted);
    }

    [Fact]
    public async Task AConfirmationThatDoesNotComeIsShownToOperatorsAndStillAwaited()
    {
        await using var host = ChannelTestHost.Start(redis);
        var handle = await ConnectAsync(host);
        await host.Temporal.RunUntilIdleAsync();

        await host.Temporal.AdvanceTimeAsync(TimeSpan.FromMinutes(11));

        (await handle.QueryAsync(wf => wf.State)).ActivationOverdue.Should().BeTrue();
        host.Temporal.Workflow(WorkflowId).SearchAttribute<string>(BridgeSearchAttributes.LastErrorCode.Name).Should().Be("activation_overdue");
        await handle.SignalAsync(wf => wf.ReportStatusAsync(new ChannelStatusReport(ChannelStatus.Active)));
        await host.Temporal.RunUntilIdleAsync();
        (await handle.QueryAsync(wf => wf.State)).Should().BeEquivalentTo(new { Status = ChannelStatus.Active, ActivationOverdue = false });
        host.Temporal.Workflow(WorkflowId).SearchAttributes.Should().NotContainKey(BridgeSearchAttributes.LastErrorCode.Name);
        await handle.TerminateAsync();
    }

    [Fact]
    public async Task TransientVcitaFailuresAndARejectedTokenAreRetriedAndCreateOneChannel()
    {
        await using var host = ChannelTestHost.Start(redis);
        await host.InjectFaultAsync(VcitaEndpoints.ChannelsCreate, 429);
        await host.InjectFaultAsync(VcitaEndpoints.ChannelsCreate, 500);
        await host.InjectFaultAsync(VcitaEndpoints.ChannelsCreate, 401);
        var handle = await ConnectAsync(host);

        await host.Temporal.AdvanceTimeAsync(TimeSpan.FromMinutes(1));

        (await handle.QueryAsync(wf => wf.State)).Status.Should().Be(ChannelStatus.Pending);
        host.Vcita.Snapshot().Channels.Should().ContainSingle();
        host.Temporal.Workflow(WorkflowId).ActivityAttempts["CreateChannel"].Should().Be(4);
        await handle.TerminateAsync();
    }

    [Fact]
    public async Task AChannelVcitaRejectsFailsAtOnceWithVcitasReason()
    {
        await using var host = ChannelTestHost.Start(redis);
        var handle = await ConnectAsync(host, Connection with { BusinessUid = "too-short" });

        var run = () => handle.GetResultAsync();

        (await run.Should().ThrowAsync<Temporalio.Exceptions.WorkflowFailedException>())
            .Which.InnerException!.InnerException!.Message.Should().Contain("business_uid");
        host.Temporal.Workflow(WorkflowId).ActivityAttempts["CreateChannel"].Should().Be(1);
    }

    [Fact]
    public async Task ALongLivedChannelContinuesAsNewAndKeepsWhatItKnows()
    {
        await using var host = ChannelTestHost.Start(redis, kit => kit.SuggestContinueAsNewAfterEvents = 30);
        var handle = await ConnectAsync(host);
        await host.Temporal.RunUntilIdleAsync();
        var uid = host.Vcita.Snapshot().Channels.Single().Uid;

        for (var i = 0; i < 6; i++)
        {
            var status = i % 2 == 0 ? ChannelStatus.Active : ChannelStatus.Inactive;
            await handle.SignalAsync(wf => wf.ReportStatusAsync(new ChannelStatusReport(status)));
            await host.Temporal.RunUntilIdleAsync();
        }

        host.Temporal.Workflow(WorkflowId).Runs.Should().HaveCountGreaterThan(1);
        (await handle.QueryAsync(wf => wf.State)).Should().BeEquivalentTo(new { ChannelUid = uid, Status = ChannelStatus.Inactive });
        host.Vcita.Snapshot().Channels.Should().ContainSingle("a new run does not create the channel again");
        await handle.TerminateAsync();
    }
}
