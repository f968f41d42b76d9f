using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;
using Temporalio.Worker;

namespace TemporalBridge.Temporal;

/// <summary>
/// Runs the Temporal worker (the worker role). We host <see cref="TemporalWorker"/> here instead of using the
/// SDK's <c>AddHostedTemporalWorker</c> because its hosted service connects once and, when Temporal is not up
/// yet, fails — which stops the whole host, API included, and turns a slow-starting Temporal into a crash loop.
/// This one says plainly what is wrong and keeps retrying with backoff until Temporal answers.
/// </summary>
internal sealed partial class TemporalWorkerRunner(
    ITemporalClient client,
    IOptionsMonitor<TemporalWorkerServiceOptions> workerOptions,
    IOptions<TemporalOptions> temporal,
    ILogger<TemporalWorkerRunner> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = workerOptions.Get(TemporalExtensions.WorkerOptionsName);
        // The SDK rejects a worker with nothing to run, and there is nothing to poll for until a feature
        // registers a workflow or activity through AddBridgeWorker().
        if (options.Workflows.Count == 0 && options.Activities.Count == 0)
        {
            LogNothingToRun(options.TaskQueue!);
            return;
        }

        await ConnectAsync(stoppingToken);
        using var worker = new TemporalWorker(client, options);
        LogPolling(options.TaskQueue!, options.Workflows.Count, options.Activities.Count);
        await worker.ExecuteAsync(stoppingToken);
    }

    private async Task ConnectAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                // ConnectAsync takes no token; WaitAsync lets a shutdown interrupt a hanging attempt.
                await client.Connection.ConnectAsync().WaitAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Every failure here means "not connected yet"; the operator needs the where and the how-to, not
                // a stack trace. The exception itself goes to Debug for whoever digs deeper.
                LogUnreachable(temporal.Value.Address, temporal.Value.Namespace, delay.TotalSeconds);
                LogConnectFailure(e);
            }

            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Temporal worker not started: nothing is registered to run on task queue {TaskQueue} yet")]
    private partial void LogNothingToRun(string taskQueue);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Temporal worker polling task queue {TaskQueue} ({Workflows} workflows, {Activities} activities)")]
    private partial void LogPolling(string taskQueue, int workflows, int activities);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Temporal is not reachable at {Address} (namespace {Namespace}); retrying in {RetrySeconds}s. " +
            "Start a dev server with `temporal server start-dev` or `docker compose up temporal`.")]
    private partial void LogUnreachable(string address, string @namespace, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Temporal connection attempt failed")]
    private partial void LogConnectFailure(Exception exception);
}
