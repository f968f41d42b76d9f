using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Temporal;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Extensions.Hosting;

namespace TemporalBridge.Tests.Temporal;

public sealed class TemporalUnavailableTests
{
    [Fact]
    public async Task HandingAnEventToAnUnreachableTemporalAnswers503ProblemWithRetryAfter()
    {
        await using var app = new BridgeApplication()
            .WithServices(services => services.AddTransient<IStartupFilter, StartWorkflowEndpoint>());
        using var client = app.CreateClient();

        var response = await client.PostAsync(StartWorkflowEndpoint.Path, content: null);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, app.Logs.AllText);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(10));
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(503);
        problem.RootElement.GetProperty("title").GetString().Should().Be("Temporal is unavailable");
    }

    [Fact]
    public async Task ALazyClientThatCannotConnectCountsAsUnavailable()
    {
        var client = TemporalClient.CreateLazy(new TemporalClientConnectOptions(BridgeApplication.Unreachable));

        var failure = await Record.ExceptionAsync(() => client.Connection.ConnectAsync());

        TemporalUnavailableHandler.IsTemporalUnavailable(failure!).Should().BeTrue(failure!.ToString());
    }

    [Fact]
    public void AServerThatWentAwayCountsAsUnavailable() =>
        TemporalUnavailableHandler.IsTemporalUnavailable(
            new RpcException(RpcException.StatusCode.Unavailable, "gone", null)).Should().BeTrue();

    [Fact]
    public void OtherTemporalErrorsAreNotHiddenAsUnavailable()
    {
        TemporalUnavailableHandler.IsTemporalUnavailable(
            new RpcException(RpcException.StatusCode.InvalidArgument, "bad", null)).Should().BeFalse();
        TemporalUnavailableHandler.IsTemporalUnavailable(
            new InvalidOperationException("Sequence contains no elements")).Should().BeFalse();
    }

    [Fact]
    public async Task WorkerSaysPlainlyWhereTemporalIsExpectedAndKeepsTheServiceUp()
    {
        await using var app = new BridgeApplication()
            .WithSetting("Temporal:Namespace", "bridge-tests")
            .WithServices(services => services.AddBridgeWorker().AddWorkflow<PingWorkflow>());
        using var client = app.CreateClient();

        var unreachable = await app.Logs.WaitForAsync(e => e.MessageTemplate.Text.Contains("not reachable"));

        var line = unreachable.RenderMessage();
        line.Should().Contain(BridgeApplication.Unreachable).And.Contain("bridge-tests")
            .And.Contain("temporal server start-dev").And.Contain("docker compose up temporal");
        unreachable.Exception.Should().BeNull("the operator needs the where and the how-to, not a stack trace");
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
