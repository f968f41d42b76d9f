using System.Globalization;

namespace TemporalBridge.Tests.Soak;

/// <summary>
/// Everything a soak run sends and every misbehaviour it meets, decided up front from one seed, so a failing run
/// can be replayed exactly: the conversations and their texts, which webhooks and callbacks go twice, the order in
/// which WhatsApp reports each staff message's statuses, what staff read in vcita, and which calls to vcita and to
/// the Graph API fail for now.
/// </summary>
internal sealed class SoakPlan
{
    /// <summary>In every message text and every profile name: one word a plaintext scan can look for, besides the texts themselves.</summary>
    public const string TextMarker = "Quokkamarker";
    public const string NameMarker = "Quillfeather";

    public const double DuplicateRate = 0.10;
    public const double FailureRate = 0.05;

    /// <summary>Share of staff messages the client reads (the others stop at delivered), and of client messages staff read.</summary>
    public const double ReadRate = 0.9;

    /// <summary>Client messages per webhook POST: Meta batches a few updates per call.</summary>
    public const int MessagesPerPost = 5;

    private SoakPlan(int seed, IReadOnlyList<SoakConversation> conversations, int bursts)
    {
        Seed = seed;
        Conversations = conversations;
        Bursts = bursts;
    }

    public int Seed { get; }

    public IReadOnlyList<SoakConversation> Conversations { get; }

    /// <summary>How many times messages are posted in a lump and then worked through (the first burst opens every conversation).</summary>
    public int Bursts { get; }

    public int MessageCount => Conversations.Sum(c => c.Inbound.Count + c.Staff.Count);

    public IEnumerable<SoakInbound> AllInbound => Conversations.SelectMany(c => c.Inbound);

    public IEnumerable<SoakStaffMessage> AllStaff => Conversations.SelectMany(c => c.Staff);

    /// <summary>
    /// <paramref name="conversations"/> clients, each writing <paramref name="messagesEachWay"/> messages and getting
    /// as many staff replies, spread over <paramref name="bursts"/> bursts after the opening one.
    /// </summary>
    public static SoakPlan Create(int seed, int conversations, int messagesEachWay, int bursts)
    {
        // A seeded generator on purpose: the run must be reproducible from the seed it prints.
#pragma warning disable CA5394
        var random = new Random(seed);
        var list = new List<SoakConversation>(conversations);
        for (var c = 0; c < conversations; c++)
        {
            var waId = string.Create(CultureInfo.InvariantCulture, $"1555700{c:0000}");
            var name = string.Create(CultureInfo.InvariantCulture, $"Client{c:00}{(char)('a' + random.Next(26))} {NameMarker}{c:00}");
            var inbound = Enumerable.Range(0, messagesEachWay).Select(i => new SoakInbound(
                c,
                i,
                string.Create(CultureInfo.InvariantCulture, $"wamid.soak.c{c:00}.m{i:00}"),
                string.Create(CultureInfo.InvariantCulture, $"{TextMarker} client {c:00} asks ({i:00}): is the {random.Next(8, 18)}:{random.Next(0, 4) * 15:00} slot free? ref {random.Next():x8}"),
                // Opening messages come in the first burst; the rest spread evenly over the others.
                Burst: i == 0 ? 0 : 1 + ((i - 1) * bursts / Math.Max(1, messagesEachWay - 1)),
                StaffReads: random.NextDouble() < ReadRate,
                ReadOrder: RandomOrder(random, ["received", "read"]),
                StatusTwice: random.NextDouble() < DuplicateRate)).ToList();
            var staff = Enumerable.Range(0, messagesEachWay).Select(i =>
            {
                var statuses = new List<string> { "sent", "delivered" };
                var read = random.NextDouble() < ReadRate;
                if (read)
                {
                    statuses.Add("read");
                }
                return new SoakStaffMessage(
                    c,
                    i,
                    string.Create(CultureInfo.InvariantCulture, $"soak-c{c:00}-s{i:00}"),
                    string.Create(CultureInfo.InvariantCulture, $"{TextMarker} staff to client {c:00} ({i:00}): room {random.Next(1, 40)}{(char)('A' + random.Next(6))} ref {random.Next():x8}"),
                    Burst: 1 + (i * bursts / messagesEachWay),
                    ClientReads: read,
                    StatusOrder: RandomOrder(random, statuses),
                    CallbackTwice: random.NextDouble() < DuplicateRate,
                    StatusRedelivered: random.NextDouble() < DuplicateRate ? statuses[random.Next(statuses.Count)] : null);
            }).ToList();
            list.Add(new SoakConversation(c, waId, name, inbound, staff));
        }
        return new SoakPlan(seed, list, bursts + 1);
#pragma warning restore CA5394
    }

    /// <summary>The items of one burst, shuffled across conversations (each conversation's own order is kept by the caller).</summary>
    public static IReadOnlyList<T> Shuffled<T>(IEnumerable<T> items, Random random)
    {
        var array = items.ToArray();
#pragma warning disable CA5394
        random.Shuffle(array);
#pragma warning restore CA5394
        return array;
    }

    private static IReadOnlyList<string> RandomOrder(Random random, IReadOnlyList<string> statuses)
    {
        var order = statuses.ToArray();
#pragma warning disable CA5394
        random.Shuffle(order);
#pragma warning restore CA5394
        return order;
    }
}

/// <summary>One client: a WhatsApp user with a profile name, what they write and what staff answer.</summary>
internal sealed record SoakConversation(int Index, string WaId, string Name, IReadOnlyList<SoakInbound> Inbound, IReadOnlyList<SoakStaffMessage> Staff);

/// <summary>
/// A client's message: sent in <paramref name="Burst"/>; whether staff read it in vcita, the order in which vcita
/// reports its statuses, and whether each of those callbacks goes twice.
/// </summary>
internal sealed record SoakInbound(
    int Conversation, int Index, string Wamid, string Text, int Burst, bool StaffReads, IReadOnlyList<string> ReadOrder, bool StatusTwice)
{
    /// <summary>What vcita reports, in its order: staff who do not read it leave it at received.</summary>
    public IEnumerable<string> VcitaStatuses => StaffReads ? ReadOrder : ["received"];
}

/// <summary>
/// A staff reply: posted by vcita in <paramref name="Burst"/> (twice when <paramref name="CallbackTwice"/>); the
/// statuses WhatsApp reports for it, in the order it sends them, and one of them sent again later, if any.
/// </summary>
internal sealed record SoakStaffMessage(
    int Conversation,
    int Index,
    string MessageUid,
    string Text,
    int Burst,
    bool ClientReads,
    IReadOnlyList<string> StatusOrder,
    bool CallbackTwice,
    string? StatusRedelivered)
{
    /// <summary>What vcita must end with: WhatsApp's furthest status in vcita's words.</summary>
    public string FinalVcitaStatus => ClientReads ? "read" : "received";
}
