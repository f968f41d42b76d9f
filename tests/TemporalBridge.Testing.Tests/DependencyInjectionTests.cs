using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Testing.Temporal;
using Temporalio.Activities;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;
using Temporalio.Workflows;

namespace TemporalBridge.Testing.Tests;

/// <summary>The kit runs what production registers: the hosted worker's workflows and scoped activities with their
/// injected dependencies, and product code's own <see cref="ITemporalClient"/> resolved from the container.</summary>
public sealed class DependencyInjectionTests
{
    public sealed class Outbox
    {
        public List<string> Sent { get; } = [];
    }

    /// <summary>A scoped activity class with an injected dependency, as production writes them.</summary>
    public sealed class SendActivities(Outbox outbox)
    {
        public static int Instances;

        [Activity]
        public string Send(string text)
        {
            Interlocked.Increment(ref Instances);
            outbox.Sent.Add(text);
            return $"sent {text}";
        }
    }

    [Workflow]
    public sealed class SendWorkflow
    {
        [WorkflowRun]
        public Task<string> RunAsync(string text) => Workflow.ExecuteActivityAsync(
            (SendActivities a) => a.Send(text), new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10) });
    }

    /// <summary>Stands for product code that hands work to Temporal through the injected client.</summary>
    public sealed class Dispatcher(ITemporalClient client)
    {
        public Task<WorkflowHandle<SendWorkflow, string>> DispatchAsync(string id, string text) =>
            client.StartWorkflowAsync((SendWorkflow wf) => wf.RunAsync(text), new WorkflowOptions(id, "bridge-tests"));
    }

    [Fact]
    public async Task ProductRegistrationsRunOfflineWithAScopePerActivityAttempt()
    {
        OfflineTemporalEnvironment? env = null;
        var services = new ServiceCollection();
        services.AddSingleton<Outbox>();
        services.AddHostedTemporalWorker("bridge-tests").AddScopedActivities<SendActivities>().AddWorkflow<SendWorkflow>();
        // The product resolves ITemporalClient; the test points it at the kit.
        services.AddSingleton<ITemporalClient>(_ => env!.Client);
        services.AddSingleton<Dispatcher>();
        await using var provider = services.BuildServiceProvider();
        env = new OfflineTemporalEnvironment(OfflineTemporalOptions.FromHostedWorker(provider, "bridge-tests"));
        await using var _ = env;
        var before = SendActivities.Instances;

        var first = await provider.GetRequiredService<Dispatcher>().DispatchAsync("send-1", "hello");
        var second = await provider.GetRequiredService<Dispatcher>().DispatchAsync("send-2", "again");

        (await first.GetResultAsync()).Should().Be("sent hello");
        (await second.GetResultAsync()).Should().Be("sent again");
        provider.GetRequiredService<Outbox>().Sent.Should().Equal("hello", "again");
        (SendActivities.Instances - before).Should().Be(2);
    }

    [Fact]
    public async Task AClientBuiltByTheProductCanUseTheKitThroughItsInterceptor()
    {
        await using var env = new OfflineTemporalEnvironment(new OfflineTemporalOptions { TaskQueue = "bridge-tests" }
            .AddWorkflow<SendWorkflow>()
            .AddActivities(new SendActivities(new Outbox())));
        var services = new ServiceCollection();
        services.AddTemporalClient("127.0.0.1:1", "default");
        services.Configure<TemporalClientConnectOptions>(o => o.Interceptors = [env.ClientInterceptor]);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ITemporalClient>();

        var result = await client.ExecuteWorkflowAsync((SendWorkflow wf) => wf.RunAsync("hi"), new WorkflowOptions("send", "bridge-tests"));

        result.Should().Be("sent hi");
        env.Workflow("send").BillableActions.Total.Should().Be(2, "one start and one activity attempt");
    }
}
