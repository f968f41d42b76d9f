using Microsoft.Extensions.Options;
using TemporalBridge.Channels;
using TemporalBridge.Pacing;
using TemporalBridge.Providers.WhatsApp.Graph;
using TemporalBridge.Temporal;

namespace TemporalBridge.Providers.WhatsApp;

/// <summary>
/// WhatsApp as a <see cref="IMessagingProvider"/>, over the Cloud API. The account id is the business phone number
/// id. A client is addressed by <c>to</c> (their wa_id: the digits of <see cref="ClientIdentity.Phone"/>) when the
/// number is known; a client known only by their business-scoped user id (a user with a username who hides the
/// number) is addressed by <c>recipient</c>, which the Cloud API accepts in place of <c>to</c> since 2026.
/// </summary>
/// Each call carries the number's own token when it was connected with one (<see cref="IAccountCredentials"/>), else
/// the global <c>WhatsApp:AccessToken</c>.
public sealed class WhatsAppProvider(WhatsAppGraphClients graph, IAccountCredentials credentials, IOptions<PacingOptions> pacing) : IMessagingProvider
{
    /// <summary>Meta's limit for a text message's body, in characters.</summary>
    internal const int MaxTextLength = 4096;

    public string Name => ProviderNames.WhatsApp;

    /// <summary>A text of up to 4,096 characters; 24 hours after the client's last message only a template; typing
    /// shown with a read receipt on the client's message for 25 s, with no call to hide it; each number's throughput
    /// and the limit per client (the "pair") from <see cref="PacingOptions"/>.</summary>
    public ProviderCapabilities Capabilities { get; } = new()
    {
        MaxTextLength = MaxTextLength,
        AfterWindow = AfterWindow.Template,
        Typing = new TypingIndicator(OnClientMessage: true, CanHide: false, ShownFor: TimeSpan.FromSeconds(25)),
        Pace = new ProviderPace(
            pacing.Value.WhatsAppMessagesPerSecond,
            new Rate(TimeSpan.FromSeconds(pacing.Value.WhatsAppPairIntervalSeconds), pacing.Value.WhatsAppPairBurst)),
        // WhatsApp:AccessToken serves numbers connected without their own.
        CredentialsRequired = false,
    };

    public async Task<string> SendTextAsync(
        string accountId, ClientIdentity to, string text, string? replyTo, string? deliveryId, CancellationToken cancellationToken)
    {
        var (number, userId) = Address(to);
        var request = new GraphSendRequest(number, userId, "text", Text: new GraphText(text), Context: replyTo is null ? null : new GraphContext(replyTo))
        {
            BizOpaqueCallbackData = CallbackData(deliveryId),
        };
        return SentMessageId(await WithTokenAsync(accountId, token => graph.Create().SendAsync(accountId, request, token, cancellationToken), cancellationToken));
    }

    public async Task<string> SendTemplateAsync(
        string accountId, ClientIdentity to, MessageTemplate template, string? deliveryId, CancellationToken cancellationToken)
    {
        var (number, userId) = Address(to);
        var request = new GraphSendRequest(number, userId, "template", Template: new GraphTemplate(template.Name, new GraphLanguage(template.LanguageCode)))
        {
            BizOpaqueCallbackData = CallbackData(deliveryId),
        };
        return SentMessageId(await WithTokenAsync(accountId, token => graph.Create().SendAsync(accountId, request, token, cancellationToken), cancellationToken));
    }

    /// <summary>The delivery id, which Meta hands back in every status webhook of the message; an id too long for the
    /// field (512 characters) is left out, and those statuses find their delivery by the message id instead.</summary>
    private static string? CallbackData(string? deliveryId) => WorkflowIds.IsOutboundDelivery(deliveryId) ? deliveryId : null;

    /// <summary>Blue ticks on the message (and, as WhatsApp shows them, on every earlier one).</summary>
    public async Task MarkReadAsync(string accountId, ClientMessageRef message, CancellationToken cancellationToken) =>
        await WithTokenAsync(
            accountId, token => graph.Create().MarkReadAsync(accountId, new GraphReadRequest(MessageId(message)), token, cancellationToken), cancellationToken);

    /// <summary>WhatsApp shows typing only together with a read receipt, until the business replies or 25 s pass.</summary>
    public async Task ShowTypingAsync(string accountId, ClientMessageRef at, CancellationToken cancellationToken) =>
        await WithTokenAsync(
            accountId,
            token => graph.Create().MarkReadAsync(accountId, new GraphReadRequest(MessageId(at), new GraphTypingIndicator("text")), token, cancellationToken),
            cancellationToken);

    /// <summary>WhatsApp has no call to hide the indicator (<see cref="TypingIndicator.CanHide"/> is false): it goes
    /// by itself.</summary>
    public Task HideTypingAsync(string accountId, string clientId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>WhatsApp's webhooks carry the client's profile name; there is nothing to ask.</summary>
    public Task<string?> FindClientNameAsync(string accountId, ClientIdentity client, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    private static string MessageId(ClientMessageRef message) =>
        message.ProviderMessageId ?? throw new ArgumentException("WhatsApp reads and shows typing on a client's message: its id is needed.", nameof(message));

    private Task<T> WithTokenAsync<T>(string accountId, Func<string?, Task<T>> call, CancellationToken cancellationToken) =>
        credentials.WithTokenAsync(ProviderNames.WhatsApp, accountId, call, cancellationToken);

    /// <summary><c>to</c> (wa_id digits) when the number is known, else <c>recipient</c> (the business-scoped user id).</summary>
    internal static (string? To, string? Recipient) Address(ClientIdentity client)
    {
        var digits = new string([.. (client.Phone ?? "").Where(char.IsAsciiDigit)]);
        if (digits.Length > 0)
        {
            return (digits, null);
        }

        return string.IsNullOrWhiteSpace(client.Id)
            ? throw new ArgumentException("A WhatsApp client needs a phone number or a user id.", nameof(client))
            : (null, client.Id);
    }

    private static string SentMessageId(GraphSendResponse answer) =>
        answer.Messages?.FirstOrDefault()?.Id is { Length: > 0 } id
            ? id
            : throw new ProviderApiException(ProviderNames.WhatsApp, ProviderFailure.BadRequest, "no_message_id",
                "WhatsApp accepted a message but answered without its id (messages[0].id)");
}
