using System.ComponentModel.DataAnnotations;

namespace TemporalBridge.Hosting;

/// <summary>
/// A required setting whose error names both the configuration key and the environment variable, because
/// whoever reads the start-up error is usually editing a compose file or a deployment, not appsettings.json.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredSettingAttribute : RequiredAttribute
{
    /// <param name="key">The configuration key, e.g. <c>Vcita:WebhookSecret</c>.</param>
    public RequiredSettingAttribute(string key) =>
        ErrorMessage = $"{key} is required (environment variable {ToEnvironmentVariable(key)})";

    /// <summary>.NET maps <c>__</c> in environment variable names to the <c>:</c> section separator.</summary>
    public static string ToEnvironmentVariable(string key) => key.Replace(":", "__");
}
