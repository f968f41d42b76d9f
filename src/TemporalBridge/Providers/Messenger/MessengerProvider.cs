using Microsoft.Extensions.Options;
using TemporalBridge.Pacing;
using TemporalBridge.Providers.Messenger.SendApi;
using TemporalBridge.Temporal;

namespace TemporalBridge.Providers.Messenger;

/// <summary>
/// Messenger as a <see cref="IMessagingProvider"/>, over the Send API. The account id is the Facebook Page id, a client
/// is their page-scoped id (PSID), and every call carries the Page's own token (a Page has no default to fall back
/// to). A staff message goes as a <c>RESPONSE</c> inside the 24-hour window; after it, where
/// <see cref="MessengerOptions.HumanAgentTag"/> allows, again with the <c>HUMAN_AGENT</c> tag (a person wrote it, as
/// every staff message in vcita is), which Meta accepts for 7 days; beyond that the send fails as outside the window.
/// Read receipts and typing are sender actions addressed to the person, not to a message.
/// </summary>
public sealed class MessengerProvider(MessengerSendClients api, IAccountCredentials credentials, IOptions<MessengerOptions> options, IOptions<PacingOptions> pacing)
    : IMessagingProvider
{
    /// <summary>Meta's limit for a message's text, in characters.</summary>
    internal const int MaxTextLength = 2000;

    public string Name => ProviderNames.Messenger;

    /// <summary>Texts of up to 2,000 characters; after 24 hours a person's reply with the <c>HUMAN_AGENT</c> tag where
    /// allowed, else nothing; typing shown to the person for 20 s, and hidden on demand; the Page's pace from
    /// <see cref="PacingOptions.MessengerMessagesPerSecond"/>, with no limit per person; no default token.</summary>
    public ProviderCapabilities Capabilities { get; } = new()
    {
        MaxTextLength = MaxTextLength,
        AfterWindow = options.Value.HumanAgentTag ? AfterWindow.HumanReplyTag : AfterWindow.Nothing,
        Typing = new TypingIndicator(OnClientMessage: false, CanHide: true, ShownFor: TimeSpan.FromSeconds(20)),
        Pace = new ProviderPace(pacing.Value.MessengerMessagesPerSecond, PerClient: null),
        CredentialsRequired = true,
    };

    /// <summary>Messenger's Send API does not quote: <paramref name="replyTo"/> is not passed on. The delivery id goes
    /// as the message's <c>metadata</c>, which comes back in its echo: that is how the webhook knows the bridge's own
    /// sends, even when the echo comes before this call has returned.</summary>
    public async Task<string> SendTextAsync(
        string accountId, ClientIdentity to, string text, string? replyTo, string? deliveryId, CancellationToken cancellationToken)
    {
        var message = new SendApiMessage(text, WorkflowIds.IsOutboundDelivery(deliveryId) ? deliveryId : null);
        var recipient = new SendRecipient(to.Id);
        var answer = await WithTokenAsync(accountId, async token =>
        {
            try
            {
                return await api.Create().SendAsync(accountId, new SendApiRequest(recipient, SendApiRequest.Response, message), token, cancellationToken);
            }
            catch (ProviderApiException e) when (e.Kind == ProviderFailure.OutsideWindow && Capabilities.AfterWindow == AfterWindow.HumanReplyTag)
            {
                return await api.Create().SendAsync(
                    accountId, new SendApiRequest(recipient, SendApiRequest.MessageTag, message, SendApiRequest.HumanAgent), token, cancellationToken);
            }
        }, cancellationToken);
        return answer.MessageId is { Length: > 0 } id
            ? id
            : throw new ProviderApiException(ProviderNames.Messenger, ProviderFailure.BadRequest, "no_message_id",
                "Messenger accepted a message but answered without its id (message_id)");
    }

    /// <summary>Messenger has no templates (<see cref="ProviderCapabilities.AfterWindow"/> is never
    /// <see cref="AfterWindow.Template"/>), so nothing asks this of it.</summary>
    public Task<string> SendTemplateAsync(
        string accountId, ClientIdentity to, MessageTemplate template, string? deliveryId, CancellationToken cancellationToken) =>
        throw new ProviderApiException(ProviderNames.Messenger, ProviderFailure.BadRequest, "no_templates", "Messenger has no message templates");

    /// <summary><c>mark_seen</c>: the person sees the Page has read the conversation.</summary>
    public Task MarkReadAsync(string accountId, ClientMessageRef message, CancellationToken cancellationToken) =>
        SenderActionAsync(accountId, message.ClientId, SenderActionRequest.MarkSeen, cancellationToken);

    /// <summary><c>typing_on</c>: shown for 20 s, or until the Page sends a message or turns it off.</summary>
    public Task ShowTypingAsync(string accountId, ClientMessageRef at, CancellationToken cancellationToken) =>
        SenderActionAsync(accountId, at.ClientId, SenderActionRequest.TypingOn, cancellationToken);

    public Task HideTypingAsync(string accountId, string clientId, CancellationToken cancellationToken) =>
        SenderActionAsync(accountId, clientId, SenderActionRequest.TypingOff, cancellationToken);

    /// <summary>First and last name from the person's profile, as Meta shares it with the Page; null when it has neither.</summary>
    public async Task<string?> FindClientNameAsync(string accountId, ClientIdentity client, CancellationToken cancellationToken)
    {
        var profile = await WithTokenAsync(accountId, token => api.Create().GetProfileAsync(client.Id, token, cancellationToken: cancellationToken), cancellationToken);
        var name = string.Join(' ', new[] { profile.FirstName, profile.LastName }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.Trim()));
        return name.Length > 0 ? name : null;
    }

    private Task SenderActionAsync(string accountId, string clientId, string action, CancellationToken cancellationToken) =>
        WithTokenAsync(
            accountId,
            token => api.Create().SenderActionAsync(accountId, new SenderActionRequest(new SendRecipient(clientId), action), token, cancellationToken),
            cancellationToken);

    /// <summary>A call with the Page's token; a Page connected without one cannot be called at all, which is a token
    /// problem an operator solves by connecting it again with one.</summary>
    private Task<T> WithTokenAsync<T>(string pageId, Func<string, Task<T>> call, CancellationToken cancellationToken) =>
        credentials.WithTokenAsync(
            ProviderNames.Messenger,
            pageId,
            token => token is { Length: > 0 }
                ? call(token)
                : throw new ProviderApiException(ProviderNames.Messenger, ProviderFailure.TokenRejected, "no_token",
                    "the Page was connected without an access token; connect it again with its Page token"),
            cancellationToken);
}
