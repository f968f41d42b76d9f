using BenchmarkDotNet.Attributes;
using TemporalBridge.Testing.Temporal;
using Temporalio.Api.History.V1;
using Temporalio.Client;

namespace TemporalBridge.Benchmarks;

/// <summary>
/// What the offline kit costs: one replay of a finished history (the unit of all its work), and a whole scenario
/// driven from start to finish (every workflow task is a replay of the history so far, so cost grows with length).
/// </summary>
[MemoryDiagnoser]
public class KitBenchmarks
{
    private OfflineTemporalEnvironment environment = null!;
    private List<HistoryEvent> history = null!;

    [Params(4)]
    public int Messages { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        environment = new OfflineTemporalEnvironment(Options());
        await RunScenarioAsync(environment, Messages);
        history = environment.Workflow("deliver").CurrentRun.Events.ToList();
        Console.WriteLine($"// history of {history.Count} events");
    }

    [GlobalCleanup]
    public ValueTask CleanupAsync() => environment.DisposeAsync();

    [Benchmark(Description = "replay one finished history")]
    public Task ReplayFinishedHistory() => environment.ReplayAsync("deliver", history);

    [Benchmark(Description = "drive a whole scenario (start, activities, timers, result, final determinism check)")]
    public async Task<int> DriveScenario()
    {
        await using var offline = new OfflineTemporalEnvironment(Options());
        return await RunScenarioAsync(offline, Messages);
    }

    private static OfflineTemporalOptions Options() =>
        new OfflineTemporalOptions().AddWorkflow<DeliverAllWorkflow>().AddStaticActivities(typeof(BenchmarkActivities));

    private static async Task<int> RunScenarioAsync(OfflineTemporalEnvironment offline, int messages)
    {
        var handle = await offline.Client.StartWorkflowAsync((DeliverAllWorkflow wf) => wf.RunAsync(messages), new WorkflowOptions("deliver", offline.TaskQueue));
        await offline.AdvanceTimeAsync(TimeSpan.FromMinutes(messages + 1));
        return await handle.GetResultAsync();
    }
}
