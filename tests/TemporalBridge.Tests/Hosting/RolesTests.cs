using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TemporalBridge.Temporal;

namespace TemporalBridge.Tests.Hosting;

public sealed class RolesTests
{
    [Fact]
    public async Task BothRolesRunByDefault()
    {
        await using var app = new BridgeApplication();
        using var client = app.CreateClient();

        (await client.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Services.GetServices<IHostedService>().Should().ContainSingle(s => s is TemporalWorkerRunner);
    }

    [Fact]
    public async Task ApiRoleDoesNotRunTheWorker()
    {
        await using var app = new BridgeApplication().WithSetting("Bridge:Roles", "api");
        using var client = app.CreateClient();

        (await client.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Services.GetServices<IHostedService>().Should().NotContain(s => s is TemporalWorkerRunner);
    }

    [Fact]
    public async Task WorkerRoleDoesNotMapTheApiButStillAnswersHealthProbes()
    {
        await using var app = new BridgeApplication().WithSetting("Bridge:Roles", "worker");
        using var client = app.CreateClient();

        (await client.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/scalar/v1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Services.GetServices<IHostedService>().Should().ContainSingle(s => s is TemporalWorkerRunner);
    }

    [Theory]
    [InlineData("apis")]
    [InlineData("api;worker")]
    [InlineData("")]
    public void InvalidRolesFailTheStartNamingTheVariable(string roles)
    {
        using var app = new BridgeApplication().WithSetting("Bridge:Roles", roles);

        var start = () => app.Services;

        start.Should().Throw<InvalidOperationException>()
            .WithMessage($"*Bridge__Roles*'{roles}'*");
    }
}
