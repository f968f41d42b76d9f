namespace TemporalBridge.Sandbox.Vcita.Platform;

/// <summary>A communication app vcita knows: its credentials and where vcita calls it (<see cref="ApiUri"/>; an app
/// created without one is called at the default app's).</summary>
public sealed record RegisteredApp(
    string AppId,
    string AppCodeName,
    string Name,
    string ClientId,
    string ClientSecret,
    Uri? ApiUri,
    string? RedirectUri,
    bool Trusted,
    IReadOnlyList<string>? UrlParams,
    bool IsDefault)
{
    /// <summary>What the control API shows: everything but the secret.</summary>
    public AppView ToView() => new(AppId, AppCodeName, Name, ClientId, ApiUri?.ToString(), RedirectUri, Trusted, IsDefault);
}

public sealed record AppView(
    string AppId, string AppCodeName, string Name, string ClientId, string? ApiUri, string? RedirectUri, bool Trusted, bool IsDefault);
