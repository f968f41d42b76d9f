namespace TemporalBridge.Hosting;

/// <summary>
/// The parts this process runs: the webhook API, the Temporal worker, or both (the default). Running them as
/// separate processes lets each scale on its own.
/// </summary>
public sealed record BridgeRoles(bool Api, bool Worker)
{
    private const string Key = $"{BridgeOptions.Section}:{nameof(BridgeOptions.Roles)}";

    /// <summary>
    /// Parses <c>api</c>, <c>worker</c> or <c>api,worker</c>. Anything else throws: a typo must stop the start,
    /// not leave a process that silently serves nothing.
    /// </summary>
    public static BridgeRoles Parse(string value)
    {
        var api = false;
        var worker = false;
        foreach (var role in value.Split(',', StringSplitOptions.TrimEntries))
        {
            switch (role.ToLowerInvariant())
            {
                case "api":
                    api = true;
                    break;
                case "worker":
                    worker = true;
                    break;
                default:
                    throw new InvalidOperationException(
                        $"{Key} must be 'api', 'worker' or 'api,worker' (environment variable " +
                        $"{RequiredSettingAttribute.ToEnvironmentVariable(Key)}), but was '{value}'.");
            }
        }

        return new BridgeRoles(api, worker);
    }
}
