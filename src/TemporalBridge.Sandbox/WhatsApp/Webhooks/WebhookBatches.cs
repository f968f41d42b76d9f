namespace TemporalBridge.Sandbox.WhatsApp.Webhooks;

/// <summary>One update for the bridge: a user's message (with its sender) or a status, for one business number.</summary>
public sealed record WebhookItem(BusinessNumber Number, WebhookContact? Contact, InboundMessage? Message, StatusUpdate? Status)
{
    public string Wamid => Message?.Id ?? Status!.Id;

    public static WebhookItem Inbound(BusinessNumber number, WebhookContact contact, InboundMessage message) => new(number, contact, message, null);

    /// <summary>A status, with the recipient in <c>contacts</c> when Meta names them (not on <c>failed</c>).</summary>
    public static WebhookItem ForStatus(BusinessNumber number, StatusUpdate status, WebhookContact? recipient = null) => new(number, recipient, null, status);
}

/// <summary>
/// Puts updates into webhook bodies the way Meta batches them: one entry for the business account, one change per
/// phone number (in order of first appearance), each with its senders in <c>contacts</c>, then <c>messages</c> and
/// <c>statuses</c>.
/// </summary>
public static class WebhookBatches
{
    public static WebhookPayload Build(string wabaId, IReadOnlyList<WebhookItem> items)
    {
        var changes = items
            .GroupBy(i => i.Number.PhoneNumberId, StringComparer.Ordinal)
            .Select(group =>
            {
                var number = group.First().Number;
                var contacts = group.Where(i => i.Contact is not null).Select(i => i.Contact!).Distinct().ToList();
                var messages = group.Where(i => i.Message is not null).Select(i => i.Message!).ToList();
                var statuses = group.Where(i => i.Status is not null).Select(i => i.Status!).ToList();
                var value = new WebhookValue(
                    "whatsapp",
                    new WebhookMetadata(number.DisplayPhoneNumber, number.PhoneNumberId),
                    contacts.Count > 0 ? contacts : null,
                    messages.Count > 0 ? messages : null,
                    statuses.Count > 0 ? statuses : null);
                return new WebhookChange(value, WebhookChange.Messages);
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
}
