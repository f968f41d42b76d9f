using TemporalBridge.Testing.Temporal;
using Temporalio.Client;
using Temporalio.Worker;
using Xunit;

namespace TemporalBridge.Testing.Scenarios;

/// <summary>
/// A real Temporal server behind <see cref="ITemporalTestEnvironment"/>: a real <see cref="TemporalWorker"/> runs
/// the same workflows and activities on a task queue of its own, so scenarios running side by side do not meet.
/// </summary>
public sealed class ServerTestEnvironment : ITemporalTestEnvironment
{
    private readonly TemporalServerConnection server;
    private readonly CancellationTokenSource stop = new();
    private readonly Task workerRun;

    private ServerTestEnvironment(TemporalServerConnection server, ITemporalClient client, OfflineTemporalOptions workload)
    {
        this.server = server;
        Client = client;
        TaskQueue = $"{workload.TaskQueue}-{Guid.NewGuid():N}";
        var options = new TemporalWorkerOptions(TaskQueue) { LoggerFactory = workload.LoggerFactory };
        foreach (var workflow in workload.Workflows)
        {
            options.AddWorkflow(workflow);
        }
        foreach (var activity in workload.Activities)
        {
            options.AddActivity(activity);
        }
        var worker = new TemporalWorker(client, options);
        workerRun = worker.ExecuteAsync(stop.Token);
    }

    public string Kind => "server";
    public ITemporalClient Client { get; }
    public string TaskQueue { get; }

    /// <summary>Connects to the shared server, or skips the calling test with the reason none is available.</summary>
    public static async Task<ServerTestEnvironment> StartAsync(OfflineTemporalOptions workload)
    {
        var server = await TemporalServerConnection.SharedAsync();
        Skip.If(server.Client == null, server.UnavailableReason);
        return new ServerTestEnvironment(server, server.Client!, workload);
    }

    public Task RunUntilIdleAsync() => Task.CompletedTask;

    public async Task AdvanceTimeAsync(TimeSpan by)
    {
        Skip.If(server.Environment is not { SupportsTimeSkipping: true },
            $"this scenario moves time, and the server at {server.Address} cannot skip time (only the SDK's test server can)");
        await server.Environment!.DelayAsync(by);
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"On the server this did not come to hold in time: {what}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await workerRun;
        }
        catch (OperationCanceledException)
        {
            // The worker stops by cancellation: that is how a worker ends.
        }
        stop.Dispose();
    }
}
