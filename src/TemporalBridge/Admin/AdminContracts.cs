using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TemporalBridge.Channels;
using TemporalBridge.CommunicationApp;
using TemporalBridge.Deliveries;
using TemporalBridge.Hosting;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;

namespace TemporalBridge.Admin;

/// <summary>
/// <c>POST /admin/channels</c>: connect one provider account to one vcita business, in words every provider shares:
/// <c>provider</c>, <c>account_id</c> (WhatsApp: the phone number id; Messenger: the Facebook Page id),
/// <c>display_name</c> (the number as people read it, the Page's name), and the account's own <c>credentials</c>
/// (<c>{"access_token": …}</c>: optional where the provider has a default token, required where it has none). WhatsApp's
/// own names, <c>phone_number_id</c> and <c>display_number</c>, are still read for scripts written for them.
/// Connecting again with new credentials replaces the old ones.
/// </summary>
/// <param name="AccountId">The provider's id of the account (digits).</param>
/// <param name="DisplayName">What staff pick the channel by, e.g. "+1 555 078 3881" or "Acme Bakery".</param>
/// <param name="Credentials">The account's own token; none means the provider's default (WhatsApp: <c>WhatsApp:AccessToken</c>).</param>
/// <param name="WindowTemplate">Optional: the approved template sent in place of a staff message more than 24 hours
/// after the client last wrote; without it such a message fails, with the reason shown to staff.</param>
/// <param name="WindowTemplateLanguage">The template's language code; "en_US" when not given.</param>
public sealed partial record ConnectChannelRequest(
    [property: JsonPropertyName("business_uid")] string BusinessUid,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("window_template")] string? WindowTemplate = null,
    [property: JsonPropertyName("window_template_language")] string? WindowTemplateLanguage = null,
    [property: JsonPropertyName("credentials")] ProviderCredentials? Credentials = null) : IJsonRequest<ConnectChannelRequest>
{
    public const int BusinessUidLength = 16;

    /// <summary>The providers a channel can be connected for.</summary>
    public static readonly IReadOnlyList<string> Providers = [ProviderNames.WhatsApp, ProviderNames.Messenger];

    public static ConnectChannelRequest? Read(JsonFields fields)
    {
        var businessUid = fields.RequiredString("business_uid", CheckBusinessUid);
        var provider = fields.RequiredString("provider", WireRules.OneOf(Providers));
        var accountId = Either(fields, "account_id", "phone_number_id", CheckAccountId);
        var displayName = Either(fields, "display_name", "display_number", CheckDisplayName, CheckDisplayNumber);
        var credentials = ReadCredentials(fields);
        var template = fields.OptionalString("window_template", CheckTemplateName);
        var language = fields.OptionalString("window_template_language", CheckLanguage);
        if (language is not null && template is null)
        {
            fields.Fail("window_template_language", "needs window_template");
        }
        return businessUid is null || provider is null || accountId is null || displayName is null || fields.Errors.Count > 0
            ? null
            : new(businessUid, provider, accountId, displayName, template, language, credentials);
    }

    public ChannelInput ToChannelInput() => new(BusinessUid, Provider, AccountId, DisplayName)
    {
        WindowTemplate = WindowTemplate is null ? null : new MessageTemplate(WindowTemplate, WindowTemplateLanguage ?? DefaultTemplateLanguage),
        Credentials = Credentials,
    };

    /// <summary>What the provider's nature asks beyond the fields' shapes: a template only where the provider has them,
    /// the account's own token where the provider has no default. Each problem names its field.</summary>
    public Dictionary<string, string[]> ProblemsFor(ProviderCapabilities provider)
    {
        var problems = new Dictionary<string, string[]>();
        if (WindowTemplate is not null && provider.AfterWindow != AfterWindow.Template)
        {
            problems["window_template"] = [$"is not taken for {Provider}: it has no message templates"];
        }
        if (Credentials is null && provider.CredentialsRequired)
        {
            problems["credentials"] = [$"is required for {Provider}: each account is connected with its own access token"];
        }
        return problems;
    }

    /// <summary>The neutral field, or WhatsApp's older name for it; one of them is required, not both.</summary>
    private static string? Either(JsonFields fields, string name, string whatsAppName, Func<string, string?> rule, Func<string, string?>? olderRule = null)
    {
        var neutral = fields.OptionalString(name, rule);
        var older = fields.OptionalString(whatsAppName, olderRule ?? rule);
        if (neutral is not null && older is not null)
        {
            fields.Fail(whatsAppName, $"is {name} under WhatsApp's older name: give one of them");
            return null;
        }
        if (neutral is null && older is null && !fields.Errors.ContainsKey(name) && !fields.Errors.ContainsKey(whatsAppName))
        {
            fields.Fail(name, "is required");
        }
        return neutral ?? older;
    }

    /// <summary><c>credentials.access_token</c>: a token as Meta issues them (no spaces or control characters).</summary>
    private static ProviderCredentials? ReadCredentials(JsonFields fields)
    {
        var credentials = fields.OptionalObject("credentials");
        if (credentials is null)
        {
            return null;
        }
        var token = credentials.RequiredString("access_token", CheckAccessToken);
        return token is null ? null : new ProviderCredentials(token);
    }

    public static string? CheckAccessToken(string value) =>
        AccessTokenPattern().IsMatch(value) ? null : "must be an access token: 16–2048 letters, digits or . _ - | characters";

    public const string DefaultTemplateLanguage = "en_US";

    /// <summary>WhatsApp's template names: lowercase letters, digits and underscores, at most 512.</summary>
    public static string? CheckTemplateName(string value) =>
        TemplateNamePattern().IsMatch(value) ? null : "must be a template name: 1–512 lowercase letters, digits or '_'";

    /// <summary>A language code such as "en", "en_US" or "pt_BR".</summary>
    public static string? CheckLanguage(string value) =>
        LanguagePattern().IsMatch(value) ? null : "must be a language code such as 'en' or 'en_US'";

    /// <summary>vcita's business uids are 16 characters; kept to the uid alphabet so a visibility query needs no escaping.</summary>
    public static string? CheckBusinessUid(string value) =>
        BusinessUidPattern().IsMatch(value) ? null : $"must be {BusinessUidLength} characters of A–Z, a–z, 0–9, '_' or '-'";

    /// <summary>Meta's account ids (a WhatsApp phone number id, a Facebook Page id) are digits.</summary>
    public static string? CheckAccountId(string value) =>
        AccountIdPattern().IsMatch(value) ? null : "must be 1–32 digits (the provider's id of the account: a phone number id, a Page id)";

    /// <summary>A name people read in vcita's channel picker: 1–100 characters, no control characters, not blank.</summary>
    public static string? CheckDisplayName(string value) =>
        value.Length <= 100 && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl)
            ? null
            : "must be 1–100 characters, not blank, without control characters";

    /// <summary>A phone number as written for people: an optional '+', digits, spaces, '-', '(' and ')'; 5–15 digits (E.164).</summary>
    public static string? CheckDisplayNumber(string value) =>
        DisplayNumberPattern().IsMatch(value) && value.Count(char.IsAsciiDigit) is >= 5 and <= 15
            ? null
            : "must be a phone number such as '+1 555 078 3881' (5–15 digits; spaces, '-', '(' and ')' allowed)";

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^[A-Za-z0-9_-]{16}\\z")]
    private static partial Regex BusinessUidPattern();

    [GeneratedRegex("^[0-9]{1,32}\\z")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex("^\\+?[0-9 ()-]{4,32}\\z")]
    private static partial Regex DisplayNumberPattern();

    [GeneratedRegex("^[A-Za-z0-9._|-]{16,2048}\\z")]
    private static partial Regex AccessTokenPattern();

    [GeneratedRegex("^[a-z0-9_]{1,512}\\z")]
    private static partial Regex TemplateNamePattern();

    [GeneratedRegex("^[a-z]{2,3}(_[A-Z]{2})?\\z")]
    private static partial Regex LanguagePattern();
}

