namespace Graph.Web.Views;

/// <summary>
/// Who agrees with whom: experts x experts, ordered by group. Each cell is [row, column, score, agreements,
/// disagreements] for row &lt; column (the matrix is symmetric); Score is the allies score under
/// <see cref="Normalization"/>. Claims (per cell, agreed then disputed claim ids) are included for debates small
/// enough to ship them; otherwise the page asks /api/pair when hovering.
/// </summary>
public sealed record MatrixView(
    ViewHeader Header,
    string Normalization,
    string ScoreName,
    double MaxAbsScore,
    IReadOnlyList<MatrixExpert> Experts,
    IReadOnlyList<MatrixBlock> Blocks,
    IReadOnlyList<double[]> Cells,
    IReadOnlyDictionary<string, string[][]>? Claims,
    IReadOnlyDictionary<string, string>? ClaimTexts,
    IReadOnlyList<ExpertRef> Unmatched)
{
    /// <summary>Up to this many experts the matrix carries every cell's claims (the offline HTML needs them).</summary>
    public const int ClaimsLimit = 400;
}
