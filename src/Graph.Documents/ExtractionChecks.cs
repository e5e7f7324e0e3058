using System.Text.RegularExpressions;

namespace Graph.Documents;

/// <summary>
/// Checks of an extracted text, page by page, for what would break quotes or mislead a coder: pages without text
/// (kept as empty pages, never dropped), words hyphenated at a line end ("develop-" / "ment": a quote across them will
/// not match) and lines repeated at the top or bottom of many pages (running headers, footers, page numbers).
/// </summary>
public static partial class ExtractionChecks
{
    public static IReadOnlyList<ExtractionNote> Check(IReadOnlyList<string> pages)
    {
        var notes = new List<ExtractionNote>();
        var empty = pages.Select((p, i) => (p, i)).Where(x => x.p.Trim().Length == 0).Select(x => x.i + 1).ToList();
        if (pages.Count > 1 && empty.Count > 0)
            notes.Add(new ExtractionNote("empty-page",
                $"{Plural(empty.Count, "page")} without text (page {string.Join(", ", empty)}): a scanned image or a blank page? It is kept as an empty page; the text of a scan needs OCR first"));

        var hyphenated = new List<string>();
        for (var p = 0; p < pages.Count; p++)
        {
            var lines = pages[p].Split('\n');
            for (var l = 0; l + 1 < lines.Length; l++)
                if (LineEndHyphen().Match(lines[l].TrimEnd()) is { Success: true } m && lines[l + 1].TrimStart() is { Length: > 0 } next && char.IsLower(next[0]))
                    hyphenated.Add($"'{m.Groups[1].Value}-{next.Split(' ')[0]}' (page {p + 1}, line {l + 1})");
        }
        if (hyphenated.Count > 0)
            notes.Add(new ExtractionNote("hyphenation",
                $"{Plural(hyphenated.Count, "word")} hyphenated at a line end, e.g. {string.Join(", ", hyphenated.Take(3))}: quotes must not span them (the text is kept verbatim)"));

        if (pages.Count >= 2)
            foreach (var (where, pick) in new (string, Func<string[], string?>)[] { ("header", l => l.FirstOrDefault()), ("footer", l => l.LastOrDefault()) })
            {
                var repeated = pages.Select(p => pick(p.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()))
                    .OfType<string>().GroupBy(l => Digits().Replace(l, "#"))
                    .Where(g => g.Count() >= 2 && g.Count() * 2 >= pages.Count).OrderByDescending(g => g.Count()).FirstOrDefault();
                if (repeated is not null)
                    notes.Add(new ExtractionNote(where,
                        $"the line '{TextExtractor.Shorten(repeated.First())}' repeats as the {where} of {repeated.Count()} of {pages.Count} pages (a running {where} or page number?); it is part of the text, quotes must not span it"));
            }
        return notes;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    [GeneratedRegex(@"(\p{L}+)-$")]
    private static partial Regex LineEndHyphen();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
