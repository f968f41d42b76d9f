using TemporalBridge.Hosting;

namespace TemporalBridge.Vcita;

public static class VcitaExtensions
{
    public static void AddVcita(this IHostApplicationBuilder builder) =>
        builder.AddSettings<VcitaOptions>(VcitaOptions.Section);
}