/// <summary>What <c>POST /admin/channels</c> answers: the connection's workflow id and its status now.</summary>
public sealed record ChannelConnection(
    [property: JsonPropertyName("channel_id")] string ChannelId,
    [property: JsonPropertyName("status")] string Status);

/// <summary>One channel as <c>GET /admin/channels</c> lists it, with its live status from the workflow.</summary>
public sealed record ChannelView(
    [property: JsonPropertyName("channel_id")] string ChannelId,
    [property: JsonPropertyName("business_uid")] string BusinessUid,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("channel_uid")] string? ChannelUid,
    [property: JsonPropertyName("activation_overdue")] bool ActivationOverdue)
{
    /// <summary>The provider rejected the account's token: connect it again with a new one.</summary>
    [JsonPropertyName("needs_reconnection")]
    public bool NeedsReconnection { get; init; }

    /// <summary>Staff messages waiting for that reconnection.</summary>
    [JsonPropertyName("deliveries_waiting")]
    public int DeliveriesWaiting { get; init; }

    public static ChannelView From(string channelId, ChannelState state) => new(
        channelId, state.BusinessUid, state.Provider, state.AccountId, state.DisplayName, state.Status, state.ChannelUid, state.ActivationOverdue)
    {
        NeedsReconnection = state.NeedsReconnection,
        DeliveriesWaiting = state.WaitingDeliveries.Count,
    };
}

