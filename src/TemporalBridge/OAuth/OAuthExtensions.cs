using Microsoft.Extensions.Options;
using TemporalBridge.Businesses;
using TemporalBridge.Vcita;

namespace TemporalBridge.OAuth;

public static class OAuthExtensions
{
    /// <summary>
    /// Connecting a business: the OAuth state store, the check of each app's redirect URI at start, and the
    /// business feature (workflow and token store) the callback hands the token to.
    /// </summary>
    public static void AddVcitaOAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OAuthStates>();
        builder.Services.AddSingleton<IValidateOptions<VcitaOptions>, RedirectUriValidator>();
        builder.AddBusinesses();
    }
}

/// <summary>
/// A redirect URI that is set must be an absolute http(s) URL, checked at start. An empty one is allowed: that
/// provider's flow answers 400 naming the setting when someone tries it.
/// </summary>
internal sealed class RedirectUriValidator : IValidateOptions<VcitaOptions>
{
    public ValidateOptionsResult Validate(string? name, VcitaOptions options)
    {
        var failures = options.Apps
            .Where(app => !string.IsNullOrWhiteSpace(app.Value.RedirectUri) && !OAuthApi.IsHttpUrl(app.Value.RedirectUri))
            .Select(app =>
            {
                var key = VcitaAppOptions.Key(app.Key, nameof(VcitaAppOptions.RedirectUri));
                return $"{key} must be an absolute http or https URL (environment variable " +
                    $"{Hosting.RequiredSettingAttribute.ToEnvironmentVariable(key)}), but was '{app.Value.RedirectUri}'";
            })
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
