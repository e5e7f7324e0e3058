namespace Graph.Queries.Lookup;

/// <summary>
/// The answer to "which entity does this name mean": exactly one match, several candidates, or none with the
/// closest names by edit distance. Never an exception: the caller decides how to tell the user.
/// </summary>
public sealed record LookupResult(string Query, LookupStatus Status, IReadOnlyList<LookupEntry> Matches, IReadOnlyList<LookupEntry> Suggestions)
{
    private const int MaxListed = 10;

    public LookupEntry Single => Status == LookupStatus.Found
        ? Matches[0]
        : throw new InvalidOperationException($"'{Query}' did not resolve to exactly one entity.");

    /// <summary>One sentence for a person: what was not found or was ambiguous, and what to try.</summary>
    public string Explain()
    {
        var kinds = Matches.Concat(Suggestions).Select(m => m.Kind).Distinct().ToList();
        var noun = kinds.Count == 1 ? kinds[0].ToString().ToLowerInvariant() : "entity";
        return Status switch
        {
            LookupStatus.Found => $"'{Query}' is {Matches[0]}.",
            LookupStatus.Ambiguous =>
                $"'{Query}' matches {Matches.Count} {noun}s: {string.Join("; ", Matches.Take(MaxListed).Select(m => m.ToString()))}" +
                (Matches.Count > MaxListed ? $"; and {Matches.Count - MaxListed} more" : "") + ". Use an id or a fuller name.",
            _ => Suggestions.Count == 0
                ? $"No {noun} matches '{Query}'."
                : $"No {noun} matches '{Query}'. Did you mean: {string.Join("; ", Suggestions.Select(m => m.ToString()))}?",
        };
    }
}
