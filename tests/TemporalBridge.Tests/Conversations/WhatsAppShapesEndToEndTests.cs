extern alias Sandbox;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using Temporalio.Converters;
using ClientDirectory = Sandbox::TemporalBridge.Sandbox.Vcita.Platform.ClientDirectory;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// The shapes of WhatsApp's webhooks beyond plain messages, each through the bridge's real endpoint from the
/// WhatsApp emulator (which sends them as Meta does), the workflows in the kit and the vcita emulator: a number or
/// user id that changes mid-conversation, a number that stops being shared, the business answering from the
/// WhatsApp Business app, edits and deletions, groups.
/// </summary>
public sealed class WhatsAppShapesEndToEndTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Maria = "15551230001";
    private const string MariasNewNumber = "15551239999";
    private const string MariasUserId = "US.13491208655302741918";

    [Fact]
    public async Task ANumberChangeMidConversationKeepsOneContactOneSessionAndRepliesGoToTheNewNumber()
    {
        await using var host = await StartAsync(redis, new { wa_id = Maria, name = "Maria da Silva" });
        await WritesAsync(host, new { from = Maria, type = "text", text = new { body = "Hi, can I book Friday?" } });

        await WritesAsync(host, new { from = Maria, type = "system", system = new { type = "user_changed_number", wa_id = MariasNewNumber } });
        await WritesAsync(host, new { from = MariasNewNumber, type = "text", text = new { body = "It's me, on my new number" } });

        var vcita = host.Vcita.Snapshot();
        vcita.Sessions.Should().ContainSingle(host.Diagnostics());
        host.Host.Sandbox.Services.GetRequiredService<ClientDirectory>().All.Should().ContainSingle("the same person is one vcita contact");
        host.MessagesInVcita().Select(m => m.Message).Should().Equal(
            "Hi, can I book Friday?", $"[System] User Maria da Silva changed from {Maria} to {MariasNewNumber}", "It's me, on my new number");
        host.MessagesInVcita().Select(m => m.ExternalUid).Distinct().Should().Equal(Session(Maria));

        await StaffWritesAsync(host, vcita.Sessions.Single().Uid, "See you Friday!");
        var send = host.GraphCalls("send").Should().ContainSingle().Subject;
        send.Request!.Value.GetProperty("to").GetString().Should().Be(MariasNewNumber, "the client's replies go to their new number");
    }

    [Fact]
    public async Task AUserWhoStopsSharingTheirNumberKeepsTheirConversation()
    {
        await using var host = await StartAsync(redis, new { wa_id = Maria, user_id = MariasUserId, name = "Maria da Silva" });
        await WritesAsync(host, new { from = Maria, type = "text", text = new { body = "First, with my number" } });

        // Meta leaves the number out when a user with a username stops sharing it: only from_user_id comes.
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", new { user_id = MariasUserId, name = "Maria da Silva", username = "@maria" }))
            .EnsureSuccessStatusCode();
        await WritesAsync(host, new { from = MariasUserId, type = "text", text = new { body = "Then by my username only" } });

        host.Vcita.Snapshot().Sessions.Should().ContainSingle(host.Diagnostics());
        host.MessagesInVcita().Select(m => (m.Message, m.ExternalUid)).Should().Equal(
            ("First, with my number", Session(Maria)), ("Then by my username only", Session(Maria)));
        var alias = await host.Host.Temporal.Client.GetWorkflowHandle<SessionWorkflow>(Session(MariasUserId)).QueryAsync(wf => wf.State);
        alias.ForwardsTo.Should().Be(Session(Maria));
    }

    [Fact]
    public async Task AUserIdChangeWithoutAnyNumberKeepsTheConversation()
    {
        await using var host = await StartAsync(redis, new { user_id = MariasUserId, name = "Maria da Silva", username = "@maria" });
        await WritesAsync(host, new { from = MariasUserId, type = "text", text = new { body = "Hello" } });

        await WritesAsync(host, new { from = MariasUserId, type = "system", system = new { type = "user_changed_user_id", user_id = "US.99990000111122223333" } });
        await WritesAsync(host, new { from = "US.99990000111122223333", type = "text", text = new { body = "Still me" } });

        host.Vcita.Snapshot().Sessions.Should().ContainSingle(host.Diagnostics());
        host.MessagesInVcita().Select(m => m.ExternalUid).Distinct().Should().Equal(Session(MariasUserId));
        host.MessagesInVcita().Select(m => m.Message).Last().Should().Be("Still me");
    }

    [Fact]
    public async Task TheBusinesssAnswerFromTheWhatsAppBusinessAppAppearsOnceAsTheBusinesssMessage()
    {
        await using var host = await StartAsync(redis, new { wa_id = Maria, name = "Maria da Silva" });
        await WritesAsync(host, new { from = Maria, type = "text", text = new { body = "Are you open on Sunday?" } });

        var echo = await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/echoes",
            new { to = Maria, type = "text", text = new { body = "Yes, 10 to 2." }, copies = 2 });
        echo.StatusCode.Should().Be(HttpStatusCode.OK, await echo.Content.ReadAsStringAsync());
        await host.SettleAsync();

        var messages = host.MessagesInVcita();
        messages.Select(m => (m.Message, m.Direction)).Should().Equal(
            ("Are you open on Sunday?", "client_to_business"), ("Yes, 10 to 2.", "business_to_client"));
        host.GraphCalls("send").Should().BeEmpty("the business already sent it; the bridge only shows it to staff");
    }

    [Fact]
    public async Task AnEditAndADeletionReachStaffNamingTheMessageTheyAmend()
    {
        await using var host = await StartAsync(redis, new { wa_id = Maria, name = "Maria da Silva" });
        await WritesAsync(host, new { from = Maria, id = "wamid.original", type = "text", text = new { body = "Friday at 10" } });

        await WritesAsync(host, new
        {
            from = Maria,
            id = "wamid.edited",
            type = "edit",
            edit = new { original_message_id = "wamid.original", message = new { type = "text", text = new { body = "Friday at 11" } } },
        });
        await WritesAsync(host, new { from = Maria, id = "wamid.revoked", type = "revoke", revoke = new { original_message_id = "wamid.original" } });

        host.MessagesInVcita().Select(m => m.Message).Should().Equal("Friday at 10", "[Edited] Friday at 11", "[Deleted a message]");
        var input = host.Host.Temporal.Workflow(WorkflowIds.InboundDelivery("whatsapp", "wamid.edited")).History[0]
            .WorkflowExecutionStartedEventAttributes.Input;
        var delivery = await host.Host.Temporal.DataConverter.ToSingleValueAsync<global::TemporalBridge.Deliveries.InboundDeliveryInput>(input.Payloads_);
        delivery.Message.Amends.Should().Be("wamid.original", "the edit's delivery names the one it amends");
    }

    [Fact]
    public async Task AGroupMessageOpensNoConversationForItsSender()
    {
        await using var host = await StartAsync(redis, new { wa_id = Maria, name = "Maria da Silva" });

        await WritesAsync(host, new { from = Maria, type = "text", text = new { body = "Hi all" }, group_id = "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD" });

        host.Vcita.Snapshot().Sessions.Should().BeEmpty();
        host.MessagesInVcita().Should().BeEmpty();
        host.Host.Bridge.Logs.AllText.Should().Contain("a message in a group");
    }

    [Fact]
    public async Task ErrorsAboutTheAccountAreLoggedAndCounted()
    {
        await using var host = await StartAsync(redis, new { wa_id = Maria, name = "Maria da Silva" });
        using var metrics = new Telemetry.MetricCapture(host.Host.Bridge.Services);

        var sent = await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/account-errors", new { errors = new[] { new { code = 131031 } } });

        sent.StatusCode.Should().Be(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        var logged = await host.Host.Bridge.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("WhatsApp reported error", StringComparison.Ordinal));
        logged.RenderMessage().Should().Contain("131031");
        metrics.Of(global::TemporalBridge.Telemetry.BridgeMetrics.ProviderErrorsName).Should().ContainSingle(metrics.Everything);
    }

    private static string Session(string clientId) => WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, clientId);

    private static async Task<ConversationHost> StartAsync(RedisServer redis, object user)
    {
        var host = await ConversationHost.StartAsync(redis, overLoopback: true);
        (await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/users", user)).EnsureSuccessStatusCode();
        return host;
    }

    /// <summary>The user does something; every POST of it must have been answered 200, and the workflows settle.</summary>
    private static async Task WritesAsync(ConversationHost host, object message)
    {
        var response = await host.Control.PostAsJsonAsync("/whatsapp-emulator/_control/messages", message);
        var answer = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, answer);
        using var sent = JsonDocument.Parse(answer);
        sent.RootElement.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("status_code").GetInt32())
            .Should().OnlyContain(status => status == 200, host.Host.Bridge.Logs.AllText);
        await host.SettleAsync();
    }

    private static async Task StaffWritesAsync(ConversationHost host, string sessionUid, string text)
    {
        (await host.Control.PostAsJsonAsync("/vcita-emulator/_control/callbacks/staff-message", new { session_uid = sessionUid, message = text }))
            .EnsureSuccessStatusCode();
        await host.SettleAsync();
    }
}
