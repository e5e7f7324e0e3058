namespace Graph.Queries.Algorithms;

/// <summary>A triangle of experts and the signs of its three edges (AB, BC, AC).</summary>
public sealed record SignedTriangle(string A, string B, string C, int SignAB, int SignBC, int SignAC)
{
    /// <summary>Balanced (Heider, Cartwright-Harary) when the product of the signs is positive:
    /// friends of friends are friends, the opponent of my opponent is my friend.</summary>
    public bool Balanced => SignAB * SignBC * SignAC > 0;
}

/// <summary>Triangle counts; <see cref="Unbalanced"/> lists at most the first N unbalanced triangles (by ids) of <see cref="UnbalancedTriangles"/>.</summary>
public sealed record BalanceReport(long Triangles, long BalancedTriangles, IReadOnlyList<SignedTriangle> Unbalanced)
{
    public long UnbalancedTriangles => Triangles - BalancedTriangles;

    /// <summary>Share of balanced triangles; 1 when there are no triangles (nothing is unbalanced).</summary>
    public double BalancedShare => Triangles == 0 ? 1.0 : BalancedTriangles / (double)Triangles;
}

public static class StructuralBalance
{
    /// <summary>Every triangle of the signed network (pairs with a non-zero net sign) and whether it is balanced.</summary>
    /// <param name="network">The signed network.</param>
    /// <param name="maxListed">How many unbalanced triangles to list (a dense network has millions of triangles).</param>
    public static BalanceReport Analyze(SignedNetwork network, int maxListed = 1000)
    {
        var sign = new Dictionary<(string, string), int>();
        var neighbours = network.Experts.ToDictionary(e => e, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var tie in network.Pairs.Where(t => t.Sign != 0))
        {
            sign[(tie.A, tie.B)] = tie.Sign;
            neighbours[tie.A].Add(tie.B);
            neighbours[tie.B].Add(tie.A);
        }
        int Sign(string x, string y) => sign[string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x)];

        long triangles = 0;
        long balanced = 0;
        var unbalanced = new List<SignedTriangle>();
        foreach (var a in network.Experts)
        foreach (var b in neighbours[a].Where(b => string.CompareOrdinal(b, a) > 0))
        foreach (var c in neighbours[b].Where(c => string.CompareOrdinal(c, b) > 0 && neighbours[a].Contains(c)))
        {
            triangles++;
            if (Sign(a, b) * Sign(b, c) * Sign(a, c) > 0) balanced++;
            else if (unbalanced.Count < maxListed) unbalanced.Add(new SignedTriangle(a, b, c, Sign(a, b), Sign(b, c), Sign(a, c)));
        }
        return new BalanceReport(triangles, balanced, unbalanced);
    }
}
