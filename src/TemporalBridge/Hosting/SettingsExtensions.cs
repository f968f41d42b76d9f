namespace TemporalBridge.Hosting;

public static class SettingsExtensions
{
    /// <summary>
    /// Binds one configuration section to its options class and checks its data annotations when the host starts,
    /// so a missing or empty setting stops the service at once instead of failing the first request that needs it.
    /// </summary>
    public static void AddSettings<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class =>
        builder.Services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
