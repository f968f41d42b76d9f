using TemporalBridge.Channels;
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
public sealed class WhatsAppProvider(WhatsAppGraphClients graph, IAccountCredentials credentials) : IMessagingProvider
{
    public string Name => ProviderNames.WhatsApp;

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

    public async Task MarkReadAsync(string accountId, string providerMessageId, CancellationToken cancellationToken) =>
        await WithTokenAsync(
            accountId, token => graph.Create().MarkReadAsync(accountId, new GraphReadRequest(providerMessageId), token, cancellationToken), cancellationToken);

    /// <summary>WhatsApp shows typing only together with a read receipt, until the business replies or 25 s pass.</summary>
    public async Task ShowTypingAsync(string accountId, string providerMessageId, CancellationToken cancellationToken) =>
        await WithTokenAsync(
            accountId,
            token => graph.Create().MarkReadAsync(accountId, new GraphReadRequest(providerMessageId, new GraphTypingIndicator("text")), token, cancellationToken),
            cancellationToken);

    /// <summary>Makes a call with the number's own token (null: the handler's default); a token Meta rejects is
    /// asked of the channel again next time, so a number connected again with a new one goes on at once.</summary>
    private async Task<T> WithTokenAsync<T>(string accountId, Func<string?, Task<T>> call, CancellationToken cancellationToken)
    {
        var token = (await credentials.FindAsync(ProviderNames.WhatsApp, accountId, cancellationToken))?.AccessToken;
        try
        {
            return await call(token);
        }
        catch (ProviderApiException e) when (e.Kind == ProviderFailure.TokenRejected)
        {
            credentials.Forget(ProviderNames.WhatsApp, accountId);
            throw;
        }
    }

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
