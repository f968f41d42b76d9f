using Microsoft.Extensions.DependencyInjection;
using Temporalio.Client;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// Puts an offline environment behind a product's own <see cref="ITemporalClient"/>. The environment is built from
/// the product's container (its worker registrations and data converter), so it can only exist once the container
/// does; the link lets the client's configuration be registered first and find the environment when the client is
/// first built.
/// </summary>
public sealed class OfflineTemporalLink
{
    public OfflineTemporalEnvironment? Environment { get; private set; }

    /// <summary>Registers, in the product's services, that its Temporal client is answered by the linked
    /// environment: <c>app.WithServices(link.Register)</c>, before the product's container is built.</summary>
    public void Register(IServiceCollection services) =>
        services.Configure<TemporalClientConnectOptions>(options =>
        {
            if (Environment is { } environment)
            {
                options.Interceptors = [environment.ClientInterceptor];
            }
        });

    /// <summary>Builds the environment from the product's built container: what its hosted worker
    /// <paramref name="workerName"/> registered, with its client's data converter.</summary>
    public OfflineTemporalEnvironment Start(IServiceProvider services, string workerName, Action<OfflineTemporalOptions>? configure = null)
    {
        var options = OfflineTemporalOptions.FromHostedWorker(services, workerName);
        configure?.Invoke(options);
        return Environment = new OfflineTemporalEnvironment(options);
    }

    /// <summary>The product restarted: its new container's worker <paramref name="workerName"/> takes over the linked
    /// environment's workflows (<see cref="OfflineTemporalEnvironment.RestartWorkerAsync"/>). The new container's client
    /// must have been registered with <see cref="Register"/> too.</summary>
    public async Task RestartAsync(IServiceProvider services, string workerName, Action<OfflineTemporalOptions>? configure = null)
    {
        var environment = Environment ?? throw new InvalidOperationException("Start the environment before restarting its worker.");
        var options = OfflineTemporalOptions.FromHostedWorker(services, workerName);
        configure?.Invoke(options);
        await environment.RestartWorkerAsync(options);
    }
}
