using Microsoft.Extensions.DependencyInjection.Extensions;
using TemporalBridge.Hosting;

namespace TemporalBridge.Pacing;

public static class PacingExtensions
{
    /// <summary>The <c>Pacing</c> settings and the gates the vcita and Graph clients wait at
    /// (<see cref="VcitaPacingHandler"/>, <see cref="Providers.Meta.GraphPacingHandler"/>).</summary>
    public static void AddPacing(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<PacingOptions>(PacingOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RateGate>();
        builder.Services.AddSingleton<ProviderPacing>();
    }
}
