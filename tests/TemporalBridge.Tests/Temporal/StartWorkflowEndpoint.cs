using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Temporalio.Client;

namespace TemporalBridge.Tests.Temporal;

/// <summary>
/// A test-only endpoint that hands an event to Temporal the way the webhook endpoints will, appended after the
/// service's own pipeline so its errors go through the service's exception handling.
/// </summary>
internal sealed class StartWorkflowEndpoint : IStartupFilter
{
    public const string Path = "/test/start-workflow";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map(Path, branch => branch.Run(StartWorkflowAsync));
    };

    private static async Task StartWorkflowAsync(HttpContext context)
    {
        var client = context.RequestServices.GetRequiredService<ITemporalClient>();
        await client.StartWorkflowAsync(
            (PingWorkflow workflow) => workflow.RunAsync(),
            new WorkflowOptions("test:ping", "temporal-bridge"));
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }
}
