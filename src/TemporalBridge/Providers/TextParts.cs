using System.Globalization;

namespace TemporalBridge.Providers;

/// <summary>
/// Cuts a staff message longer than a provider allows (<see cref="ProviderCapabilities.MaxTextLength"/>) into parts
/// that are sent in order: each as long as it may be, cut after the last line break, else the last space, that
/// fits; a text without either is cut between characters as people see them (an emoji with its modifiers stays
/// whole). Lengths are counted in code points, as the providers count them.
/// </summary>
public static class TextParts
{
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var parts = new List<string>();
        var rest = text.AsSpan();
        while (CodePoints(rest) > maxLength)
        {
            var fits = LongestPrefix(rest, maxLength);
            var cut = BestCut(rest[..fits]);
            if (rest[..cut].TrimEnd() is { IsEmpty: false } part)
            {
                parts.Add(part.ToString());
            }
            rest = rest[cut..].TrimStart();
        }
        if (parts.Count == 0 || rest.Length > 0)
        {
            parts.Add(rest.ToString());
        }
        return parts;
    }

    /// <summary>After the last line break, else the last space, in <paramref name="fits"/>; else all of it. A break at
    /// the very start would leave an empty part, so it does not count.</summary>
    private static int BestCut(ReadOnlySpan<char> fits)
    {
        var newline = fits.LastIndexOf('\n');
        if (newline > 0)
        {
            return newline + 1;
        }
        var space = fits.LastIndexOf(' ');
        return space > 0 ? space + 1 : fits.Length;
    }

    /// <summary>The length in chars of the longest run of whole text elements of at most <paramref name="maxLength"/>
    /// code points; at least one element, so a single element longer than the limit still makes progress.</summary>
    private static int LongestPrefix(ReadOnlySpan<char> text, int maxLength)
    {
        var chars = 0;
        var codePoints = 0;
        while (chars < text.Length)
        {
            var element = StringInfo.GetNextTextElementLength(text[chars..]);
            var elementCodePoints = CodePoints(text.Slice(chars, element));
            if (codePoints + elementCodePoints > maxLength && chars > 0)
            {
                break;
            }
            chars += element;
            codePoints += elementCodePoints;
        }
        return chars;
    }

    private static int CodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }
}
