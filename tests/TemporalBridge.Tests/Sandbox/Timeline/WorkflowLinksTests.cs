extern alias Sandbox;
using System.Text;
using WorkflowLinks = Sandbox::TemporalBridge.Sandbox.Timeline.WorkflowLinks;

namespace TemporalBridge.Tests.Sandbox.Timeline;

/// <summary>Which workflow of the bridge a call belongs to, read from the body as the vendor's shape carries it.</summary>
public sealed class WorkflowLinksTests
{
    [Theory]
    // The bridge's Graph send, and WhatsApp's status webhook handing the callback data back (Meta's status reference).
    [InlineData("whatsapp", """{"messaging_product":"whatsapp","to":"1555","type":"text","text":{"body":"Hi"},"biz_opaque_callback_data":"delivery-out:Ch1:m1"}""", "delivery-out:Ch1:m1")]
    [InlineData("whatsapp", """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"read","biz_opaque_callback_data":"delivery-out:Ch1:m2"}]}}]}]}""", "delivery-out:Ch1:m2")]
    // A user's message: the delivery the bridge starts for it, by its wamid.
    [InlineData("whatsapp", """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"contacts":[{"wa_id":"1555"}],"messages":[{"from":"1555","id":"wamid.HBgL","type":"text","text":{"body":"Hi"}}]}}]}]}""", "delivery-in:whatsapp:wamid.HBgL")]
    // A status without callback data (the business app's own send): nothing to link.
    [InlineData("whatsapp", """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"sent"}]}}]}]}""", null)]
    // The Send API with the bridge's metadata, and Meta's echo of it.
    [InlineData("messenger", """{"recipient":{"id":"42"},"messaging_type":"RESPONSE","message":{"text":"Hi","metadata":"delivery-out:Ch2:m3"}}""", "delivery-out:Ch2:m3")]
    [InlineData("messenger", """{"object":"page","entry":[{"id":"9","time":1,"messaging":[{"sender":{"id":"9"},"recipient":{"id":"42"},"timestamp":1,"message":{"mid":"m_E","is_echo":true,"app_id":1,"metadata":"delivery-out:Ch2:m3","text":"Hi"}}]}]}""", "delivery-out:Ch2:m3")]
    // A person's message, and an echo from the Page Inbox (no metadata: not the bridge's, and not a person's message).
    [InlineData("messenger", """{"object":"page","entry":[{"id":"9","time":1,"messaging":[{"sender":{"id":"42"},"recipient":{"id":"9"},"timestamp":1,"message":{"mid":"m_P","text":"Hi"}}]}]}""", "delivery-in:messenger:m_P")]
    [InlineData("messenger", """{"object":"page","entry":[{"id":"9","time":1,"messaging":[{"sender":{"id":"9"},"recipient":{"id":"42"},"timestamp":1,"message":{"mid":"m_I","is_echo":true,"app_id":263902037430900,"text":"Hi"}}]}]}""", null)]
    // Metadata another app wrote is not a workflow of the bridge.
    [InlineData("messenger", """{"recipient":{"id":"42"},"messaging_type":"RESPONSE","message":{"text":"Hi","metadata":"campaign-7"}}""", null)]
    // vcita: the bridge's POST /messages names the session as external_uid, and vcita's staff message hands it back.
    [InlineData("vcita", """{"channel_uid":"Ch1","external_uid":"session:whatsapp:1:abc","message":"Hi","message_uid":"m4"}""", "session:whatsapp:1:abc")]
    [InlineData("vcita", """{"status":"read","channel_uid":"Ch1"}""", null)]
    // Only the bridge's own ids: another app's callback data, or an external_uid that names no session.
    [InlineData("whatsapp", """{"messaging_product":"whatsapp","to":"1555","type":"text","text":{"body":"Hi"},"biz_opaque_callback_data":"campaign-7"}""", null)]
    [InlineData("vcita", """{"external_uid":"order-17"}""", null)]
    // A body naming several: the bridge's own delivery first, then a client's message, then the session.
    [InlineData("whatsapp", """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"id":"wamid.M","type":"text"}],"statuses":[{"id":"wamid.S","status":"read","biz_opaque_callback_data":"delivery-out:Ch1:m5"}]}}]}]}""", "delivery-out:Ch1:m5")]
    [InlineData("messenger", """{"object":"page","entry":[{"id":"9","time":1,"messaging":[{"sender":{"id":"42"},"recipient":{"id":"9"},"timestamp":1,"message":{"mid":"m_P","text":"Hi"}},{"sender":{"id":"9"},"recipient":{"id":"42"},"timestamp":2,"message":{"mid":"m_E","is_echo":true,"metadata":"delivery-out:Ch2:m6"}}]}]}""", "delivery-out:Ch2:m6")]
    [InlineData("whatsapp", """{"external_uid":"session:whatsapp:1:abc","object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messages":[{"id":"wamid.M"}]}}]}]}""", "delivery-in:whatsapp:wamid.M")]
    [InlineData("vcita", """{"external_uid":""}""", null)]
    [InlineData("vcita", """not json""", null)]
    [InlineData("vcita", "", null)]
    public void TheWorkflowIsTheOneTheBodyNames(string service, string body, string? workflow) =>
        WorkflowLinks.Of(service, Encoding.UTF8.GetBytes(body)).Should().Be(workflow);

    [Fact]
    public void ABodyLargerThanAnyTheSandboxSeesIsNotRead()
    {
        var padding = new string(' ', WorkflowLinks.MaxBody);
        var body = Encoding.UTF8.GetBytes($$"""{"external_uid":"session:whatsapp:1:abc"}""");

        WorkflowLinks.Of("vcita", [.. body, .. Encoding.UTF8.GetBytes(padding)]).Should().BeNull();
        WorkflowLinks.Of("vcita", [.. body, .. Encoding.UTF8.GetBytes(padding[..(WorkflowLinks.MaxBody - body.Length)])]).Should().Be("session:whatsapp:1:abc");
    }
}
