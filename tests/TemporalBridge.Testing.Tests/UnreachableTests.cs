using TemporalBridge.Testing.Tests.Workflows;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace TemporalBridge.Testing.Tests;

/// <summary>The environment made unreachable: clients fail as against a server that is down, and nothing changes.</summary>
public sealed class UnreachableTests
{
    private static WorkflowOptions Options(string id) => new(id, "offline-tests");

    [Fact]
    public async Task WhileUnreachableEveryClientCallFailsAsUnavailableAndChangesNothing()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));
        await env.RunUntilIdleAsync();
        var events = env.Workflow("approval").CurrentRun.Events.Count;

        env.Unreachable = true;
        var start = () => env.Client.StartWorkflowAsync((SleepWorkflow wf) => wf.RunAsync(1), Options("sleep"));
        var signal = () => handle.SignalAsync(wf => wf.ApproveAsync("ana"));
        var query = () => handle.QueryAsync(wf => wf.ApprovalCount());

        (await start.Should().ThrowAsync<RpcException>()).Which.Code.Should().Be(RpcException.StatusCode.Unavailable);
        (await signal.Should().ThrowAsync<RpcException>()).Which.Code.Should().Be(RpcException.StatusCode.Unavailable);
        (await query.Should().ThrowAsync<RpcException>()).Which.Code.Should().Be(RpcException.StatusCode.Unavailable);
        await env.RunUntilIdleAsync();
        env.Workflows.Should().ContainSingle();
        env.Workflow("approval").CurrentRun.Events.Count.Should().Be(events);
    }

    [Fact]
    public async Task OnceReachableAgainTheSameCallsSucceed()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), Options("approval"));
        env.Unreachable = true;
        var refused = () => handle.SignalAsync(wf => wf.ApproveAsync("ana"));
        await refused.Should().ThrowAsync<RpcException>();

        env.Unreachable = false;
        await handle.SignalAsync(wf => wf.ApproveAsync("ana"));

        (await handle.GetResultAsync()).Should().StartWith("approved by ana");
    }
}
