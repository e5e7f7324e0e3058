namespace Graph.Queries.Analysis;

public sealed record Cluster(int Number, IReadOnlyList<ClusterMember> Members)
{
    /// <summary>The most common dominant paradigm among members (ignoring members without one).</summary>
    public string? MainParadigm => Members.Where(m => m.DominantParadigm is not null)
        .GroupBy(m => m.DominantParadigm!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key).FirstOrDefault();
}
