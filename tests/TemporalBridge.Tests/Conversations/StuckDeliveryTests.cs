using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TemporalBridge.Admin;
using TemporalBridge.Deliveries;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using Temporalio.Client;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// What an operator does with a delivery that is stuck: finds it (the admin API, the README's queries) and retries a
/// failed one, which sends it again for real.
/// </summary>
public sealed partial class StuckDeliveryTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task AnOperatorsRetryOfAFailedDeliverySendsAgainAndTheStatusFlowResumes()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { code = 131026, count = 1 });
        await conversation.StaffWritesAsync("staff-retry", "Did you get my invoice?");
        var id = WorkflowIds.OutboundDelivery(conversation.Host.ChannelUid, "staff-retry");

        var listed = await ListAsync(conversation, "?state=failed");
        var failed = listed.Should().ContainSingle().Subject;
        failed.GetProperty("delivery_id").GetString().Should().Be(id);
        failed.GetProperty("direction").GetString().Should().Be("outbound");
        failed.GetProperty("last_error_code").GetString().Should().Be("ProviderFailure.Undeliverable");
        failed.GetProperty("reason").GetString().Should().Contain("cannot receive");
        failed.GetProperty("running").GetBoolean().Should().BeTrue();

        // WhatsApp's statuses of the resent message reach the bridge before the resend's own answer does: each names
        // its delivery, so none waits for the answer to be found.
        (await conversation.Control.PostAsJsonAsync("/whatsapp-emulator/_control/status-plans",
            new { statuses = new[] { "sent", "delivered" }, before_answer = true, count = 1 })).EnsureSuccessStatusCode();
        var retry = await conversation.Host.Host.AsAdmin.PostAsync($"/admin/deliveries/{id}/retry", null);
        retry.StatusCode.Should().Be(HttpStatusCode.Accepted, await retry.Content.ReadAsStringAsync());
        await conversation.SettleAsync();

        conversation.GraphCalls("send").Should().HaveCount(2);
        var resent = conversation.SuccessfulSends().Should().ContainSingle().Subject;
        conversation.VcitaStatuses("staff-retry").Should().Equal(["error", "sent", "received"], conversation.Host.Diagnostics());
        await conversation.UserPhoneReportsAsync(resent.Wamid!, "read");
        conversation.VcitaStatuses("staff-retry").Should().Equal("error", "sent", "received", "read");
        conversation.Host.Host.Temporal.Workflow(id).SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name)
            .Should().Be(DeliveryStates.Delivered);
        (await ListAsync(conversation, "")).Should().BeEmpty();
    }

    [Fact]
    public async Task RetryingAnUnknownOrInboundDeliveryIsAProblemNamingTheField()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);

        var unknown = await conversation.Host.Host.AsAdmin.PostAsync("/admin/deliveries/delivery-out:ch:nope/retry", null);
        var inbound = await conversation.Host.Host.AsAdmin.PostAsync("/admin/deliveries/delivery-in:whatsapp:wamid.x/retry", null);
        var badState = await conversation.Host.Host.AsAdmin.GetAsync("/admin/deliveries?state=stuck");

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("delivery_id");
        inbound.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await inbound.Content.ReadAsStringAsync()).Should().Contain("delivery_id");
        badState.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badState.Content.ReadAsStringAsync()).Should().Contain("state");
    }

    [Fact]
    public async Task TheReadmesStuckDeliveryQueriesFindWhatTheCodeUpserts()
    {
        await using var conversation = await OutboundConversation.StartAsync(redis);
        await conversation.GraphFailsAsync("send", new { code = 131047, count = 1 }, new { code = 190, count = 1 });
        await conversation.StaffWritesAsync("staff-outside", "Still there?");
        await conversation.StaffWritesAsync("staff-token", "Hello?");
        var outside = WorkflowIds.OutboundDelivery(conversation.Host.ChannelUid, "staff-outside");
        var token = WorkflowIds.OutboundDelivery(conversation.Host.ChannelUid, "staff-token");

        var queries = ReadmeQueries();
        queries.Should().Contain(q => q.Contains("BridgeDeliveryState = 'retrying'")).And.Contain(q => q.Contains("BridgeDeliveryState = 'failed'"));

        var found = new Dictionary<string, List<string>>();
        foreach (var query in queries)
        {
            var ids = new List<string>();
            var businessQuery = query.Replace("YourBusinessUid", Tests.CommunicationApp.VcitaBridgeHost.BusinessUid, StringComparison.Ordinal);
            await foreach (var execution in conversation.Host.Host.Temporal.Client.ListWorkflowsAsync(businessQuery, new WorkflowListOptions { Limit = 100 }))
            {
                ids.Add(execution.Id);
            }
            found[query] = ids;
        }
        found.Single(f => f.Key.Contains("'failed'") && !f.Key.Contains("IN")).Value.Should().Equal(outside);
        found.Single(f => f.Key.Contains("'retrying'") && !f.Key.Contains("IN")).Value.Should().Equal(token);
        found.Single(f => f.Key.Contains("TokenRejected")).Value.Should().Equal(token);
        found.Single(f => f.Key.Contains("OutsideWindow")).Value.Should().Equal(outside);
        found.Single(f => f.Key.Contains("IN (")).Value.Should().BeEquivalentTo(outside, token);
        found.Single(f => f.Key.Contains("IN (")).Key.Should().Be(
            StuckDeliveries.Query(StuckDeliveries.States, "YourBusinessUid"), "the admin API lists exactly what the README shows");
        (await ListAsync(conversation, "")).Select(d => d.GetProperty("delivery_id").GetString()).Should().BeEquivalentTo(outside, token);
    }

    [Fact]
    public void EveryQueryTheReadmesShowUsesAttributesStatesAndErrorCodesTheCodeSets()
    {
        var queries = QueriesIn("README.md").Concat(QueriesIn(Path.Combine("temporal", "README.md"))).ToList();
        queries.Should().HaveCountGreaterThan(10);
        var registered = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "temporal", "search-attributes.txt"))
            .Where(l => l.StartsWith("Bridge", StringComparison.Ordinal)).Select(l => l.Split('=')[0]).ToList();
        registered.Should().BeEquivalentTo(Upserted, "the dev server registers exactly the attributes the code sets");
        string[] states = [DeliveryStates.Delivering, DeliveryStates.Retrying, DeliveryStates.Delivered, DeliveryStates.Failed];
        foreach (var query in queries)
        {
            AttributeNames().Matches(query).Select(m => m.Value).Should().OnlyContain(name => Upserted.Contains(name), query);
            foreach (Match state in StateValues().Matches(query))
            {
                state.Groups[1].Value.Split(',').Select(v => v.Trim(' ', '\'')).Should().OnlyContain(v => states.Contains(v), query);
            }
            foreach (Match code in ErrorCodes().Matches(query))
            {
                IsAnErrorCodeTheCodeSets(code.Groups[1].Value).Should().BeTrue($"'{code.Groups[1].Value}' in {query}");
            }
        }
    }

    /// <summary>The attributes the code sets, by their names in <see cref="BridgeSearchAttributes"/>.</summary>
    private static readonly string[] Upserted =
    [
        BridgeSearchAttributes.BusinessUid.Name, BridgeSearchAttributes.ChannelUid.Name, BridgeSearchAttributes.Provider.Name,
        BridgeSearchAttributes.ChannelStatus.Name, BridgeSearchAttributes.SessionUid.Name, BridgeSearchAttributes.DeliveryState.Name,
        BridgeSearchAttributes.DeliveryAttempts.Name, BridgeSearchAttributes.LastErrorCode.Name,
        BridgeSearchAttributes.AccountGroupId.Name, BridgeSearchAttributes.ConnectedBy.Name,
    ];

    private static bool IsAnErrorCodeTheCodeSets(string code) =>
        Enum.GetValues<TemporalBridge.Providers.ProviderFailure>().Any(kind => TemporalBridge.Providers.ProviderApiException.ToErrorType(kind) == code)
        || new[] { TemporalBridge.Vcita.VcitaFailure.Transient, TemporalBridge.Vcita.VcitaFailure.Permanent, TemporalBridge.Vcita.VcitaFailure.TokenRejected }.Any(kind => TemporalBridge.Vcita.VcitaApiException.ToErrorType(kind) == code)
        || code is TemporalBridge.Businesses.BusinessNotConnectedException.ErrorType or "Timeout" or "activation_overdue" or "session_activation_overdue"
            or TemporalBridge.Channels.ChannelWorkflow.NeedsReconnectionCode
        || WhatsAppCode().IsMatch(code);

    private static async Task<List<JsonElement>> ListAsync(OutboundConversation conversation, string query)
    {
        var response = await conversation.Host.Host.AsAdmin.GetAsync($"/admin/deliveries{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private static IEnumerable<string> QueriesIn(string file) =>
        QueryLines().Matches(File.ReadAllText(Path.Combine(RepositoryFiles.Root, file))).Select(m => m.Groups[1].Value);

    /// <summary>The <c>temporal workflow list --query "…"</c> lines of the README's stuck-delivery section.</summary>
    private static List<string> ReadmeQueries()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var section = readme[readme.IndexOf("### Finding stuck deliveries", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];
        return [.. QueryLines().Matches(section).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("temporal workflow list --query \"([^\"]+)\"")]
    private static partial Regex QueryLines();

    [GeneratedRegex("\\bBridge[A-Za-z]+")]
    private static partial Regex AttributeNames();

    [GeneratedRegex("BridgeDeliveryState (?:= |IN \\()('[^)]*?'|[^)]*)")]
    private static partial Regex StateValues();

    [GeneratedRegex("BridgeLastErrorCode = '([^']*)'")]
    private static partial Regex ErrorCodes();

    [GeneratedRegex("^whatsapp\\.[0-9]+\\z")]
    private static partial Regex WhatsAppCode();
}
