using System.Net.Http.Json;
using TemporalBridge.Deliveries;
using TemporalBridge.Providers;
using TemporalBridge.Sessions;
using TemporalBridge.Temporal;
using TemporalBridge.Testing.Redis;
using TemporalBridge.Tests.CommunicationApp;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// Client messages from the provider hand-over to vcita, through the session and delivery workflows in the kit,
/// with every vcita call answered by the emulator over HTTP and vcita's confirmations calling the bridge back.
/// </summary>
public sealed class InboundConversationTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly ClientIdentity Maria = new("15551230001", "+15551230001", "Maria da Silva");
    private static readonly ClientIdentity Kenji = new("15551230002", "+15551230002", "Kenji");
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private static string SessionId(ClientIdentity client) => WorkflowIds.Session("whatsapp", ConversationHost.PhoneNumberId, client.Id);

    [Fact]
    public async Task AFirstMessageCreatesTheContactAndTheSessionThenReachesVcita()
    {
        await using var host = await ConversationHost.StartAsync(redis);

        var result = await host.ReceiveAsync(ConversationHost.Text(Maria, "wamid.first", "Hello, can I book for Friday?", At));

        result.Should().Be(new ProviderHandOverResult(HandedOver: 1, UnknownAccount: 0, NotHandled: 0));
        var vcita = host.Vcita.Snapshot();
        var session = vcita.Sessions.Should().ContainSingle(host.Diagnostics()).Subject;
        var sessionState = await host.Host.Temporal.Client.GetWorkflowHandle<SessionWorkflow>(SessionId(Maria)).QueryAsync(wf => wf.State);
        sessionState.Should().BeEquivalentTo(new { SessionUid = session.Uid, ContactUid = session.ContactUid, Status = SessionStatus.Active, Waiting = 0 });
        session.ExternalUid.Should().Be(SessionId(Maria));
        session.ChannelUid.Should().Be(host.ChannelUid);
        var message = host.MessagesInVcita().Should().ContainSingle().Subject;
        message.Should().BeEquivalentTo(new
        {
            ChannelUid = host.ChannelUid,
            ContactUid = session.ContactUid,
            ExternalUid = SessionId(Maria),
            MessageUid = InboundMessageUid.For("whatsapp", "wamid.first"),
            Message = "Hello, can I book for Friday?",
            Direction = "client_to_business",
            CreatedAt = "2026-11-25 09:30:00",
        });
        var state = host.Host.Temporal.Workflow(SessionId(Maria));
        state.SearchAttribute<string>(BridgeSearchAttributes.SessionUid.Name).Should().Be(session.Uid);
        var delivery = host.Host.Temporal.Workflow(WorkflowIds.InboundDelivery("whatsapp", "wamid.first"));
        delivery.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name).Should().Be(DeliveryStates.Delivering);
        delivery.SearchAttribute<string>(BridgeSearchAttributes.ChannelUid.Name).Should().Be(host.ChannelUid);
    }

    [Fact]
    public async Task TheSameMessagesDeliveredThreeTimesReachVcitaOnce()
    {
        await using var host = await ConversationHost.StartAsync(redis);
        var webhook = new[]
        {
            ConversationHost.Text(Maria, "wamid.a", "one", At),
            ConversationHost.Text(Maria, "wamid.b", "two", At.AddSeconds(1)),
        };

        await host.ReceiveAsync(webhook);
        await host.ReceiveAsync(webhook);
        await host.ReceiveAsync(webhook);

        host.MessagesInVcita().Select(m => m.Message).Should().Equal("one", "two");
    }

    [Fact]
    public async Task TwentyMessagesShuffledAcrossFiveWebhooksArriveOnceInTheClientsOrder()
    {
        await using var host = await ConversationHost.StartAsync(redis);
        var messages = Enumerable.Range(1, 20)
            .Select(i => ConversationHost.Text(Maria, $"wamid.m{i:00}", $"message {i}", At.AddSeconds(i / 3))) // equal timestamps too
            .ToList();
        var shuffled = messages.OrderBy(m => m.Message.ProviderMessageId.GetHashCode(StringComparison.Ordinal) % 7).ThenByDescending(m => m.Message.ProviderMessageId).ToList();

        // All five webhooks arrive before the conversation's workflow runs, as when Meta redelivers a backlog.
        var handOver = host.Service<IProviderEventHandOver>();
        foreach (var chunk in shuffled.Chunk(4))
        {
            await handOver.HandOverAsync(chunk, CancellationToken.None);
        }
        await host.SettleAsync();

        host.MessagesInVcita().Select(m => m.Message).Should().BeEquivalentTo(
            messages.Select(m => m.Message.Text), options => options.WithoutStrictOrdering(), host.Diagnostics());
        host.MessagesInVcita().Select(m => m.CreatedAt).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task TwoClientsGetTwoSessionsAndALaterMessageReusesItsSession()
    {
        await using var host = await ConversationHost.StartAsync(redis);

        await host.ReceiveAsync(
            ConversationHost.Text(Maria, "wamid.maria1", "Hi from Maria", At),
            ConversationHost.Text(Kenji, "wamid.kenji1", "Hi from Kenji", At));
        await host.ReceiveAsync(ConversationHost.Text(Maria, "wamid.maria2", "Me again", At.AddMinutes(1)));

        var sessions = host.Vcita.Snapshot().Sessions;
        sessions.Should().HaveCount(2, host.Diagnostics());
        sessions.Select(s => s.ContactUid).Should().OnlyHaveUniqueItems();
        var mariasSession = sessions.Single(s => s.ExternalUid == SessionId(Maria));
        host.MessagesInVcita().Where(m => m.ExternalUid == mariasSession.ExternalUid).Select(m => m.Message)
            .Should().Equal("Hi from Maria", "Me again");
        host.Vcita.Snapshot().Sessions.Should().HaveCount(2);
    }

    [Fact]
    public async Task AnInactiveSessionIsReactivatedByTheClientsNextMessage()
    {
        await using var host = await ConversationHost.StartAsync(redis);
        await host.ReceiveAsync(ConversationHost.Text(Maria, "wamid.before", "first", At));
        var session = host.Vcita.Snapshot().Sessions.Single();

        // Staff closed the conversation in vcita: vcita tells the bridge.
        var closed = await host.Host.AsVcita.PutAsJsonAsync($"/vcita/sessions/{session.Uid}", new { status = "inactive" });
        closed.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        host.Vcita.UpdateSession(session.Uid, "inactive", record: false);
        await host.SettleAsync();
        (await host.Host.Temporal.Client.GetWorkflowHandle<SessionWorkflow>(SessionId(Maria)).QueryAsync(wf => wf.State))
            .Status.Should().Be(SessionStatus.Inactive);

        await host.ReceiveAsync(ConversationHost.Text(Maria, "wamid.after", "back again", At.AddHours(2)));

        var reopened = host.Vcita.Snapshot().Sessions.Should().ContainSingle().Subject;
        reopened.Uid.Should().Be(session.Uid);
        reopened.Status.Should().Be("active", "the bridge asked vcita to reactivate it");
        host.MessagesInVcita().Select(m => m.Message).Should().Equal("first", "back again");
    }

    [Fact]
    public async Task AMessageForANumberNoChannelOwnsIsCountedAndNothingStarts()
    {
        await using var host = await ConversationHost.StartAsync(redis);
        var before = host.Host.Temporal.Workflows.Count;

        var result = await host.ReceiveAsync(new ClientMessageEvent("whatsapp", "9999999999", Maria, new InboundMessage("wamid.x", At, "hello?")));

        result.Should().Be(new ProviderHandOverResult(HandedOver: 0, UnknownAccount: 1, NotHandled: 0));
        host.Host.Temporal.Workflows.Should().HaveCount(before);
        host.MessagesInVcita().Should().BeEmpty();
    }

    [Fact]
    public async Task VcitaReportsForUidsNoConversationOwnsAreAnswered404()
    {
        await using var host = await ConversationHost.StartAsync(redis);

        var session = await host.Host.AsVcita.PutAsJsonAsync("/vcita/sessions/nosuchsession01", new { status = "active" });
        var message = await host.Host.AsVcita.PutAsJsonAsync(
            $"/vcita/messages/{InboundMessageUid.For("whatsapp", "wamid.never")}", new { status = "read", channel_uid = host.ChannelUid });

        session.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, await session.Content.ReadAsStringAsync());
        message.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, await message.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task VcsFailingTwiceThenRecoveringDeliversTheMessageOnce()
    {
        await using var host = await ConversationHost.StartAsync(redis);
        (await host.Control.PostAsJsonAsync("/vcita-emulator/_control/faults", new { endpoint = "messages.create", status = 503, count = 2 }))
            .EnsureSuccessStatusCode();

        await host.ReceiveAsync(ConversationHost.Text(Maria, "wamid.flaky", "Still there?", At));
        await host.Host.Temporal.AdvanceTimeAsync(TimeSpan.FromSeconds(10)); // the retries' backoff
        await host.SettleAsync();

        host.MessagesInVcita().Select(m => m.Message).Should().Equal(["Still there?"], host.Diagnostics());
        var delivery = host.Host.Temporal.Workflow(WorkflowIds.InboundDelivery("whatsapp", "wamid.flaky"));
        delivery.ActivityAttempts["PostToVcita"].Should().Be(3);
        delivery.SearchAttribute<string>(BridgeSearchAttributes.DeliveryState.Name).Should().Be(DeliveryStates.Delivering);
    }

    [Fact]
    public async Task APermanentVcsErrorFailsThatDeliveryFindablyAndTheConversationGoesOn()
    {
        await using var host = await ConversationHost.StartAsync(redis);
        (await host.Control.PostAsJsonAsync("/vcita-emulator/_control/faults", new { endpoint = "messages.create", status = 422, count = 1 }))
            .EnsureSuccessStatusCode();

        await host.ReceiveAsync(
            ConversationHost.Text(Maria, "wamid.rejected", "this one vcita refuses", At),
            ConversationHost.Text(Maria, "wamid.after", "and this one goes", At.AddSeconds(1)));

        host.MessagesInVcita().Select(m => m.Message).Should().Equal(["and this one goes"], host.Diagnostics());
        var failed = host.Host.Temporal.Workflow(WorkflowIds.InboundDelivery("whatsapp", "wamid.rejected"));
        failed.Status.Should().Be(Temporalio.Api.Enums.V1.WorkflowExecutionStatus.Failed);
        failed.ActivityAttempts["PostToVcita"].Should().Be(1, "a request vcita rejects for what it is is not repeated");
        var stuck = new List<string>();
        await foreach (var execution in host.Host.Temporal.Client.ListWorkflowsAsync(
            $"{BridgeSearchAttributes.DeliveryState.Name} = '{DeliveryStates.Failed}' AND {BridgeSearchAttributes.LastErrorCode.Name} = 'VcitaPermanent'"))
        {
            stuck.Add(execution.Id);
        }
        stuck.Should().Equal(failed.WorkflowId);
    }
}
