using System.Security.Cryptography;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>A person who talks to a Page: their page-scoped id (another on every Page, as at Meta), the name their
/// profile shares (none: Meta has no profile to give), and when they last wrote to the Page.</summary>
public sealed record PagePerson(string Psid, string PageId, string? FirstName, string? LastName, DateTimeOffset? LastWrote = null);

/// <summary>A message the Page sent through the Send API, as the emulator keeps it for its control view.</summary>
public sealed record SentPageMessage(string Mid, string PageId, string Psid, string Text, string MessagingType, string? Tag, string? Metadata, DateTimeOffset At);

/// <summary>The simulated people of every Page, and what the Pages sent them. Thread-safe; emptied by a reset.</summary>
public sealed class PagePeople
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PagePerson> people = new(StringComparer.Ordinal);
    private readonly List<SentPageMessage> sent = [];

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

    public void Wrote(PagePerson person, DateTimeOffset at)
    {
        lock (gate)
        {
            people[person.Psid] = person with { LastWrote = at };
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
        }
    }

    /// <summary>A PSID: 16 digits, like Meta's.</summary>
    private static string NewPsid() => string.Concat(Enumerable.Range(0, 16).Select(i => (char)((i == 0 ? '1' : '0') + RandomNumberGenerator.GetInt32(i == 0 ? 9 : 10))));

    /// <summary>A message id shaped like Meta's: <c>m_</c> and URL-safe base64.</summary>
    public static string NewMid() => "m_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
