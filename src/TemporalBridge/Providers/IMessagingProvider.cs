namespace TemporalBridge.Providers;

/// <summary>
/// What the workflows ask of a messaging provider, in provider-neutral words. One implementation per provider
/// (WhatsApp's over the Cloud API, Messenger's over the Send API), found by <see cref="Name"/> through
/// <see cref="MessagingProviders"/>. Every failure is a <see cref="ProviderApiException"/> that says what kind it
/// is, so activities can decide whether a retry can help.
/// </summary>
public interface IMessagingProvider
{
    /// <summary>The provider's name, as in <see cref="ProviderNames"/>.</summary>
    string Name { get; }

    /// <summary>What the provider allows and how it behaves: the shared code decides by it, never by the name.</summary>
    ProviderCapabilities Capabilities { get; }

    /// <summary>Sends <paramref name="text"/> (at most <see cref="ProviderCapabilities.MaxTextLength"/>) to
    /// <paramref name="to"/>; answers the provider's id of the new message.</summary>
    /// <param name="replyTo">The provider id of a message to quote, if any.</param>
    /// <param name="deliveryId">The delivery sending it, for the provider to hand back with each status or echo of
    /// the message where it can (<see cref="DeliveryStatusEvent.DeliveryId"/>), so a status needs no lookup.</param>
    Task<string> SendTextAsync(string accountId, ClientIdentity to, string text, string? replyTo, string? deliveryId, CancellationToken cancellationToken);

    /// <summary>Sends a pre-approved template, where the provider has them (<see cref="AfterWindow.Template"/>): the
    /// only kind of message it allows outside its window. Answers the provider's id of the new message.</summary>
    Task<string> SendTemplateAsync(string accountId, ClientIdentity to, MessageTemplate template, string? deliveryId, CancellationToken cancellationToken);

    /// <summary>Tells the client the business has read their messages up to <paramref name="message"/> (WhatsApp's
    /// blue ticks on that message, Messenger's "seen" on the conversation).</summary>
    Task MarkReadAsync(string accountId, ClientMessageRef message, CancellationToken cancellationToken);

    /// <summary>Shows the client that the business is typing; where the indicator sits on a message
    /// (<see cref="TypingIndicator.OnClientMessage"/>), on <paramref name="at"/>'s message.</summary>
    Task ShowTypingAsync(string accountId, ClientMessageRef at, CancellationToken cancellationToken);

    /// <summary>Hides the indicator, where the provider can (<see cref="TypingIndicator.CanHide"/>).</summary>
    Task HideTypingAsync(string accountId, string clientId, CancellationToken cancellationToken);

    /// <summary>The client's name as the provider's profile of them gives it, for a provider whose webhooks do not
    /// carry it (Messenger); null when it has none to give.</summary>
    Task<string?> FindClientNameAsync(string accountId, ClientIdentity client, CancellationToken cancellationToken);
}

/// <summary>A client's message in their conversation with one account: whom it came from and the provider's id of it
/// (null where none is needed, e.g. Messenger's typing indicator before the client has written).</summary>
public sealed record ClientMessageRef(string ClientId, string? ProviderMessageId);

/// <summary>A provider's pre-approved message template.</summary>
/// <param name="Name">The template's name at the provider.</param>
/// <param name="LanguageCode">Its language, e.g. "en_US".</param>
public sealed record MessageTemplate(string Name, string LanguageCode);