/// <summary>One conversation as <c>GET /admin/sessions/{session_uid}</c> shows it, from its session workflow.</summary>
/// <param name="ConversationId">The session workflow's id: what the Temporal UI finds, and the session's external_uid at vcita.</param>
/// <param name="AiStatus">Whether vcita's AI receptionist owns the conversation: <c>none</c>, <c>ai_intercepted</c> or
/// <c>ai_released</c>; null until vcita has said.</param>
/// <param name="BlockedBy">Why the conversation cannot reach vcita right now, while it waits to try again.</param>
/// <param name="ClientMessagesWaiting">Client messages not yet handed to vcita.</param>
/// <param name="StaffMessagesWaiting">Staff messages not yet sent to the client.</param>
public sealed record ConversationView(
    [property: JsonPropertyName("conversation_id")] string ConversationId,
    [property: JsonPropertyName("business_uid")] string BusinessUid,
    [property: JsonPropertyName("channel_uid")] string ChannelUid,
    [property: JsonPropertyName("session_uid")] string? SessionUid,
    [property: JsonPropertyName("contact_uid")] string? ContactUid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("ai_status")] string? AiStatus,
    [property: JsonPropertyName("activation_overdue")] bool ActivationOverdue,
    [property: JsonPropertyName("blocked_by")] string? BlockedBy,
    [property: JsonPropertyName("client_messages_waiting")] int ClientMessagesWaiting,
    [property: JsonPropertyName("staff_messages_waiting")] int StaffMessagesWaiting)
{
    public static ConversationView From(string workflowId, Sessions.SessionState state) => new(
        workflowId, state.BusinessUid, state.ChannelUid, state.SessionUid, state.ContactUid, state.Status, state.AiStatus,
        state.ActivationOverdue, state.BlockedBy, state.Waiting, state.StaffWaiting);
}

/// <summary>One delivery as <c>GET /admin/deliveries</c> lists it: where it is and why, from its search attributes.</summary>
/// <param name="DeliveryId">Its workflow id: what the Temporal UI finds and <c>POST /admin/deliveries/{id}/retry</c> takes.</param>
/// <param name="Direction"><c>inbound</c> (client → vcita) or <c>outbound</c> (staff → client).</param>
/// <param name="State"><c>retrying</c> or <c>failed</c>.</param>
/// <param name="Running">Still running: a failed outbound delivery waits a week for an operator's retry.</param>
/// <param name="Reason">The last error in words.</param>
public sealed record DeliveryView(
    [property: JsonPropertyName("delivery_id")] string DeliveryId,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("attempts")] long Attempts,
    [property: JsonPropertyName("last_error_code")] string? LastErrorCode,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("business_uid")] string? BusinessUid,
    [property: JsonPropertyName("channel_uid")] string? ChannelUid,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("running")] bool Running,
    [property: JsonPropertyName("started_at")] DateTime StartedAt)
{
    public static DeliveryView From(Temporalio.Client.WorkflowExecution execution)
    {
        var attributes = execution.TypedSearchAttributes;
        string? Text(Temporalio.Common.SearchAttributeKey<string> key) => attributes.TryGetValue(key, out var value) ? value : null;
        var provider = Text(BridgeSearchAttributes.Provider);
        var code = Text(BridgeSearchAttributes.LastErrorCode);
        return new(
            execution.Id,
            execution.WorkflowType == nameof(OutboundDeliveryWorkflow) ? "outbound" : "inbound",
            Text(BridgeSearchAttributes.DeliveryState) ?? "",
            attributes.TryGetValue(BridgeSearchAttributes.DeliveryAttempts, out var attempts) ? attempts : 0,
            code,
            code is null ? null : FailureReasons.ForErrorCode(provider ?? "", code),
            Text(BridgeSearchAttributes.BusinessUid),
            Text(BridgeSearchAttributes.ChannelUid),
            provider,
            execution.Status == Temporalio.Api.Enums.V1.WorkflowExecutionStatus.Running,
            execution.StartTime);
    }
}
