namespace Graph.Queries.Algorithms;

/// <summary>Triangle counts; <see cref="Unbalanced"/> lists at most the first N unbalanced triangles (by ids) of <see cref="UnbalancedTriangles"/>.</summary>
public sealed record BalanceReport(long Triangles, long BalancedTriangles, IReadOnlyList<SignedTriangle> Unbalanced)
{
    public long UnbalancedTriangles => Triangles - BalancedTriangles;

    /// <summary>Share of balanced triangles; 1 when there are no triangles (nothing is unbalanced).</summary>
    public double BalancedShare => Triangles == 0 ? 1.0 : BalancedTriangles / (double)Triangles;
}
