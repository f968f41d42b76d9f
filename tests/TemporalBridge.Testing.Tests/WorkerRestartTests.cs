using TemporalBridge.Testing.Tests.Workflows;
using Temporalio.Client;

namespace TemporalBridge.Testing.Tests;

/// <summary>A worker restart: the environment's histories stay, the workflow code and activities are a new process's.</summary>
public sealed class WorkerRestartTests
{
    private static WorkflowOptions Options(string id) => new(id, "offline-tests");

    [Fact]
    public async Task AfterARestartAWorkflowGoesOnFromItsHistoryWithoutRunningWhatWasDoneAgain()
    {
        var before = new KitActivities();
        await using var env = KitEnvironment.Create(before);
        var handle = await env.Client.StartWorkflowAsync((TwoStepWorkflow wf) => wf.RunAsync("first", "second"), Options("two-step"));
        await env.RunUntilIdleAsync();
        before.Delivered.Should().Equal("first");

        var after = new KitActivities();
        await env.RestartWorkerAsync(KitEnvironment.Workload(after));
        await handle.SignalAsync(wf => wf.GoOnAsync());

        (await handle.GetResultAsync()).Should().Be("first+second");
        after.Delivered.Should().Equal(["second"], "the first delivery's result is in the history: the new worker does not deliver it again");
        before.Delivered.Should().Equal(["first"], "nothing of the old worker runs after the restart");
    }

    [Fact]
    public async Task AnActivityNotYetRunWhenTheWorkerRestartsIsRunByTheNewWorker()
    {
        var before = new KitActivities();
        await using var env = KitEnvironment.Create(before);
        var handle = await env.Client.StartWorkflowAsync((TwoStepWorkflow wf) => wf.RunAsync("first", "second"), Options("two-step"));

        var after = new KitActivities();
        await env.RestartWorkerAsync(KitEnvironment.Workload(after));
        await env.RunUntilIdleAsync();
        await handle.SignalAsync(wf => wf.GoOnAsync());
        await handle.GetResultAsync();

        after.Delivered.Should().Equal("first", "second");
        before.Delivered.Should().BeEmpty();
    }

    [Fact]
    public async Task ARestartedWorkerPollsTheSameTaskQueue()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        var elsewhere = KitEnvironment.Workload(new KitActivities());
        elsewhere.TaskQueue = "another-queue";

        var restart = () => env.RestartWorkerAsync(elsewhere);

        (await restart.Should().ThrowAsync<ArgumentException>()).WithMessage("*same namespace and task queue*");
    }
}
