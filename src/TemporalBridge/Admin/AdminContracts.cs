using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TemporalBridge.Channels;
using TemporalBridge.CommunicationApp;

using TemporalBridge.Hosting;

namespace TemporalBridge.Admin;

/// <summary><c>POST /admin/channels</c>: connect one provider account to one vcita business.</summary>
/// <param name="PhoneNumberId">WhatsApp's id of the business phone number (digits), not the number itself.</param>
/// <param name="DisplayNumber">The number as people read it, e.g. "+1 555 078 3881": staff pick the channel by it.</param>
public sealed partial record ConnectChannelRequest(
    [property: JsonPropertyName("business_uid")] string BusinessUid,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("phone_number_id")] string PhoneNumberId,
    [property: JsonPropertyName("display_number")] string DisplayNumber) : IJsonRequest<ConnectChannelRequest>
{
    public const int BusinessUidLength = 16;

    /// <summary>The providers a channel can be connected for today.</summary>
    public static readonly IReadOnlyList<string> Providers = [ProviderNames.WhatsApp];

    public static ConnectChannelRequest? Read(JsonFields fields)
    {
        var businessUid = fields.RequiredString("business_uid", CheckBusinessUid);
        var provider = fields.RequiredString("provider", WireRules.OneOf(Providers));
        var phoneNumberId = fields.RequiredString("phone_number_id", CheckPhoneNumberId);
        var displayNumber = fields.RequiredString("display_number", CheckDisplayNumber);
        return businessUid is null || provider is null || phoneNumberId is null || displayNumber is null
            ? null
            : new(businessUid, provider, phoneNumberId, displayNumber);
    }

    public ChannelInput ToChannelInput() => new(BusinessUid, Provider, PhoneNumberId, DisplayNumber);

    /// <summary>vcita's business uids are 16 characters; kept to the uid alphabet so a visibility query needs no escaping.</summary>
    public static string? CheckBusinessUid(string value) =>
        BusinessUidPattern().IsMatch(value) ? null : $"must be {BusinessUidLength} characters of A–Z, a–z, 0–9, '_' or '-'";

    public static string? CheckPhoneNumberId(string value) =>
        PhoneNumberIdPattern().IsMatch(value) ? null : "must be 1–32 digits (WhatsApp's phone number id)";

    /// <summary>A phone number as written for people: an optional '+', digits, spaces, '-', '(' and ')'; 5–15 digits (E.164).</summary>
    public static string? CheckDisplayNumber(string value) =>
        DisplayNumberPattern().IsMatch(value) && value.Count(char.IsAsciiDigit) is >= 5 and <= 15
            ? null
            : "must be a phone number such as '+1 555 078 3881' (5–15 digits; spaces, '-', '(' and ')' allowed)";

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^[A-Za-z0-9_-]{16}\\z")]
    private static partial Regex BusinessUidPattern();

    [GeneratedRegex("^[0-9]{1,32}\\z")]
    private static partial Regex PhoneNumberIdPattern();

    [GeneratedRegex("^\\+?[0-9 ()-]{4,32}\\z")]
    private static partial Regex DisplayNumberPattern();
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
    public static ChannelView From(string channelId, ChannelState state) => new(
        channelId, state.BusinessUid, state.Provider, state.AccountId, state.DisplayName, state.Status, state.ChannelUid, state.ActivationOverdue);
}
