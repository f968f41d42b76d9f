using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TemporalBridge.Channels;
using TemporalBridge.Providers;
using TemporalBridge.Temporal;
using TemporalBridge.Tests.Conversations;

namespace TemporalBridge.Tests.Soak;

/// <summary>
/// What the soak run makes the emulators do, through their control APIs: WhatsApp users write (signed webhooks,
/// some POSTed twice), staff answer from vcita (some callbacks twice), WhatsApp reports statuses in a shuffled order
/// (some again later), staff read in vcita, and both emulators fail some calls for now. Every misbehaviour comes
/// from the <see cref="SoakPlan"/> and a generator seeded from it.
/// </summary>
internal sealed class SoakTraffic(ConversationHost host, SoakPlan plan, SoakObservations seen)
{
    /// <summary>The Graph and VCS endpoints the run calls, and about how often each (the fault lists cover a margin above it).</summary>
    private static readonly (string Operation, int CallsPerMessage)[] GraphCalls = [("send", 1), ("read", 1)];

    private static readonly (string Endpoint, int CallsPerMessage)[] VcitaCalls =
        [("messages.create", 1), ("messages.update", 3), ("clients.search", 1), ("clients.create", 1), ("sessions.create", 1), ("sessions.list", 1)];

    // A seeded generator on purpose: shuffles and duplicates must replay from the seed.
#pragma warning disable CA5394
    private readonly Random random = new(plan.Seed + 1);
#pragma warning restore CA5394

    /// <summary>When every client started writing: within WhatsApp's 24-hour window, a second apart per message.</summary>
    private readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow.AddHours(-1);

    public int GraphFailuresPlanned { get; private set; }

    public int VcitaFailuresPlanned { get; private set; }

    /// <summary>The users exist, and WhatsApp will report each staff message's statuses in the plan's order.</summary>
    public async Task PrepareAsync()
    {
        foreach (var conversation in plan.Conversations)
        {
            await PostAsync("/whatsapp-emulator/_control/users", new { wa_id = conversation.WaId, name = conversation.Name });
            // Plans for one recipient are used by that recipient's sends in order: the n-th accepted send gets the n-th.
            foreach (var staff in conversation.Staff)
            {
                await PostAsync("/whatsapp-emulator/_control/status-plans", new { statuses = staff.StatusOrder, count = 1, to = conversation.WaId });
            }
        }
    }

    /// <summary>From now on about <see cref="SoakPlan.FailureRate"/> of the calls to each Graph and VCS endpoint fail for now.</summary>
    public async Task InjectFaultsAsync()
    {
        var messages = plan.Conversations.Count * plan.Conversations[0].Inbound.Count;
        foreach (var (operation, perMessage) in GraphCalls)
        {
            var entries = FaultSchedule.Graph(random, operation, messages * perMessage * 3 / 2, SoakPlan.FailureRate);
            GraphFailuresPlanned += await PostFaultsAsync("/whatsapp-emulator/_control/faults", entries);
        }
        foreach (var (endpoint, perMessage) in VcitaCalls)
        {
            var calls = endpoint.StartsWith("messages", StringComparison.Ordinal) ? messages * perMessage * 3 / 2 : plan.Conversations.Count * 2;
            var entries = FaultSchedule.Vcita(random, endpoint, calls, SoakPlan.FailureRate);
            VcitaFailuresPlanned += await PostFaultsAsync("/vcita-emulator/_control/faults", entries);
        }
    }

    /// <summary>
    /// The burst's client messages, shuffled across conversations and across POSTs of a few messages each (a
    /// client's two messages of one burst may arrive in either order: their WhatsApp timestamps tell); a POST goes
    /// twice at <see cref="SoakPlan.DuplicateRate"/>, byte for byte.
    /// </summary>
    public async Task ClientsWriteAsync(int burst)
    {
        var messages = SoakPlan.Shuffled(plan.AllInbound.Where(m => m.Burst == burst), random);
        foreach (var post in messages.Chunk(SoakPlan.MessagesPerPost))
        {
#pragma warning disable CA5394
            var copies = random.NextDouble() < SoakPlan.DuplicateRate ? 2 : 1;
#pragma warning restore CA5394
            var body = post.Select(m => new
            {
                from = plan.Conversations[m.Conversation].WaId,
                id = m.Wamid,
                type = "text",
                text = new { body = m.Text },
                timestamp = startedAt.AddSeconds(m.Index).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            }).ToArray();
            var answer = await PostAsync("/whatsapp-emulator/_control/webhooks", new { messages = body, copies });
            AllAnswered200(answer, "client messages");
        }
    }

