using System.Text;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp.Webhooks;

namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>A webhook body through the bridge's parser, expected to be taken or refused.</summary>
internal static class ParsedWebhooks
{
    public static ClientMessageEvent OnlyMessage(string body) =>
        Accepted(body).Events.Should().ContainSingle().Which.Should().BeOfType<ClientMessageEvent>().Subject;

    public static WebhookBatch Accepted(string body)
    {
        var result = WebhookParser.Parse(Encoding.UTF8.GetBytes(body));
        result.Problem.Should().BeNull();
        return result.Batch!;
    }

    public static PayloadProblem Refused(string body)
    {
        var result = WebhookParser.Parse(Encoding.UTF8.GetBytes(body));
        result.Batch.Should().BeNull();
        return result.Problem!;
    }
}
