using TemporalBridge.Providers;

namespace TemporalBridge.Channels;

/// <summary>What a channel connects: one provider account (a WhatsApp phone number id) of one vcita business.</summary>
/// <param name="DisplayNumber">The number as people read it, e.g. "+1 555 078 3881": staff pick the channel by it.</param>
public sealed record ChannelInput(string BusinessUid, string Provider, string AccountId, string DisplayNumber)
{
    /// <summary>What the channel sends in place of a staff message outside the provider's customer-service window
    /// (WhatsApp: 24 hours after the client last wrote); none means such a message fails with the reason.</summary>
    public MessageTemplate? WindowTemplate { get; init; }

    /// <summary>The account's own credentials (a WhatsApp business token, a Page token); none means the provider's
    /// default (for WhatsApp, the global <c>WhatsApp:AccessToken</c>).</summary>
    public ProviderCredentials? Credentials { get; init; }

    /// <summary>The provider's group the account belongs to, where the app's webhook subscription lives (a WhatsApp
    /// Business Account); none when the account is its own (a Page) or an operator connected it.</summary>
    public string? AccountGroupId { get; init; }

    /// <summary>Set when the workflow continues as new: what the earlier runs learned.</summary>
    public ChannelState? Carried { get; init; }
}

/// <summary>The channel as the workflow knows it; what the admin API lists.</summary>
/// <param name="ActivationOverdue">vcita has not confirmed the channel in the expected time: an operator should look.</param>
/// <param name="WindowTemplate">See <see cref="ChannelInput.WindowTemplate"/>.</param>
public sealed record ChannelState(
    string BusinessUid,
    string Provider,
    string AccountId,
    string DisplayName,
    string Status,
    string? ChannelUid,
    bool ActivationOverdue = false,
    MessageTemplate? WindowTemplate = null)
{
    /// <summary>The provider rejected the account's token (or what it may do): nothing can be sent until the account
    /// is connected again with a new one.</summary>
    public bool NeedsReconnection { get; init; }

    /// <summary>Deliveries waiting for that reconnection: each is told to go on when it comes.</summary>
    public IReadOnlyList<string> WaitingDeliveries { get; init; } = [];
}

/// <summary>vcita told the bridge the channel's status (its <c>PUT /channels/{uid}</c> webhook).</summary>
public sealed record ChannelStatusReport(string Status);

/// <summary>Creates the VCS channel for <see cref="ChannelInput"/>.</summary>
public sealed record CreateChannelRequest(string BusinessUid, string Provider, string DisplayName);

public sealed record CreatedChannel(string ChannelUid, string Status);

/// <summary>Renames a VCS channel (what staff read in vcita's channel picker).</summary>
public sealed record RenameChannelRequest(string Provider, string ChannelUid, string DisplayName);

/// <summary>Deletes a VCS channel when its connection ends.</summary>
public sealed record DeleteChannelRequest(string Provider, string ChannelUid);

/// <summary>Stops the provider's webhooks for an account the bridge subscribed when the business connected it.</summary>
public sealed record UnsubscribeAccountRequest(string Provider, string AccountId, string? AccountGroupId);

/// <summary>Why the provider took the account's access away outside of a send: the business removed the app, or the
/// account was banned or deleted. <see cref="Disconnect"/>: nothing can come back, so the channel ends.</summary>
public sealed record AccessRevoked(string Reason, bool Disconnect);

/// <summary>A channel's window template, as the operator set it; null for none.</summary>
public sealed record WindowTemplateSetting(MessageTemplate? Template);
