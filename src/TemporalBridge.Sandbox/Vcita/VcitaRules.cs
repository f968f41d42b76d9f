namespace TemporalBridge.Sandbox.Vcita;

/// <summary>vcita's documented limits and enums (the facts sheet, docs/vcita-api.md), in one place.</summary>
public static class VcitaRules
{
    public const int BusinessUidLength = 16;
    public const int MaxMessageUidLength = 255;

    /// <summary>The format of a message's <c>created_at</c>: "YYYY-MM-DD HH:MM:SS".</summary>
    public const string CreatedAtFormat = "yyyy-MM-dd HH:mm:ss";

    public static readonly IReadOnlyList<string> ChannelTypes = ["transactional", "promotional"];
    public static readonly IReadOnlyList<string> ChannelStatuses = ["pending", "active", "inactive", "blocked", "deleted", "error"];
    public static readonly IReadOnlyList<string> SessionStatuses = ["pending", "active", "inactive", "deleted", "failed"];

    /// <summary>What an app may set with <c>PUT /sessions/{uid}</c>.</summary>
    public static readonly IReadOnlyList<string> SessionUpdateStatuses = ["active", "inactive", "deleted"];

    public static readonly IReadOnlyList<string> MessageStatuses = ["pending", "channel_pending", "sent", "received", "read", "error", "unavailable"];
    public static readonly IReadOnlyList<string> MessageDirections = ["client_to_business", "business_to_client"];
    public static readonly IReadOnlyList<string> AppTypes = ["communication"];

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
