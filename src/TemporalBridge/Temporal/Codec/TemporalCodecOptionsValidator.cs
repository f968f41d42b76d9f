using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;

namespace TemporalBridge.Temporal.Codec;

/// <summary>
/// Checks what depends on the environment, which data annotations cannot see: an enabled codec endpoint decrypts
/// history for whoever calls it, so outside Development it must demand an access token.
/// </summary>
internal sealed class TemporalCodecOptionsValidator(IHostEnvironment environment) : IValidateOptions<TemporalCodecOptions>
{
    private const string EnabledKey = $"{TemporalCodecOptions.Section}:{nameof(TemporalCodecOptions.Enabled)}";
    private const string AccessTokenKey = $"{TemporalCodecOptions.Section}:{nameof(TemporalCodecOptions.AccessToken)}";
    private const string AllowedOriginsKey = $"{TemporalCodecOptions.Section}:{nameof(TemporalCodecOptions.AllowedOrigins)}";

    public ValidateOptionsResult Validate(string? name, TemporalCodecOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.AccessToken) && !environment.IsDevelopment())
        {
            failures.Add(
                $"{AccessTokenKey} is required when {EnabledKey} is true outside Development (environment variable " +
                $"{RequiredSettingAttribute.ToEnvironmentVariable(AccessTokenKey)}): without it anyone who reaches " +
                "/codec could decrypt Temporal history.");
        }

        foreach (var origin in options.AllowedOriginList)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
                uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                failures.Add(
                    $"{AllowedOriginsKey} must be comma-separated origins like http://localhost:8233 (scheme, host, " +
                    $"port; no path), but has '{origin}' (environment variable " +
                    $"{RequiredSettingAttribute.ToEnvironmentVariable(AllowedOriginsKey)}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
