using System.Globalization;
using System.Text;
using TemporalBridge.Providers.Meta;

namespace TemporalBridge.LoadTest;

/// <summary>
/// Messenger's Page webhooks, one client message each, as Meta's Messenger Platform reference shapes them
/// ("Webhook Events", "messages"): the Messenger counterpart of the <c>messages</c> mix, signed with the Messenger
/// app's secret and sent to <c>/webhooks/messenger</c>.
/// </summary>
internal static class PageMix
{
    public static List<(byte[] Body, string Signature)> Build(int count, int users, int firstMessage)
    {
        var requests = new List<(byte[], string)>(count);
        for (var i = 0; i < count; i++)
        {
            var message = firstMessage + i;
            var psid = string.Create(CultureInfo.InvariantCulture, $"77665544{message % users:D8}");
            var mid = "m_AbCdEfGhIjKlMnOpQrStUvWx" + Convert.ToBase64String(BitConverter.GetBytes((long)message)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var body = Encoding.UTF8.GetBytes(
                $$$"""{"object":"page","entry":[{"id":"{{{BridgeServer.PageId}}}","time":{{{1733390000000 + message}}},"messaging":[{"sender":{"id":"{{{psid}}}"},"recipient":{"id":"{{{BridgeServer.PageId}}}"},"timestamp":{{{1733390000000 + message}}},"message":{"mid":"{{{mid}}}","text":"Hi, is Tuesday at 10:30 still free for a haircut? Message {{{message}}}."}}]}]}""");
            requests.Add((body, WebhookSignature.Sign(body, BridgeServer.MessengerAppSecret)));
        }

        return requests;
    }
}
