namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>
/// One update for the bridge, for one business number: a user's message (with its sender, none for a system message),
/// a status, an echo of what the business sent from the WhatsApp Business app (with its recipient), or an error at
/// system, app or account level.
/// </summary>
public sealed record WebhookItem(
    BusinessNumber Number, WebhookContact? Contact, InboundMessage? Message, StatusUpdate? Status, MessageEcho? Echo = null, WebhookError? Error = null)
{
    /// <summary>The wamid of the message, status or echo; null for an error, which names no message.</summary>
    public string? Wamid => Message?.Id ?? Status?.Id ?? Echo?.Id;

    /// <summary>Echoes come in their own change, <c>smb_message_echoes</c>; everything else in <c>messages</c>.</summary>
    public string Field => Echo is null ? WebhookChange.Messages : WebhookChange.SmbMessageEchoes;

    /// <summary>A user's message; <paramref name="contact"/> is null for a system message, which Meta sends without <c>contacts</c>.</summary>
    public static WebhookItem Inbound(BusinessNumber number, WebhookContact? contact, InboundMessage message) => new(number, contact, message, null);

    /// <summary>A status, with the recipient in <c>contacts</c> when Meta names them (not on <c>failed</c>).</summary>
    public static WebhookItem ForStatus(BusinessNumber number, StatusUpdate status, WebhookContact? recipient = null) => new(number, recipient, null, status);

    public static WebhookItem ForEcho(BusinessNumber number, WebhookContact recipient, MessageEcho echo) => new(number, recipient, null, null, echo);

    public static WebhookItem ForError(BusinessNumber number, WebhookError error) => new(number, null, null, null, null, error);
}

/// <summary>
/// Puts updates into webhook bodies the way Meta batches them: one entry for the business account, one change per
/// phone number and field (in order of first appearance), each with its senders or recipients in <c>contacts</c>, then
/// <c>messages</c> and <c>statuses</c> (field <c>messages</c>), <c>message_echoes</c> (field
/// <c>smb_message_echoes</c>) or <c>errors</c> (field <c>messages</c>, alone in Meta's errors webhook reference).
/// </summary>
public static class WebhookBatches
{
    public static WebhookPayload Build(string wabaId, IReadOnlyList<WebhookItem> items)
    {
        var changes = items
            .GroupBy(i => (i.Number.PhoneNumberId, i.Field))
            .Select(group =>
            {
                var number = group.First().Number;
                var value = new WebhookValue(
                    "whatsapp",
                    new WebhookMetadata(number.DisplayPhoneNumber, number.PhoneNumberId),
                    OrNull(group.Where(i => i.Contact is not null).Select(i => i.Contact!).Distinct()),
                    OrNull(group.Where(i => i.Message is not null).Select(i => i.Message!)),
                    OrNull(group.Where(i => i.Status is not null).Select(i => i.Status!)),
                    OrNull(group.Where(i => i.Echo is not null).Select(i => i.Echo!)),
                    OrNull(group.Where(i => i.Error is not null).Select(i => i.Error!)));
                return new WebhookChange(value, group.Key.Field);
            })
            .ToList();

        return new WebhookPayload(WebhookPayload.WhatsAppBusinessAccount, [new WebhookEntry(wabaId, changes)]);
    }

    /// <summary>
    /// Spreads <paramref name="items"/> over <paramref name="posts"/> bodies, round robin; with a seed, shuffled first
    /// (the same seed gives the same order every run, so a failing test can be replayed).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<WebhookItem>> Spread(IReadOnlyList<WebhookItem> items, int posts, int? shuffleSeed)
    {
        var order = items.ToArray();
        if (shuffleSeed is { } seed)
        {
            // Deliberately a seeded, predictable generator: the point is a reproducible order, not secrecy.
#pragma warning disable CA5394
            new Random(seed).Shuffle(order);
#pragma warning restore CA5394
        }

        var buckets = Enumerable.Range(0, posts).Select(_ => new List<WebhookItem>()).ToList();
        for (var i = 0; i < order.Length; i++)
        {
            buckets[i % posts].Add(order[i]);
        }

        return buckets;
    }

    /// <summary>The updates as a list, or null (left out of the JSON) when there are none.</summary>
    private static List<T>? OrNull<T>(IEnumerable<T> updates) => updates.ToList() is { Count: > 0 } list ? list : null;
}
