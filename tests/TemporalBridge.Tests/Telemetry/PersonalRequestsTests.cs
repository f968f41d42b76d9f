using System.Net;
using Refit;
using TemporalBridge.Providers.Messenger.SendApi;
using TemporalBridge.Telemetry;

namespace TemporalBridge.Tests.Telemetry;

/// <summary>Messenger's profile call names the person in its path: it is marked so traces leave it out; a send is not.</summary>
public sealed class PersonalRequestsTests
{
    [Fact]
    public async Task TheProfileCallIsMarkedPersonalAndASendIsNot()
    {
        var seen = new List<HttpRequestMessage>();
        using var http = new HttpClient(new Capture(seen)) { BaseAddress = new Uri("http://graph.test/v23.0") };
        var api = RestService.For<IMessengerSendApi>(http, MessengerSendClients.Settings);

        await api.GetProfileAsync("6577309523014390", "page-token");
        await api.SendAsync("2000000000000001", new SendApiRequest(new SendRecipient("6577309523014390"), SendApiRequest.Response, new SendApiMessage("hi")), "page-token");

        seen.Select(PersonalRequests.IsPersonal).Should().Equal(true, false);
    }

    private sealed class Capture(List<HttpRequestMessage> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"recipient_id":"1","message_id":"m_1","first_name":"A"}""") });
        }
    }
}
