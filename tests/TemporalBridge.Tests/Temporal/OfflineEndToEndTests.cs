extern alias Sandbox;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Temporal;
using Temporalio.Activities;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;
using Temporalio.Workflows;
using SandboxOptions = Sandbox::TemporalBridge.Sandbox.SandboxOptions;

namespace TemporalBridge.Tests.Temporal;

/// <summary>
/// The path every webhook will take, in one process and without a Temporal server: an HTTP request → the bridge's
/// own ITemporalClient → the offline kit → a workflow the bridge's worker registered → an activity with injected
/// dependencies → an HTTP call to the sandbox's emulator.
/// </summary>
public sealed class OfflineEndToEndTests
{
    public sealed record EmulatorAnswer(string Emulator, string Emulates);

    /// <summary>An activity as features will write them: a plain class whose HTTP client comes from DI.</summary>
    public sealed class EmulatorActivities(HttpClient sandbox)
    {
        [Activity]
        public async Task<string> AskVcitaEmulatorAsync()
        {
            var answer = await sandbox.GetFromJsonAsync<EmulatorAnswer>("/vcita-emulator/");
            return answer!.Emulator;
        }
    }

    [Workflow]
    public sealed class AskEmulatorWorkflow
    {
        [WorkflowRun]
        public Task<string> RunAsync() => Workflow.ExecuteActivityAsync(
            (EmulatorActivities a) => a.AskVcitaEmulatorAsync(), new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10) });
    }

    /// <summary>Stands for a webhook endpoint: hands the event to Temporal and answers 202 once it is accepted.</summary>
    private sealed class AskEmulatorEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/ask-emulator", branch => branch.Run(HandOverAsync));
        };

        private static async Task HandOverAsync(HttpContext context)
        {
            var client = context.RequestServices.GetRequiredService<ITemporalClient>();
            await client.StartWorkflowAsync((AskEmulatorWorkflow wf) => wf.RunAsync(), new WorkflowOptions("test:ask-emulator", "temporal-bridge"));
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
    }

    [Fact]
    public async Task AnEventHandedToTemporalRunsItsWorkflowAndActivityAgainstTheEmulator()
    {
        await using var sandbox = new WebApplicationFactory<SandboxOptions>();
        var link = new OfflineTemporalLink();
        await using var bridge = new BridgeApplication()
            .WithSetting("Bridge:Roles", "api")
            .WithServices(services =>
            {
                services.AddTransient<IStartupFilter, AskEmulatorEndpoint>();
                services.AddSingleton(sandbox.CreateClient());
                services.AddBridgeWorker().AddWorkflow<AskEmulatorWorkflow>().AddScopedActivities<EmulatorActivities>();
                // The bridge keeps its own client; only its connection is answered by the kit.
                link.Register(services);
            });
        await using var temporal = link.Start(bridge.Services, TemporalExtensions.WorkerOptionsName);
        using var http = bridge.CreateClient();

        var response = await http.PostAsync("/test/ask-emulator", content: null);
        await temporal.RunUntilIdleAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, bridge.Logs.AllText);
        temporal.TaskQueue.Should().Be("temporal-bridge", "the worker's task queue comes from Temporal:TaskQueue");
        (await temporal.Workflow("test:ask-emulator").ResultAsync<string>()).Should().Be("vcita");
    }
}
