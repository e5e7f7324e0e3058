namespace Graph.Queries.Algorithms;

/// <summary>
/// A symmetric weight matrix stored by rows of (column, weight) sorted by column, zeros left out. Sums run in
/// ascending column order, as a dense loop would, so results do not depend on the representation.
/// </summary>
public sealed class SparseWeights
{
    private readonly (int Column, double Weight)[][] _rows;

    private SparseWeights((int, double)[][] rows) => _rows = rows;

    public int Size => _rows.Length;

    public IReadOnlyList<(int Column, double Weight)> Row(int i) => _rows[i];

    /// <summary>Builds the matrix from symmetric entries: each (a, b, w) adds w at [a, b] and [b, a].</summary>
    public static SparseWeights FromPairs(int size, IEnumerable<(int A, int B, double Weight)> pairs)
    {
        var rows = Enumerable.Range(0, size).Select(_ => new SortedDictionary<int, double>()).ToArray();
        foreach (var (a, b, w) in pairs)
        {
            if (w == 0) continue;
            rows[a][b] = rows[a].GetValueOrDefault(b) + w;
            if (a != b) rows[b][a] = rows[b].GetValueOrDefault(a) + w;
        }
        return new SparseWeights(rows.Select(r => r.Select(kv => (kv.Key, kv.Value)).ToArray()).ToArray());
    }

    public static SparseWeights FromDense(double[,] weights)
    {
        var size = weights.GetLength(0);
        var rows = new (int, double)[size][];
        for (var i = 0; i < size; i++)
        {
            var row = new List<(int, double)>();
            for (var j = 0; j < size; j++)
                if (weights[i, j] != 0) row.Add((j, weights[i, j]));
            rows[i] = row.ToArray();
        }
        return new SparseWeights(rows);
    }

    /// <summary>Each node's total weight and the sum of all entries.</summary>
    public (double[] Strength, double Total) Strengths()
    {
        var k = new double[Size];
        var total = 0.0;
        for (var i = 0; i < Size; i++)
            foreach (var (_, w) in _rows[i])
            {
                k[i] += w;
                total += w;
            }
        return (k, total);
    }

    /// <summary>Collapses each community into one node; weights inside a community land on its diagonal.</summary>
    public SparseWeights Aggregate(int[] community, int count)
    {
        var rows = Enumerable.Range(0, count).Select(_ => new SortedDictionary<int, double>()).ToArray();
        for (var i = 0; i < Size; i++)
            foreach (var (j, w) in _rows[i])
                rows[community[i]][community[j]] = rows[community[i]].GetValueOrDefault(community[j]) + w;
        return new SparseWeights(rows.Select(r => r.Select(kv => (kv.Key, kv.Value)).ToArray()).ToArray());
    }
}
