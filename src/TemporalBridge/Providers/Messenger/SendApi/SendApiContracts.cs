namespace TemporalBridge.Providers.Messenger.SendApi;

// The Send API's wire types for the calls the bridge makes (developers.facebook.com/docs/messenger-platform/reference/send-api
// and /docs/messenger-platform/send-messages/sender-actions, /docs/messenger-platform/identity/user-profile), named as
// there (snake_case through SendApiJsonContext). Null members are left out of requests.

/// <summary>
/// <c>POST /{page-id}/messages</c> with a text: <c>messaging_type</c> <c>RESPONSE</c> inside the 24-hour window,
/// <c>MESSAGE_TAG</c> with <c>tag: HUMAN_AGENT</c> for a person's reply after it.
/// </summary>
public sealed record SendApiRequest(SendRecipient Recipient, string MessagingType, SendApiMessage Message, string? Tag = null)
{
    public const string Response = "RESPONSE";
    public const string MessageTag = "MESSAGE_TAG";
    public const string HumanAgent = "HUMAN_AGENT";
}

/// <summary>The person, by their page-scoped id (PSID).</summary>
public sealed record SendRecipient(string Id);

/// <summary>A text of at most 2,000 characters; <paramref name="Metadata"/> (at most 1,000) comes back in the message's echo.</summary>
public sealed record SendApiMessage(string Text, string? Metadata = null);

/// <summary><c>POST /{page-id}/messages</c> with only a sender action: <c>typing_on</c>, <c>typing_off</c> or <c>mark_seen</c>.</summary>
public sealed record SenderActionRequest(SendRecipient Recipient, string SenderAction)
{
    public const string TypingOn = "typing_on";
    public const string TypingOff = "typing_off";
    public const string MarkSeen = "mark_seen";
}

/// <summary>What a send or a sender action answers: the PSID, and a send's new message id (<c>m_…</c>).</summary>
public sealed record SendApiResponse(string? RecipientId, string? MessageId);

/// <summary><c>GET /{psid}?fields=first_name,last_name</c> with the Page's token.</summary>
public sealed record UserProfile(string? FirstName, string? LastName);
