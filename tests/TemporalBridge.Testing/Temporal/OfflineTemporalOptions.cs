using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Activities;
using Temporalio.Client;
using Temporalio.Converters;
using Temporalio.Extensions.Hosting;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace TemporalBridge.Testing.Temporal;

/// <summary>What the offline environment runs: the workflows and activities of one task queue, like one worker.</summary>
public sealed class OfflineTemporalOptions
{
    public string Namespace { get; set; } = "default";
    public string TaskQueue { get; set; } = "offline-tests";
    public IList<WorkflowDefinition> Workflows { get; } = [];
    public IList<ActivityDefinition> Activities { get; } = [];

    /// <summary>The worker's interceptors: their workflow side runs in every replay, as on a worker (activities run
    /// without them).</summary>
    public IList<IWorkerInterceptor> Interceptors { get; } = [];

    /// <summary>Where the simulated clock starts.</summary>
    public DateTime StartTime { get; set; } = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A replay that takes longer fails the test: a malformed history can make the SDK's replay never return.</summary>
    public TimeSpan ReplayTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Real time an activity attempt may run, as a fraction of its StartToClose timeout (1 = the timeout itself).
    /// Lower it in tests that exercise a hung dependency, so the timeout comes sooner.</summary>
    public double ActivityTimeoutScale { get; set; } = 1.0;

    /// <summary>History length from which workflow tasks tell the workflow to continue as new
    /// (<c>Workflow.ContinueAsNewSuggested</c>), as a server does at its history limits; lower it in a test to
    /// exercise a workflow's continue-as-new cheaply.</summary>
    public int SuggestContinueAsNewAfterEvents { get; set; } = 4_000;

    /// <summary>Converts payloads; must be the one the worker uses in production. Payload codecs are not applied.</summary>
    public DataConverter DataConverter { get; set; } = DataConverter.Default;

    public ILoggerFactory? LoggerFactory { get; set; }

    public OfflineTemporalOptions AddWorkflow<TWorkflow>()
    {
        Workflows.Add(WorkflowDefinition.Create(typeof(TWorkflow)));
        return this;
    }

    public OfflineTemporalOptions AddActivities<T>(T instance)
    {
        foreach (var activity in ActivityDefinition.CreateAll(instance))
        {
            Activities.Add(activity);
        }
        return this;
    }

    public OfflineTemporalOptions AddStaticActivities(Type type)
    {
        foreach (var activity in ActivityDefinition.CreateAll(type, null))
        {
            Activities.Add(activity);
        }
        return this;
    }

    /// <summary>
    /// Takes the workflows and activities a production worker registered in <paramref name="services"/> with the
    /// SDK's builder (<c>AddHostedTemporalWorker(name)</c> or <c>new TemporalWorkerServiceOptionsBuilder(name, …)</c>),
    /// so activities run with the real dependency injection (a scope per attempt for scoped activities). The task
    /// queue is the one the worker's options end up with, which configuration may have set, and the data converter
    /// (payload codec included) is the one the product's Temporal client is configured with, if it registers one.
    /// </summary>
    public static OfflineTemporalOptions FromHostedWorker(IServiceProvider services, string name, string? buildId = null)
    {
        var worker = services.GetRequiredService<IOptionsMonitor<TemporalWorkerServiceOptions>>()
            .Get(HostedWorkerOptionsName(name, buildId));
        var options = new OfflineTemporalOptions
        {
            TaskQueue = worker.TaskQueue ?? name,
            LoggerFactory = services.GetService<ILoggerFactory>(),
        };
        foreach (var workflow in worker.Workflows)
        {
            options.Workflows.Add(workflow);
        }
        foreach (var activity in worker.Activities)
        {
            options.Activities.Add(activity);
        }
        foreach (var interceptor in worker.Interceptors ?? [])
        {
            options.Interceptors.Add(interceptor);
        }
        // Built from the client's configuration without building the client itself.
        if (services.GetService<IOptionsFactory<TemporalClientConnectOptions>>()?.Create(Options.DefaultName).DataConverter is { } converter)
        {
            options.DataConverter = converter;
        }
        return options;
    }

    /// <summary>The hosting extension names a worker's options by task queue and build id with an internal helper;
    /// the kit calls that helper so it always agrees with the SDK (the version is pinned).</summary>
    private static string HostedWorkerOptionsName(string taskQueue, string? buildId)
    {
        var method = typeof(TemporalWorkerServiceOptions).GetMethod(
            "GetUniqueOptionsName", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            ?? throw new InvalidOperationException("TemporalWorkerServiceOptions.GetUniqueOptionsName is gone: update the offline kit.");
        return (string)method.Invoke(null, [taskQueue, buildId])!;
    }
}
