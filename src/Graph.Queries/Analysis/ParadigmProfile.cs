namespace Graph.Queries.Analysis;

public sealed record ParadigmProfile(string SubjectId, string Name, string Kind, IReadOnlyList<string> Experts, IReadOnlyList<ParadigmScore> Scores)
{
    /// <summary>The paradigm with the highest positive score (ties: larger sum, then id); null when none is positive.</summary>
    public string? Dominant => Scores.Where(s => s.Score > 0)
        .OrderByDescending(s => s.Score).ThenByDescending(s => s.Sum).ThenBy(s => s.ParadigmId, StringComparer.Ordinal)
        .Select(s => s.ParadigmId).FirstOrDefault();
}
