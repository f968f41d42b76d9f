namespace TemporalBridge.Hosting;

public static class BridgeRolesExtensions
{
    /// <summary>
    /// Binds the <c>Bridge</c> section once, while services are being registered. It cannot go through IOptions
    /// like the other sections: the roles decide what gets registered and mapped, so they are needed before the
    /// service container exists. An invalid value throws here, which fails the start.
    /// </summary>
    public static BridgeRoles AddBridgeRoles(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BridgeOptions.Section).Get<BridgeOptions>() ?? new();
        var roles = BridgeRoles.Parse(options.Roles);
        builder.Services.AddSingleton(roles);
        return roles;
    }
}
