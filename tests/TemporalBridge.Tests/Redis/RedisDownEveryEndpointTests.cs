using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using TemporalBridge.Temporal;
using TemporalBridge.Tests.CommunicationApp;
using TemporalBridge.Tests.Conversations;
using TemporalBridge.Tests.Providers.WhatsApp;

namespace TemporalBridge.Tests.Redis;

/// <summary>
/// With Redis gone and Temporal up, every endpoint that hands an event over either answers 2xx with the event in
/// Temporal's hands (the bridge asked Temporal what Redis would have told it) or 503 with Retry-After and nothing
/// handed over — never 2xx without the hand-over — and answers within <see cref="AnswerBound"/>. Run once with Redis
/// killed (connections refused) and once with Redis frozen (connections accepted, nothing answered: timeouts).
/// </summary>
public abstract class RedisDownEveryEndpointTests(RedisOutageHost host)
{
    /// <summary>Well below the 10 s vcita's and Meta's senders wait, and far above what a healthy call takes.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What each call must end in with Redis down. Everything Temporal can answer degrades to 2xx; the OAuth sign-in
    /// state lives only in Redis, so that flow answers 503.
    /// </summary>
    private enum Expect
    {
        /// <summary>2xx, and the named workflow got a signal or was started.</summary>
        HandedOver,

        /// <summary>2xx; not a hand-over (a read, or typing, which is best-effort and never a workflow).</summary>
        Answered,

        /// <summary>503 with Retry-After, a ProblemDetails, and no workflow changed.</summary>
        Unavailable,
    }

    private sealed record Call(string Caller, string Method, string Path, string Body, Expect Expect, string? Target = null);

    public static TheoryData<string> Calls => new(
        "vcita: channel status", "vcita: session status", "vcita: staff message", "vcita: message status", "vcita: typing",
        "whatsapp: webhook", "admin: connect", "admin: list channels", "admin: disconnect", "admin: list deliveries",
        "oauth: start", "oauth: callback");

    private Call Build(string name) => name switch
    {
        "vcita: channel status" => new("vcita", "PUT", $"/vcita/channels/{host.ChannelUid}", """{"status":"active"}""",
            Expect.HandedOver, WorkflowIds.Channel(ProviderNames.WhatsApp, ConversationHost.PhoneNumberId)),
        "vcita: session status" => new("vcita", "PUT", $"/vcita/sessions/{host.SessionUid}", """{"status":"inactive"}""",
            Expect.HandedOver, host.SessionWorkflowId),
        "vcita: staff message" => new("vcita", "POST", "/vcita/messages",
            $$"""{"external_uid":"{{host.SessionWorkflowId}}","message":"See you Friday","message_uid":"staff-{{Guid.NewGuid():N}}","channel_uid":"{{host.ChannelUid}}"}""",
            Expect.HandedOver, host.SessionWorkflowId),
        "vcita: message status" => new("vcita", "PUT", $"/vcita/messages/{InboundMessageUid.For(ProviderNames.WhatsApp, RedisOutageHost.FirstWamid)}",
            $$"""{"status":"read","channel_uid":"{{host.ChannelUid}}"}""",
            Expect.HandedOver, WorkflowIds.InboundDelivery(ProviderNames.WhatsApp, RedisOutageHost.FirstWamid)),
        "vcita: typing" => new("vcita", "POST", $"/vcita/sessions/{host.SessionUid}/typing", """{"typing":true}""", Expect.Answered),
        "whatsapp: webhook" => new("whatsapp", "POST", "/webhooks/whatsapp",
            WebhookPayloads.Envelope(WebhookPayloads.Value(
                messages: WebhookPayloads.Text("Still there?", id: $"wamid.{Guid.NewGuid():N}", from: RedisOutageHost.Maria),
                contacts: WebhookPayloads.Contact(RedisOutageHost.Maria, "Maria da Silva"),
                phoneNumberId: ConversationHost.PhoneNumberId)),
            Expect.HandedOver, host.SessionWorkflowId),
        "admin: connect" => new("admin", "POST", "/admin/channels",
            $$"""{"business_uid":"{{VcitaBridgeHost.BusinessUid}}","provider":"whatsapp","phone_number_id":"{{RedisOutageHost.NewPhoneNumberId}}","display_number":"+1 555 222 2222"}""",
            Expect.HandedOver, WorkflowIds.Channel(ProviderNames.WhatsApp, RedisOutageHost.NewPhoneNumberId)),
        "admin: list channels" => new("admin", "GET", "/admin/channels", "", Expect.Answered),
        "admin: disconnect" => new("admin", "DELETE", $"/admin/channels/whatsapp/{RedisOutageHost.DisconnectedPhoneNumberId}", "",
            Expect.HandedOver, WorkflowIds.Channel(ProviderNames.WhatsApp, RedisOutageHost.DisconnectedPhoneNumberId)),
        "admin: list deliveries" => new("admin", "GET", "/admin/deliveries", "", Expect.Answered),
        "oauth: start" => new("browser", "GET", "/oauth/vcita/start", "", Expect.Unavailable),
        "oauth: callback" => new("browser", "GET", $"/oauth/vcita/callback?code=c0de&state={new string('s', 43)}", "", Expect.Unavailable),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task AnEventIsHandedToTemporalOrRefusedWith503WithinTheBound(string name)
    {
        var call = Build(name);
        var before = host.WorkflowsNow();

        using var request = Request(call);
        var clock = Stopwatch.StartNew();
        using var response = await host.Client.SendAsync(request);
        var elapsed = clock.Elapsed;
        var text = await response.Content.ReadAsStringAsync();

        elapsed.Should().BeLessThan(AnswerBound, "a webhook must not hang on Redis");
        var after = host.WorkflowsNow();
        switch (call.Expect)
        {
            case Expect.HandedOver:
                response.IsSuccessStatusCode.Should().BeTrue($"{(int)response.StatusCode} {text}\n{host.Conversation.Host.Bridge.Logs.AllText}");
                after.Should().ContainKey(call.Target!);
                after[call.Target!].Should().NotBe(before.GetValueOrDefault(call.Target!), "a 2xx must mean the event is in Temporal's hands");
                break;
            case Expect.Answered:
                response.IsSuccessStatusCode.Should().BeTrue($"{(int)response.StatusCode} {text}");
                break;
            case Expect.Unavailable:
                response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, text);
                response.Headers.RetryAfter.Should().NotBeNull();
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
                JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32().Should().Be(503);
                after.Should().Equal(before, "nothing may be handed over when the answer is 503");
                break;
        }
    }

    private static HttpRequestMessage Request(Call call)
    {
        var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
        if (call.Body.Length > 0)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(call.Body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        switch (call.Caller)
        {
            case "vcita":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", VcitaBridgeHost.WebhookSecret);
                break;
            case "admin":
                request.Headers.Add("X-Api-Key", VcitaBridgeHost.AdminKey);
                break;
            case "whatsapp":
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Encoding.UTF8.GetBytes(call.Body), VcitaBridgeHost.WhatsAppAppSecret));
                break;
        }

        return request;
    }
}

public sealed class RedisStoppedEveryEndpointTests(RedisStoppedHost host)
    : RedisDownEveryEndpointTests(host), IClassFixture<RedisStoppedHost>;

public sealed class RedisHungEveryEndpointTests(RedisHungHost host)
    : RedisDownEveryEndpointTests(host), IClassFixture<RedisHungHost>;
