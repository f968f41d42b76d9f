using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using TemporalBridge.Tests.Providers.Messenger;
using TemporalBridge.Tests.Providers.WhatsApp;

namespace TemporalBridge.Tests.Temporal;

/// <summary>
/// With Temporal (and Redis) unreachable, every endpoint that hands an event over answers 503 with Retry-After for
/// valid input: nothing is acknowledged that Temporal does not have, so the sender sends it again.
/// </summary>
public sealed class TemporalDownEveryEndpointTests : IAsyncLifetime
{
    private const string VcitaSecret = "test-vcita-webhook-secret";
    private const string AdminKey = "test-admin-api-key";
    private const string WhatsAppSecret = "test-whatsapp-app-secret";
    private const string MessengerSecret = "test-messenger-app-secret";

    private readonly BridgeApplication app = new();
    private HttpClient client = null!;

    public static TheoryData<string, string, string, string> Calls => new()
    {
        { "vcita", "PUT", "/vcita/channels/ch1", """{"status":"active"}""" },
        { "vcita", "PUT", "/vcita/sessions/se1", """{"status":"active"}""" },
        { "vcita", "POST", "/vcita/messages", """{"external_uid":"session:whatsapp:1234567890:15551230001","message":"hi","message_uid":"m1","channel_uid":"ch1"}""" },
        { "vcita", "PUT", $"/vcita/messages/{InboundMessageUid.For("whatsapp", "wamid.HBgL")}", """{"status":"read","channel_uid":"ch1"}""" },
        { "vcita", "POST", "/vcita/sessions/se1/typing", """{"typing":true}""" },
        { "whatsapp", "POST", "/webhooks/whatsapp", WebhookPayloads.SingleText() },
        { "messenger", "POST", "/webhooks/messenger", PagePayloads.Single(PagePayloads.Text("hi")) },
        { "admin", "POST", "/admin/channels", """{"business_uid":"bizuid0000000001","provider":"whatsapp","phone_number_id":"1234567890","display_number":"+1 555 078 3881"}""" },
        { "admin", "GET", "/admin/channels", "" },
        { "admin", "DELETE", "/admin/channels/whatsapp/1234567890", "" },
        { "admin", "GET", "/admin/deliveries", "" },
        { "admin", "POST", "/admin/deliveries/delivery-out:ch1:m1/retry", "" },
    };

    public Task InitializeAsync()
    {
        client = app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task AValidEventIsAnswered503WithRetryAfter(string caller, string method, string path, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }
        switch (caller)
        {
            case "vcita":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", VcitaSecret);
                break;
            case "admin":
                request.Headers.Add("X-Api-Key", AdminKey);
                break;
            case "whatsapp":
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), WhatsAppSecret));
                break;
            case "messenger":
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), MessengerSecret));
                break;
        }

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
        response.Headers.RetryAfter.Should().NotBeNull();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(503);
    }
}
