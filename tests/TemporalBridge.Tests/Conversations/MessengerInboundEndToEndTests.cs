using System.Net;
using System.Text;
using TemporalBridge.Admin;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;
using static TemporalBridge.Tests.Providers.Messenger.PagePayloads;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// Messenger's Page webhooks through the real bridge, the channel and conversation workflows in the offline kit and
/// vcita's emulator, beside a WhatsApp channel of the same business: the neutral seam carries them as it carries
/// WhatsApp's. The Page's channel is connected through the channel service (the admin API takes Messenger once its
/// Send API client exists).
/// </summary>
public sealed class MessengerInboundEndToEndTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string MessengerSecret = VcitaBridgeHost.MessengerAppSecret;

    [Fact]
    public async Task APagesMessagesReachVcitaOnceInOrderAndThePagesOwnReplyAsTheBusinesss()
    {
        await using var conversation = await ConversationHost.StartAsync(redis);
        await conversation.Service<ChannelConnections>().ConnectAsync(
            new ChannelInput(VcitaBridgeHost.BusinessUid, ProviderNames.Messenger, PageId, "Acme Page"), CancellationToken.None);
        await conversation.SettleAsync();
        var body = Envelope(Entry(
            [
                Text("Are you open on Sunday?", "m_Ask1"),
                FromUser("message", """{"mid":"m_Ask2","text":"Or Monday","reply_to":{"mid":"m_Ask1"}}""", at: At + 1000),
                FromPage("""{"is_echo":true,"app_id":263902037430900,"mid":"m_Inbox1","text":"Monday from 9"}""", at: At + 2000),
                FromPage("""{"is_echo":true,"app_id":"123456789012345","metadata":"delivery-out:ch-x:bWVzc2FnZS0x","mid":"m_Own1","text":"sent by the bridge"}""", at: At + 3000),
            ],
            standby: [Text("for another app", "m_Other1")]));

        using var http = conversation.Host.Bridge.CreateClient();
        var first = await http.SendAsync(Signed(body));
        await conversation.SettleAsync();
        var again = await http.SendAsync(Signed(body));
        await conversation.SettleAsync();

        first.StatusCode.Should().Be(HttpStatusCode.OK, conversation.Diagnostics());
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = conversation.Vcita.Snapshot().Channels.Single(c => c.DisplayName == "Messenger Acme Page");
        page.Status.Should().Be("active");
        var messages = conversation.MessagesInVcita().Where(m => m.ChannelUid == page.Uid).ToList();
        messages.Select(m => (m.Message, m.Direction)).Should().Equal(
            ("Are you open on Sunday?", "client_to_business"),
            ("[Reply to an earlier message] Or Monday", "client_to_business"),
            ("Monday from 9", "business_to_client"));
        messages.Select(m => m.ExternalUid).Distinct().Should().ContainSingle("one conversation per client per Page")
            .Which.Should().Be(WorkflowIds.Session(ProviderNames.Messenger, PageId, Psid));
        conversation.Vcita.Snapshot().Sessions.Where(s => s.ChannelUid == page.Uid).Should().ContainSingle();
        conversation.Host.Bridge.Logs.AllText.Should().NotContain("Are you open on Sunday?").And.NotContain(MessengerSecret);
    }

    private static HttpRequestMessage Signed(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/messenger") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), MessengerSecret));
        return request;
    }
}
