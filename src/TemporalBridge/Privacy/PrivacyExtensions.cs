using TemporalBridge.Hosting;

namespace TemporalBridge.Privacy;

public static class PrivacyExtensions
{
    /// <summary>The <c>Privacy</c> settings, and the pseudonym key set at start. Call before the Temporal worker and the
    /// API are added: hosted services start in the order they were added.</summary>
    public static void AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<PrivacyOptions>(PrivacyOptions.Section);
        builder.Services.AddHostedService<ClientPseudonymKey>();
    }
}
