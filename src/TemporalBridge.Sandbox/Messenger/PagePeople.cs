using System.Security.Cryptography;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>A person who talks to a Page: their page-scoped id (another on every Page, as at Meta), the name their
/// profile shares (none: Meta has no profile to give), when they last wrote to the Page, and up to when they have read
/// what the Page sent.</summary>
public sealed record PagePerson(string Psid, string PageId, string? FirstName, string? LastName, DateTimeOffset? LastWrote = null, DateTimeOffset? ReadUpTo = null)
{
    public string Name => string.Join(' ', new[] { FirstName, LastName }.Where(part => !string.IsNullOrEmpty(part))) is { Length: > 0 } name ? name : $"Person {Psid}";
}

/// <summary>A message the person wrote to the Page (the sandbox's own record, for its chat view): one line of it, and
/// the mid it answers when it is a reply.</summary>
public sealed record PersonMessage(string Mid, string PageId, string Psid, string Preview, DateTimeOffset At, string? ReplyTo = null);

/// <summary>A message the Page sent through the Send API, as the emulator keeps it for its control view.</summary>
public sealed record SentPageMessage(string Mid, string PageId, string Psid, string Text, string MessagingType, string? Tag, string? Metadata, DateTimeOffset At);

/// <summary>The simulated people of every Page, and what the Pages sent them. Thread-safe; emptied by a reset.</summary>
public sealed class PagePeople
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PagePerson> people = new(StringComparer.Ordinal);
    private readonly List<SentPageMessage> sent = [];
    private readonly List<PersonMessage> written = [];
    private readonly Dictionary<string, string> reactions = new(StringComparer.Ordinal);

    public PagePerson Add(string pageId, string? psid, string? firstName, string? lastName)
    {
        lock (gate)
        {
            var person = new PagePerson(psid ?? NewPsid(), pageId, firstName, lastName);
            people[person.Psid] = person;
            return person;
        }
    }

    /// <summary>The person with <paramref name="psid"/> on <paramref name="pageId"/>; a PSID of another Page is nobody here.</summary>
    public PagePerson? Find(string pageId, string psid)
    {
        lock (gate)
        {
            return people.TryGetValue(psid, out var person) && person.PageId == pageId ? person : null;
        }
    }

    /// <summary>The person with <paramref name="psid"/> on any Page, as the control API names them.</summary>
    public PagePerson? Find(string? psid)
    {
        lock (gate)
        {
            return psid is not null && people.TryGetValue(psid, out var person) ? person : null;
        }
    }

    // Each change starts from the person as they are now, inside the lock: a read and a write that cross keep both.
    public void Wrote(PagePerson person, DateTimeOffset at)
    {
        lock (gate)
        {
            people[person.Psid] = people[person.Psid] with { LastWrote = at };
        }
    }

    /// <summary>The person wrote <paramref name="message"/>: it opens the window again, as every message does.</summary>
    public void Wrote(PagePerson person, PersonMessage message)
    {
        lock (gate)
        {
            people[person.Psid] = people[person.Psid] with { LastWrote = message.At };
            written.Add(message);
        }
    }

    public void Read(PagePerson person, DateTimeOffset upTo)
    {
        lock (gate)
        {
            people[person.Psid] = people[person.Psid] with { ReadUpTo = upTo };
        }
    }

    /// <summary>The person's reaction to <paramref name="mid"/> from now on; null takes it back.</summary>
    public void Reacted(string mid, string? emoji)
    {
        lock (gate)
        {
            if (emoji is null)
            {
                reactions.Remove(mid);
            }
            else
            {
                reactions[mid] = emoji;
            }
        }
    }

    /// <summary>What the person wrote and what the Page sent them, oldest first, with the person's reactions.</summary>
    public (IReadOnlyList<PersonMessage> Written, IReadOnlyList<SentPageMessage> Sent, IReadOnlyDictionary<string, string> Reactions) Conversation(string psid)
    {
        lock (gate)
        {
            return ([.. written.Where(m => m.Psid == psid)], [.. sent.Where(m => m.Psid == psid)], new Dictionary<string, string>(reactions, StringComparer.Ordinal));
        }
    }

    public void Sent(SentPageMessage message)
    {
        lock (gate)
        {
            sent.Add(message);
        }
    }

    public IReadOnlyList<PagePerson> All
    {
        get
        {
            lock (gate)
            {
                return [.. people.Values];
            }
        }
    }

    public IReadOnlyList<SentPageMessage> SentMessages
    {
        get
        {
            lock (gate)
            {
                return [.. sent];
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            people.Clear();
            sent.Clear();
            written.Clear();
            reactions.Clear();
        }
    }

    /// <summary>A PSID: 16 digits, like Meta's.</summary>
    private static string NewPsid() => string.Concat(Enumerable.Range(0, 16).Select(i => (char)((i == 0 ? '1' : '0') + RandomNumberGenerator.GetInt32(i == 0 ? 9 : 10))));

    /// <summary>A message id shaped like Meta's: <c>m_</c> and URL-safe base64.</summary>
    public static string NewMid() => "m_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
