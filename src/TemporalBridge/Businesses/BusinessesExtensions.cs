using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.Temporal;
using Temporalio.Extensions.Hosting;

namespace TemporalBridge.Businesses;

public static class BusinessesExtensions
{
    /// <summary>The business workflow on the worker, and the token store every role uses to read or write it.</summary>
    public static void AddBusinesses(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IBusinessTokens, BusinessTokens>();
        builder.Services.AddBridgeWorker().AddWorkflow<BusinessWorkflow>();
    }
}
