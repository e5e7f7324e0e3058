using Graph.Queries.Model;
using Graph.Queries.Text;
using Quickenshtein;

namespace Graph.Queries.Lookup;

/// <summary>
/// Finds experts, institutions, claims and paradigms by id or by any name variant, accent- and case-insensitive.
/// Tiers, first that matches wins: id; whole folded name; all query words are words of a name
/// ("Raul Delgado" -> "Raúl Delgado Wise"); all query words start words of a name ("R Delg").
/// </summary>
public sealed class EntityIndex
{
    private const int SuggestionCount = 5;
    private readonly List<IndexedEntry> _entries;

    public EntityIndex(IEnumerable<LookupEntry> entries)
    {
        _entries = entries
            .Select(e => new IndexedEntry(e, e.Variants.Append(e.Name).Append(e.Id)
                .Where(v => !string.IsNullOrWhiteSpace(v))
                .Select(NameText.Fold)
                .Where(v => v.Length > 0)
                .Distinct()
                .ToList()))
            .ToList();
    }

    public int Count => _entries.Count;

    public static EntityIndex From(DiscourseSnapshot snapshot) => new(
        snapshot.Experts.Values.Select(e => new LookupEntry(EntityKind.Expert, e.Id, e.Name, e.Aliases))
            .Concat(snapshot.Institutions.Values.Select(i => new LookupEntry(EntityKind.Institution, i.Id, i.Name,
                i.Acronym is null ? [] : [i.Acronym])))
            .Concat(snapshot.Paradigms.Values.Select(p => new LookupEntry(EntityKind.Paradigm, p.Id, p.Name, [])))
            .Concat(snapshot.Claims.Values.Select(c => new LookupEntry(EntityKind.Claim, c.Id, c.Text, []))));

    public LookupResult Resolve(string query, params EntityKind[] kinds)
    {
        var candidates = kinds.Length == 0 ? _entries : _entries.Where(e => kinds.Contains(e.Entry.Kind)).ToList();
        var trimmed = query.Trim();

        var byId = candidates.Where(e => string.Equals(e.Entry.Id, trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byId.Count > 0) return Answer(query, byId);

        var folded = NameText.Fold(trimmed);
        if (folded.Length == 0) return new LookupResult(query, LookupStatus.NotFound, [], []);
        var words = folded.Split(' ');

        foreach (var tier in new Func<IndexedEntry, bool>[]
                 {
                     e => e.Variants.Contains(folded),
                     e => e.Variants.Any(v => ContainsAllWords(v, words, prefix: false)),
                     e => e.Variants.Any(v => ContainsAllWords(v, words, prefix: true)),
                 })
        {
            var hits = candidates.Where(tier).ToList();
            if (hits.Count > 0) return Answer(query, hits);
        }

        var suggestions = candidates
            .Select(e => (e.Entry, Distance: e.Variants.Min(v => Distance(folded, v))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Entry.Name, StringComparer.Ordinal)
            .Take(SuggestionCount)
            .Select(x => x.Entry)
            .ToList();
        return new LookupResult(query, LookupStatus.NotFound, [], suggestions);
    }

    private static LookupResult Answer(string query, List<IndexedEntry> hits)
    {
        var matches = hits.Select(h => h.Entry).DistinctBy(e => (e.Kind, e.Id))
            .OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        return new LookupResult(query, matches.Count == 1 ? LookupStatus.Found : LookupStatus.Ambiguous, matches, []);
    }

    private static bool ContainsAllWords(string variant, string[] words, bool prefix)
    {
        var variantWords = variant.Split(' ');
        return words.All(w => variantWords.Any(v => prefix ? v.StartsWith(w, StringComparison.Ordinal) : v == w));
    }

    // A misspelt single word ("Delgato") is compared with each word of the name as well as with the whole name.
    private static int Distance(string query, string variant)
    {
        var whole = Levenshtein.GetDistance(query, variant);
        if (query.Contains(' ')) return whole;
        return Math.Min(whole, variant.Split(' ').Min(w => Levenshtein.GetDistance(query, w)));
    }

    private sealed record IndexedEntry(LookupEntry Entry, List<string> Variants);
}
