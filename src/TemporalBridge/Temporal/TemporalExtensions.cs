using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;
using TemporalBridge.Temporal.Codec;
using Temporalio.Extensions.Hosting;

namespace TemporalBridge.Temporal;

public static class TemporalExtensions
{
    /// <summary>
    /// Names the worker's options in the options system. The SDK's builder calls this a task queue, but the real
    /// task queue is set from <see cref="TemporalOptions.TaskQueue"/> when the options are built, so that
    /// Temporal__TaskQueue works like every other setting.
    /// </summary>
    internal const string WorkerOptionsName = "temporal-bridge-worker";

    /// <summary>
    /// The lazy Temporal client for everyone (the API hands events over with it), plus the worker when this
    /// process has the worker role.
    /// </summary>
    public static void AddTemporal(this IHostApplicationBuilder builder, BridgeRoles roles)
    {
        builder.AddSettings<TemporalOptions>(TemporalOptions.Section);
        builder.AddTemporalCodec();
        // The one way every feature finds the workflow that owns a vcita uid (channels, sessions).
        builder.Services.AddSingleton<UidOwners>();

        // Lazy: nothing connects until the first call, so the API starts and answers without a Temporal server.
        // Every payload goes through the encrypting codec; the worker uses this client, hence the same converter.
        builder.Services.AddTemporalClient()
            .Configure<IOptions<TemporalOptions>, AesGcmPayloadCodec>((client, temporal, codec) =>
            {
                client.TargetHost = temporal.Value.Address;
                client.Namespace = temporal.Value.Namespace;
                client.DataConverter = CodecExtensions.CreateDataConverter(codec);
                client.ApiKey = temporal.Value.ApiKey;
                client.Tls = TemporalTls.For(temporal.Value);
            });

        // Worker options exist in every role, so features register their workflows without asking which role
        // runs; only the worker role starts anything.
        builder.Services.AddBridgeWorker().ConfigureOptions()
            .Configure<IOptions<TemporalOptions>>((worker, temporal) => worker.TaskQueue = temporal.Value.TaskQueue);
        if (roles.Worker)
        {
            builder.Services.AddHostedService<TemporalWorkerRunner>();
        }
    }

    /// <summary>
    /// Where features register what the worker runs, with the SDK's usual calls:
    /// <c>services.AddBridgeWorker().AddWorkflow&lt;T&gt;().AddScopedActivities&lt;T&gt;()</c>.
    /// </summary>
    public static ITemporalWorkerServiceOptionsBuilder AddBridgeWorker(this IServiceCollection services) =>
        new TemporalWorkerServiceOptionsBuilder(WorkerOptionsName, services);
}
