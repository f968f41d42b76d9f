using Temporalio.Workflows;

namespace TemporalBridge.Tests.Temporal;

/// <summary>Something for the worker to run in tests, until the service registers workflows of its own.</summary>
[Workflow]
public sealed class PingWorkflow
{
    [WorkflowRun]
    public Task<string> RunAsync() => Task.FromResult("pong");
}
