using System.Buffers.Binary;
using System.Text;

namespace TemporalBridge.Tests.Conversations;

/// <summary>
/// Which of many plaintexts (message texts, names, tokens, numbers) occur in a large buffer, found in one pass:
/// each plaintext is indexed by its first eight bytes, so a whole run's histories are scanned for a thousand texts
/// about as fast as for one. Exact byte matches of the UTF-8 text, as anyone reading the store would see them.
/// </summary>
internal sealed class PlaintextScanner
{
    private const int KeyLength = sizeof(ulong);

    private readonly Dictionary<ulong, List<(string Text, byte[] Bytes)>> byPrefix = [];

    public PlaintextScanner(IEnumerable<string> plaintexts)
    {
        foreach (var text in plaintexts.Distinct(StringComparer.Ordinal))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length < KeyLength)
            {
                throw new ArgumentException($"'{text}' is too short to scan for without matching by chance: use at least {KeyLength} bytes.");
            }
            var key = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            if (!byPrefix.TryGetValue(key, out var same))
            {
                byPrefix[key] = same = [];
            }
            same.Add((text, bytes));
        }
        Count = byPrefix.Values.Sum(l => l.Count);
    }

    /// <summary>How many distinct plaintexts are looked for.</summary>
    public int Count { get; }

    /// <summary>The plaintexts that occur in <paramref name="haystack"/>, each once.</summary>
    public IReadOnlyList<string> FoundIn(ReadOnlySpan<byte> haystack)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + KeyLength <= haystack.Length; i++)
        {
            if (!byPrefix.TryGetValue(BinaryPrimitives.ReadUInt64LittleEndian(haystack[i..]), out var candidates))
            {
                continue;
            }
            foreach (var (text, bytes) in candidates)
            {
                if (haystack[i..].StartsWith(bytes))
                {
                    found.Add(text);
                }
            }
        }
        return [.. found];
    }

    public IReadOnlyList<string> FoundIn(string text) => FoundIn(Encoding.UTF8.GetBytes(text));
}
