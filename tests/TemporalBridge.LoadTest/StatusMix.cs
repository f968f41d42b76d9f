using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using TemporalBridge.Temporal;

namespace TemporalBridge.LoadTest;

/// <summary>
/// Status webhooks of staff messages the bridge sent: each message gets sent, delivered and read, in that order,
/// one status per webhook, as Meta reports them. Each status carries the <c>biz_opaque_callback_data</c> the send
/// gave it (the delivery's id), and the cache holds the message id → delivery entry the send recorded, so a bridge
/// that reads the callback data and one that looks the message up both find the delivery.
/// </summary>
internal sealed class StatusMix(LoadOptions options, string phoneNumberId)
{
    private static readonly string[] Statuses = ["sent", "delivered", "read"];

    /// <summary>Records the sends of every message the run will report on, then answers the mix.</summary>
    public static async Task<StatusMix> SeedAsync(BridgeServer bridge, LoadOptions options)
    {
        var mix = new StatusMix(options, bridge.PhoneNumberId);
        var messages = (options.Warmup + options.Seconds) * options.Rate / Statuses.Length + 1;
        var db = bridge.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var batch = db.CreateBatch();
        // The key the send's OutboundMessageIds.RecordAsync writes.
        var writes = Enumerable.Range(0, messages)
            .Select(m => batch.StringSetAsync($"tb:{ProviderNames.WhatsApp}:sent:{Wamid(m)}:delivery", DeliveryId(m), TimeSpan.FromHours(1)))
            .ToList();
        batch.Execute();
        await Task.WhenAll(writes);
        return mix;
    }

    public List<(byte[] Body, string Signature)> Build(int count, int first)
    {
        var requests = new List<(byte[], string)>(count);
        for (var i = 0; i < count; i++)
        {
            var n = first + i;
            var message = n / Statuses.Length;
            var waId = string.Create(CultureInfo.InvariantCulture, $"1650555{message % options.Users:D4}");
            var body = Encoding.UTF8.GetBytes(
                $$$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{phoneNumberId}}}"},"contacts":[{"profile":{"name":"Customer {{{message % options.Users}}}"},"wa_id":"{{{waId}}}"}],"statuses":[{"id":"{{{Wamid(message)}}}","status":"{{{Statuses[n % Statuses.Length]}}}","timestamp":"{{{1739321024 + n}}}","recipient_id":"{{{waId}}}","biz_opaque_callback_data":"{{{DeliveryId(message)}}}","pricing":{"billable":true,"pricing_model":"PMP","category":"service"}}]}}]}]}""");
            requests.Add((body, WebhookSignature.Sign(body, BridgeServer.AppSecret)));
        }

        return requests;
    }

    private static string Wamid(int message) =>
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI" + Convert.ToBase64String(BitConverter.GetBytes((long)message)).TrimEnd('=');

    private static string DeliveryId(int message) =>
        WorkflowIds.OutboundDelivery(BridgeServer.ChannelUid, string.Create(CultureInfo.InvariantCulture, $"staff-{message}"));
}
