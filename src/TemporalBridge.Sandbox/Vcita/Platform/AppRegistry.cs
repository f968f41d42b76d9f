using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Platform;

/// <summary>
/// The apps vcita knows, by client_id. A default app is registered from the options at start (and again after a
/// reset), so the bridge works in compose without running register-app.
/// </summary>
public sealed class AppRegistry
{
    private readonly ConcurrentDictionary<string, RegisteredApp> apps = new(StringComparer.Ordinal);
    private readonly RegisteredApp defaultApp;

    public AppRegistry(IOptions<VcitaEmulatorOptions> options, IOptions<SandboxOptions> sandbox)
    {
        var o = options.Value;
        var apiUri = o.DefaultApiUri ?? new Uri(sandbox.Value.BridgeBaseUrl!.ToString().TrimEnd('/') + "/vcita");
        defaultApp = new RegisteredApp(
            AppId: "dev-app", AppCodeName: "temporalbridgedev", Name: "TemporalBridge (sandbox)",
            o.DefaultClientId, o.DefaultClientSecret, apiUri, RedirectUri: null, Trusted: true, UrlParams: null, IsDefault: true);
        apps[defaultApp.ClientId] = defaultApp;
    }

    public RegisteredApp Default => defaultApp;

    public IReadOnlyList<RegisteredApp> All => [.. apps.Values.OrderBy(a => a.IsDefault ? 0 : 1).ThenBy(a => a.AppId)];

    /// <summary>A new app. Its client id and secret are 64 hex characters, as vcita describes them
    /// (legacy_token.json paths./token.post: service_id and service_secret).</summary>
    public RegisteredApp Register(string name, string? appCodeName, Uri? apiUri, string redirectUri, bool trusted, IReadOnlyList<string>? urlParams)
    {
        var app = new RegisteredApp(
            AppId: Uids.New(), AppCodeName: appCodeName ?? CodeName(name), name, ClientId: Uids.Hex(32),
            ClientSecret: Uids.Hex(32), apiUri, redirectUri, trusted, urlParams, IsDefault: false);
        apps[app.ClientId] = app;
        return app;
    }

    public RegisteredApp? Find(string? clientId) => clientId is not null && apps.TryGetValue(clientId, out var app) ? app : null;

    /// <summary>The app, when the secret is its secret (compared in constant time).</summary>
    public RegisteredApp? Authenticate(string? clientId, string? clientSecret) =>
        Find(clientId) is { } app && BearerTokens.SecretEquals(clientSecret, app.ClientSecret) ? app : null;

    /// <summary>Forgets every app but the default one.</summary>
    public void Reset()
    {
        apps.Clear();
        apps[defaultApp.ClientId] = defaultApp;
    }

    /// <summary>Letters and digits only, as app_code_name's pattern asks (legacy_v1_apps.json paths./apps.post).</summary>
    private static string CodeName(string name) =>
        new string([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]) is { Length: > 0 } code ? code : "app";
}
