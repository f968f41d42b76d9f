namespace TemporalBridge.Sandbox.Vcita;

/// <summary>
/// Names of the emulated endpoints, as the control API's fault injection takes them
/// (<c>POST /_control/faults {"endpoint": "channels.create", …}</c>).
/// </summary>
public static class VcitaEndpoints
{
    public const string ChannelsCreate = "channels.create";
    public const string ChannelsUpdate = "channels.update";
    public const string ChannelsDelete = "channels.delete";
    public const string SessionsCreate = "sessions.create";
    public const string SessionsList = "sessions.list";
    public const string SessionsUpdate = "sessions.update";
    public const string SessionsDelete = "sessions.delete";
    public const string MessagesCreate = "messages.create";
    public const string MessagesUpdate = "messages.update";
    public const string ServiceToken = "oauth.service_token";
    public const string Authorize = "oauth.authorize";
    public const string Token = "oauth.token";
    public const string UserInfo = "oauth.userinfo";
    public const string ClientsSearch = "clients.search";
    public const string ClientsCreate = "clients.create";
    public const string AppsCreate = "apps.create";

    /// <summary>The OAuth endpoints answer errors as <c>{error, error_description}</c>.</summary>
    public static readonly IReadOnlySet<string> OAuthShaped = new HashSet<string> { ServiceToken, Authorize, Token, UserInfo };

    /// <summary>The platform API's endpoints answer errors as <c>{status: "Error", error}</c>; the rest in VCS's envelope.</summary>
    public static readonly IReadOnlySet<string> PlatformShaped = new HashSet<string> { ClientsSearch, ClientsCreate, AppsCreate };

    public static readonly IReadOnlyList<string> All =
    [
        ChannelsCreate, ChannelsUpdate, ChannelsDelete, SessionsCreate, SessionsList, SessionsUpdate, SessionsDelete,
        MessagesCreate, MessagesUpdate, ServiceToken, Authorize, Token, UserInfo, ClientsSearch, ClientsCreate, AppsCreate,
    ];
}

/// <summary>Endpoint metadata: which emulated endpoint this is (for fault injection).</summary>
public sealed record EmulatedEndpoint(string Name);

public static class EmulatedEndpointExtensions
{
    public static RouteHandlerBuilder Emulates(this RouteHandlerBuilder endpoint, string name) =>
        endpoint.WithMetadata(new EmulatedEndpoint(name));
}
