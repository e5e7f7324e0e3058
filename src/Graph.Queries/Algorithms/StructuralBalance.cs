namespace Graph.Queries.Algorithms;

public static class StructuralBalance
{
    /// <summary>Every triangle of the signed network (pairs with a non-zero net sign) and whether it is balanced.</summary>
    /// <param name="network">The signed network.</param>
    /// <param name="maxListed">How many unbalanced triangles to list (a dense network has millions of triangles).</param>
    public static BalanceReport Analyze(SignedNetwork network, int maxListed = 1000)
    {
        // Integer ids in ordinal order, each expert's higher neighbours as a sorted array: every triangle a < b < c is
        // found once by merging the higher neighbours of a and of b (millions of triangles in seconds, not minutes).
        var experts = network.Experts;
        var index = experts.Select((e, i) => (e, i)).ToDictionary(x => x.e, x => x.i, StringComparer.Ordinal);
        var higher = experts.Select(_ => new List<int>()).ToArray();
        var sign = new Dictionary<long, int>();
        long Key(int x, int y) => (long)x * experts.Count + y;
        foreach (var tie in network.Pairs.Where(t => t.Sign != 0))
        {
            var (x, y) = (index[tie.A], index[tie.B]);
            if (x > y) (x, y) = (y, x);
            higher[x].Add(y);
            sign[Key(x, y)] = tie.Sign;
        }
        var up = higher.Select(l => { l.Sort(); return l.ToArray(); }).ToArray();

        long triangles = 0;
        long balanced = 0;
        var unbalanced = new List<SignedTriangle>();
        for (var a = 0; a < up.Length; a++)
        foreach (var b in up[a])
        {
            var (na, nb) = (up[a], up[b]);
            int i = 0, j = 0;
            while (i < na.Length && j < nb.Length)
            {
                if (na[i] < nb[j]) { i++; continue; }
                if (na[i] > nb[j]) { j++; continue; }
                var c = na[i];
                i++; j++;
                triangles++;
                int ab = sign[Key(a, b)], bc = sign[Key(b, c)], ac = sign[Key(a, c)];
                if (ab * bc * ac > 0) balanced++;
                else if (unbalanced.Count < maxListed) unbalanced.Add(new SignedTriangle(experts[a], experts[b], experts[c], ab, bc, ac));
            }
        }
        return new BalanceReport(triangles, balanced, unbalanced);
    }
}
