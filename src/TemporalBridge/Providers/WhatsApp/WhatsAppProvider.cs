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
public sealed class WhatsAppProvider(WhatsAppGraphClients graph) : IMessagingProvider
{
    public string Name => ProviderNames.WhatsApp;

    public async Task<string> SendTextAsync(
        string accountId, ClientIdentity to, string text, string? replyTo, string? deliveryId, CancellationToken cancellationToken)
    {
        var (number, userId) = Address(to);
        var answer = await graph.Create().SendAsync(
            accountId,
            new GraphSendRequest(number, userId, "text", Text: new GraphText(text), Context: replyTo is null ? null : new GraphContext(replyTo))
            {
                BizOpaqueCallbackData = CallbackData(deliveryId),
            },
            cancellationToken);
        return SentMessageId(answer);
    }

    public async Task<string> SendTemplateAsync(
        string accountId, ClientIdentity to, MessageTemplate template, string? deliveryId, CancellationToken cancellationToken)
    {
        var (number, userId) = Address(to);
        var answer = await graph.Create().SendAsync(
            accountId,
            new GraphSendRequest(number, userId, "template", Template: new GraphTemplate(template.Name, new GraphLanguage(template.LanguageCode)))
            {
                BizOpaqueCallbackData = CallbackData(deliveryId),
            },
            cancellationToken);
        return SentMessageId(answer);
    }

    /// <summary>The delivery id, which Meta hands back in every status webhook of the message; an id too long for the
    /// field (512 characters) is left out, and those statuses find their delivery by the message id instead.</summary>
    private static string? CallbackData(string? deliveryId) => WorkflowIds.IsOutboundDelivery(deliveryId) ? deliveryId : null;

    public Task MarkReadAsync(string accountId, string providerMessageId, CancellationToken cancellationToken) =>
        graph.Create().MarkReadAsync(accountId, new GraphReadRequest(providerMessageId), cancellationToken);

    /// <summary>WhatsApp shows typing only together with a read receipt, until the business replies or 25 s pass.</summary>
    public Task ShowTypingAsync(string accountId, string providerMessageId, CancellationToken cancellationToken) =>
        graph.Create().MarkReadAsync(accountId, new GraphReadRequest(providerMessageId, new GraphTypingIndicator("text")), cancellationToken);

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
