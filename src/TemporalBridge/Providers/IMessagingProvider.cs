namespace TemporalBridge.Providers;

/// <summary>
/// What the workflows ask of a messaging provider, in provider-neutral words. One implementation per provider
/// (WhatsApp's over the Graph API), found by <see cref="Name"/> through <see cref="MessagingProviders"/>. Every
/// failure is a <see cref="ProviderApiException"/> that says what kind it is, so activities can decide whether
/// a retry can help.
/// </summary>
public interface IMessagingProvider
{
    /// <summary>The provider's name, as in <see cref="ProviderNames"/>.</summary>
    string Name { get; }

    /// <summary>Sends <paramref name="text"/> to <paramref name="to"/>; answers the provider's id of the new message.</summary>
    /// <param name="replyTo">The provider id of a message to quote, if any.</param>
    /// <param name="deliveryId">The delivery sending it, for the provider to hand back with each status of the message
    /// where it can (<see cref="DeliveryStatusEvent.DeliveryId"/>), so a status needs no lookup.</param>
    Task<string> SendTextAsync(string accountId, ClientIdentity to, string text, string? replyTo, string? deliveryId, CancellationToken cancellationToken);

    /// <summary>Sends a pre-approved template (the only kind of message some providers allow outside their
    /// customer-service window); answers the provider's id of the new message.</summary>
    Task<string> SendTemplateAsync(string accountId, ClientIdentity to, MessageTemplate template, string? deliveryId, CancellationToken cancellationToken);

    /// <summary>Tells the client their message was read (WhatsApp's blue ticks).</summary>
    Task MarkReadAsync(string accountId, string providerMessageId, CancellationToken cancellationToken);

    /// <summary>Shows the client that the business is typing, in reply to their message <paramref name="providerMessageId"/>.</summary>
    Task ShowTypingAsync(string accountId, string providerMessageId, CancellationToken cancellationToken);
}

/// <summary>A provider's pre-approved message template.</summary>
/// <param name="Name">The template's name at the provider.</param>
/// <param name="LanguageCode">Its language, e.g. "en_US".</param>
public sealed record MessageTemplate(string Name, string LanguageCode);
