namespace Graph.Queries.Analysis;

/// <summary>
/// A chain of experts. Sign is the product of the hop signs: in signed mode, +1 means the ends are expected to
/// be allies ("the opponent of my opponent"), -1 opponents; in agreement mode it is always +1 and in
/// disagreement mode (-1)^length.
/// </summary>
public sealed record ExpertPath(IReadOnlyList<string> Experts, IReadOnlyList<PathHop> Hops)
{
    public int Length => Hops.Count;
    public int Sign => Hops.Aggregate(1, (s, h) => s * h.Sign);

    /// <summary>What a signed chain predicts about its two ends ("the opponent of my opponent is my ally").</summary>
    public string Verdict => Sign > 0 ? "expected allies" : "expected opponents";
}
