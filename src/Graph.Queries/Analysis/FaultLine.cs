namespace Graph.Queries.Analysis;

/// <summary>
/// A disputed claim between two communities: the majority of one endorses it while the majority of the other
/// criticizes it. <see cref="OpposedPairs"/> counts the cross-community pairs of experts who take opposite stances.
/// </summary>
public sealed record FaultLine(int GroupA, int GroupB, string ClaimId, string Text,
    int EndorsersA, int CriticsA, int EndorsersB, int CriticsB)
{
    public int OpposedPairs => EndorsersA * CriticsB + CriticsA * EndorsersB;

    /// <summary>"group 1 endorses, group 2 criticizes" (majorities).</summary>
    public string Phrase => $"group {GroupA} {(EndorsersA > CriticsA ? "endorses" : "criticizes")}, group {GroupB} {(EndorsersB > CriticsB ? "endorses" : "criticizes")}";
}
