using System.Net.Http.Json;
using System.Text.Json;
using Serilog.Events;
using TemporalBridge.Logging;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.Conversations;

namespace TemporalBridge.Tests.Telemetry;

/// <summary>
/// What a delivery writes to the logs, in the production format: one JSON object per line, and every line about
/// the delivery names its workflow id and message uid, so one filter finds them all.
/// </summary>
public sealed class DeliveryLogTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task EveryLineAboutADeliveryIsJsonWithItsWorkflowIdAndMessageUid()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { code = 131026, count = 1 });
        await conversation.StaffWritesAsync("staff-json", "See you on Friday.");
        await conversation.Host.Host.Temporal.AdvanceTimeAsync(TimeSpan.FromDays(8));
        await conversation.SettleAsync();
        var deliveryId = WorkflowIds.OutboundDelivery(conversation.Host.ChannelUid, "staff-json");

        var lines = conversation.Host.Host.Bridge.Logs.Events.Select(AsJsonLine).ToList();
        var aboutTheDelivery = lines.Where(l => l.TryGetProperty(ConcernScope.WorkflowIdProperty, out var id) && id.GetString() == deliveryId).ToList();

        aboutTheDelivery.Should().Contain(
            l => Has(l, "ErrorType", "ProviderFailure.Undeliverable") && Has(l, "@l", "Warning"), "the failed attempt is logged\n{0}", Lines(lines));
        aboutTheDelivery.Should().Contain(
            l => Has(l, "State", "failed") && Has(l, "Direction", "outbound"), "the delivery's end is logged\n{0}", Lines(lines));
        aboutTheDelivery.Should().Contain(
            l => l.GetProperty("@m").GetString()!.Contains("/graph/", StringComparison.Ordinal), "the send's HTTP call is logged inside the delivery's scope");
        aboutTheDelivery.Should().AllSatisfy(l => l.GetProperty(ConcernScope.MessageUidProperty).GetString().Should().Be("staff-json"));
        aboutTheDelivery.Should().AllSatisfy(l => l.GetProperty("@t").GetString().Should().NotBeNullOrEmpty());
    }

    [Fact]
    public async Task AConversationsIdIsLoggedNamingTheClientByPseudonymNotByNumber()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        // Staff typing shows the client WhatsApp's indicator: a Graph call on behalf of the conversation.
        (await conversation.Host.Host.AsVcita.PostAsJsonAsync($"/vcita/sessions/{conversation.SessionUid}/typing", new { typing = true }))
            .EnsureSuccessStatusCode();

        var ids = conversation.Host.Host.Bridge.Logs.Events
            .Select(e => e.Properties.TryGetValue(ConcernScope.WorkflowIdProperty, out var id) ? ((ScalarValue)id).Value as string : null)
            .OfType<string>().Where(id => id.StartsWith("session:", StringComparison.Ordinal)).ToList();

        ids.Should().NotBeEmpty("the typing call is logged with the conversation's id");
        ids.Should().AllBe(WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, OutboundConversation.Maria));
        conversation.Host.Host.Bridge.Logs.AllText.Should().NotContain(OutboundConversation.Maria);
    }

    private static bool Has(JsonElement line, string property, string value) =>
        line.TryGetProperty(property, out var found) && found.ValueKind == JsonValueKind.String && found.GetString() == value;

    private static string Lines(IEnumerable<JsonElement> lines) => string.Join("\n", lines.Select(l => l.GetRawText()));

    /// <summary>The line the production console writes for <paramref name="logEvent"/>, parsed.</summary>
    private static JsonElement AsJsonLine(LogEvent logEvent)
    {
        using var line = new StringWriter();
        LoggingExtensions.JsonFormat.Format(logEvent, line);
        var text = line.ToString();
        text.TrimEnd('\n').Should().NotContain("\n", "one event is one line");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
