namespace TemporalBridge.Sandbox.Vcita;

/// <summary>vcita's documented limits and enums, in one place; each names where vcita publishes it.</summary>
public static class VcitaRules
{
    /// <summary>communication.json definitions.CreateChannelDto.properties.business_uid ("16 chars").</summary>
    public const int BusinessUidLength = 16;

    /// <summary>communication.json definitions.CreateMessageDto.properties.message_uid ("max 255 chars").</summary>
    public const int MaxMessageUidLength = 255;

    /// <summary>The format of a message's <c>created_at</c>: "YYYY-MM-DD HH:MM:SS" (definitions.CreateMessageDto).</summary>
    public const string CreatedAtFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>definitions.CreateChannelDto.properties.type.enum.</summary>
    public static readonly IReadOnlyList<string> ChannelTypes = ["transactional", "promotional"];

    /// <summary>definitions.ChannelResponseEntity.properties.status.enum.</summary>
    public static readonly IReadOnlyList<string> ChannelStatuses = ["pending", "active", "inactive", "blocked", "deleted", "error"];

    /// <summary>definitions.SessionResponse.properties.status.enum.</summary>
    public static readonly IReadOnlyList<string> SessionStatuses = ["pending", "active", "inactive", "deleted", "failed"];

    /// <summary>What an app may set with <c>PUT /sessions/{uid}</c>: definitions.UpdateSessionDto.properties.status.enum.</summary>
    public static readonly IReadOnlyList<string> SessionUpdateStatuses = ["active", "inactive", "deleted"];

    /// <summary>Who owns a session's conversation (vcita's AI receptionist or not): definitions.SessionResponse.properties.ai_status.enum.</summary>
    public static readonly IReadOnlyList<string> AiStatuses = ["none", "ai_intercepted", "ai_released"];

    /// <summary>definitions.MessageResponseEntity.properties.status.enum.</summary>
    public static readonly IReadOnlyList<string> MessageStatuses = ["pending", "channel_pending", "sent", "received", "read", "error", "unavailable"];

    /// <summary>definitions.CreateMessageDto.properties.direction.enum.</summary>
    public static readonly IReadOnlyList<string> MessageDirections = ["client_to_business", "business_to_client"];

    /// <summary>
    /// legacy_v1_apps.json paths./apps.post.parameters[0].schema.properties.app_type: the valid values its description
    /// lists (vcita's own verified test creates a <c>widgets</c> app, post_oauth_service_token.md, so that one too).
    /// </summary>
    public static readonly IReadOnlyList<string> AppTypes =
    [
        "communication", "payments", "wallets", "menu_items", "docuforms", "import_clients", "automated_flows", "signatures",
        "onboarding_wizard", "notifications", "widgets",
    ];

    /// <summary>legacy_v1_apps.json paths./apps.post.parameters[0].schema.properties.url_params: its valid values.</summary>
    public static readonly IReadOnlyList<string> UrlParams =
        ["impersonate", "business_uid", "staff_role", "staff_uid", "payment_permissions", "language", "package", "brand_host"];

    /// <summary>legacy_v1_apps.json paths./apps.post: <c>name</c> is 3–25 characters.</summary>
    public const int MinAppNameLength = 3;

    public const int MaxAppNameLength = 25;

    /// <summary>legacy_v1_clients.json paths./clients.get.parameters[1] (search_by).</summary>
    public static readonly IReadOnlyList<string> ClientSearchFields = ["email", "uid", "phone", "updated_at"];

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