    /// <summary>
    /// Staff write the burst's replies in vcita, which posts each to the bridge (twice for some): conversations
    /// interleaved at random, each conversation's replies in its own order.
    /// </summary>
    public async Task StaffWriteAsync(int burst)
    {
        var pending = plan.Conversations
            .Select(c => new Queue<SoakStaffMessage>(c.Staff.Where(s => s.Burst == burst)))
            .Where(q => q.Count > 0)
            .ToList();
        var sessions = host.Vcita.Snapshot().Sessions.ToDictionary(s => s.ExternalUid, s => s.Uid);
        while (pending.Count > 0)
        {
#pragma warning disable CA5394
            var queue = pending[random.Next(pending.Count)];
#pragma warning restore CA5394
            var staff = queue.Dequeue();
            if (queue.Count == 0)
            {
                pending.Remove(queue);
            }
            var session = sessions[SessionId(plan.Conversations[staff.Conversation])];
            await PostAsync("/vcita-emulator/_control/callbacks/staff-message", new
            {
                session_uid = session,
                message = staff.Text,
                message_uid = staff.MessageUid,
                duplicate = staff.CallbackTwice,
            });
        }
    }

    /// <summary>Staff open the burst's client messages in vcita: vcita reports received and read in the plan's order, some twice.</summary>
    public async Task StaffReadAsync(int burst)
    {
        var channelUid = host.ChannelUid;
        foreach (var message in SoakPlan.Shuffled(plan.AllInbound.Where(m => m.Burst == burst), random))
        {
            foreach (var status in message.VcitaStatuses)
            {
                await PostAsync("/vcita-emulator/_control/callbacks/message-status", new
                {
                    channel_uid = channelUid,
                    message_uid = InboundMessageUid.For(ProviderNames.WhatsApp, message.Wamid),
                    status,
                    duplicate = message.StatusTwice,
                });
            }
        }
    }

    /// <summary>WhatsApp sends a status of some of the burst's staff messages again, later (as Meta redelivers), shuffled over a few POSTs.</summary>
    public async Task WhatsAppRedeliversAsync(int burst)
    {
        var wamids = seen.WamidsByStaffText();
        var statuses = plan.AllStaff
            .Where(s => s.Burst == burst && s.StatusRedelivered is not null)
            .Select(s => new { wamid = wamids[s.Text], status = s.StatusRedelivered })
            .ToArray();
        if (statuses.Length == 0)
        {
            return;
        }
        var answer = await PostAsync("/whatsapp-emulator/_control/webhooks", new
        {
            statuses,
            posts = Math.Min(statuses.Length, 5),
            shuffle_seed = plan.Seed + burst,
        });
        AllAnswered200(answer, "redelivered statuses");
    }

    public static string SessionId(SoakConversation conversation) =>
        WorkflowIds.Session(ProviderNames.WhatsApp, ConversationHost.PhoneNumberId, conversation.WaId);

    private async Task<int> PostFaultsAsync(string path, IReadOnlyList<object> entries)
    {
        var failures = 0;
        foreach (var entry in entries)
        {
            await PostAsync(path, entry);
            failures += JsonSerializer.SerializeToElement(entry).TryGetProperty("delay_ms", out _) ? 0 : 1;
        }
        return failures;
    }

    private static void AllAnswered200(JsonElement answer, string what) =>
        answer.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("status_code").GetInt32())
            .Should().OnlyContain(status => status == 200, $"the bridge takes every webhook of {what}");

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await host.Control.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }
}
