namespace Graph.Queries.Analysis;

public sealed record ExpertPositions(string ExpertId, string Name, IReadOnlyList<PositionGroup> Groups)
{
    /// <summary>Distinct claims the expert takes a stance on (a claim aligned with two paradigms shows in both groups).</summary>
    public int StanceCount => Groups.SelectMany(g => g.Positions).Select(p => p.ClaimId).Distinct().Count();
}
