using System.Text;

namespace Graph.Core.Validation;

/// <summary>
/// Finds quotes in a source text the way a reader would: whitespace runs count as one space, curly quotes as
/// straight ones and en/em dashes as '-', so line breaks and typography of the PDF extraction do not matter.
/// Reports where the quote's first occurrence starts: the 1-based line of the original text and the offset in the
/// normalized text (the coordinates in which coded spans are compared). The first occurrence, whatever order quotes
/// are asked in, so that a stance saved on its own gets the same line as in a whole load.
/// </summary>
public sealed class QuoteLocator
{
    private readonly string _normalized;
    private readonly int[] _originalIndex; // normalized position -> position in the original text
    private readonly int[] _lineStarts;

    // Positions of every 8-character window of the normalized text, by the window's hash: a quote's first occurrence
    // is found among the positions of its first window (ascending), so locating n quotes costs about n, not n × text.
    private const int Window = 8;
    private Dictionary<int, List<int>>? _windows;

    public QuoteLocator(string text)
    {
        (_normalized, _originalIndex) = NormalizeWithMap(text);
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        _lineStarts = starts.ToArray();
    }

    /// <summary>The line where <paramref name="quote"/> starts, or null when the text does not contain it.</summary>
    public int? FindLine(string quote) => Locate(quote)?.Line;

    /// <summary>Where the first occurrence of <paramref name="quote"/> sits, or null when the text does not contain it.</summary>
    public Model.TextSpan? Locate(string quote)
    {
        var needle = Normalize(quote);
        if (needle.Length == 0) return null;
        var at = needle.Length < Window ? _normalized.IndexOf(needle, StringComparison.Ordinal) : FirstOccurrence(needle);
        if (at < 0) return null;
        var original = _originalIndex[at];
        var line = Array.BinarySearch(_lineStarts, original);
        return new Model.TextSpan((line >= 0 ? line : ~line - 1) + 1, at, needle.Length);
    }

    /// <summary>Where a span found here sits in the original text: [start, end) as character offsets (to highlight it).</summary>
    public (int Start, int End) OriginalRange(Model.TextSpan span) => (_originalIndex[span.Start], _originalIndex[span.End - 1] + 1);

    private int FirstOccurrence(string needle)
    {
        _windows ??= IndexWindows(_normalized);
        if (!_windows.TryGetValue(string.GetHashCode(needle.AsSpan(0, Window)), out var positions)) return -1;
        foreach (var position in positions)
            if (position + needle.Length <= _normalized.Length && _normalized.AsSpan(position, needle.Length).SequenceEqual(needle))
                return position;
        return -1;
    }

    private static Dictionary<int, List<int>> IndexWindows(string text)
    {
        var windows = new Dictionary<int, List<int>>();
        for (var i = 0; i + Window <= text.Length; i++)
        {
            var hash = string.GetHashCode(text.AsSpan(i, Window));
            if (!windows.TryGetValue(hash, out var list)) windows[hash] = list = [];
            list.Add(i);
        }
        return windows;
    }

    /// <summary>The normalized text (the coordinates of <see cref="Model.TextSpan"/>).</summary>
    public string NormalizedText => _normalized;

    public static string Normalize(string text) => NormalizeWithMap(text, withMap: false).Text;

    private static (string Text, int[] Map) NormalizeWithMap(string text, bool withMap = true)
    {
        var builder = new StringBuilder(text.Length);
        var map = withMap ? new int[text.Length + 1] : [];
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && builder.Length > 0)
            {
                if (withMap) map[builder.Length] = i - 1;
                builder.Append(' ');
            }
            pendingSpace = false;
            if (withMap) map[builder.Length] = i;
            builder.Append(Fold(c));
        }
        return (builder.ToString(), map);
    }

    private static char Fold(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        '\u00A0' => ' ',
        _ => c,
    };
}
