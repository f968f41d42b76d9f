using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;

namespace TemporalBridge.Admin;

/// <summary>The <c>Admin</c> section: who may use the admin API. Secret: never log it.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>
    /// The key every admin call presents (<c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>).
    /// Required outside Development; appsettings.Development.json has a development key.
    /// </summary>
    public string ApiKey { get; set; } = "";
}

/// <summary>
/// An admin API without a key would either be open to anyone who reaches it or closed to everyone; both are
/// mistakes to stop at start, with the variable to set. Development is exempt from the start error only (its
/// appsettings file provides a key); with no key at all every call is refused.
/// </summary>
internal sealed class AdminOptionsValidator(IHostEnvironment environment) : IValidateOptions<AdminOptions>
{
    private const string Key = $"{AdminOptions.Section}:{nameof(AdminOptions.ApiKey)}";

    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        string.IsNullOrWhiteSpace(options.ApiKey) && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"{Key} is required (environment variable {RequiredSettingAttribute.ToEnvironmentVariable(Key)}): " +
                "the admin API (/admin) connects and disconnects channels, so it needs a key.")
            : ValidateOptionsResult.Success;
}
