namespace Graph.Queries.Algorithms;

/// <summary>A division of nodes into communities numbered 1..Count (by each community's smallest node id).</summary>
public sealed record Partition(IReadOnlyDictionary<string, int> Community, double Modularity)
{
    public int Count => Community.Values.Distinct().Count();

    public IReadOnlyList<IReadOnlyList<string>> Members => Community
        .GroupBy(kv => kv.Value).OrderBy(g => g.Key)
        .Select(g => (IReadOnlyList<string>)g.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList())
        .ToList();
}
