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

/// <summary>
/// Louvain community detection (Blondel et al. 2008) maximizing the signed modularity of Gómez, Jensen and
/// Arenas (2009): Q = [2w+ Q+ - 2w- Q-] / (2w+ + 2w-), where Q+ and Q- are Newman's modularity of the positive
/// (agreement) and negative (disagreement) weights. Agreement pulls experts together, disagreement pushes them
/// apart, and an expert may stay alone rather than join a camp it disagrees with.
/// The visiting order is shuffled by a seeded random generator: the same seed gives the same partition.
/// </summary>
public static class SignedLouvain
{
    private const double Epsilon = 1e-12;

    /// <param name="nodes">Node ids.</param>
    /// <param name="positive">Symmetric non-negative agreement weights (node index by node index).</param>
    /// <param name="negative">Symmetric non-negative disagreement weights.</param>
    public static Partition Detect(IReadOnlyList<string> nodes, double[,] positive, double[,] negative, int seed)
    {
        var n = nodes.Count;
        var membership = Enumerable.Range(0, n).ToArray(); // original node -> node of the current level
        var p = (double[,])positive.Clone();
        var q = (double[,])negative.Clone();
        var random = new Random(seed);

        while (true)
        {
            var size = p.GetLength(0);
            var community = LocalMoves(p, q, random);
            var count = community.Max() + 1;
            if (count == size) break; // no node moved: this level is final
            for (var i = 0; i < n; i++) membership[i] = community[membership[i]];
            p = Aggregate(p, community, count);
            q = Aggregate(q, community, count);
            if (count == 1) break;
        }

        var labels = Relabel(nodes, membership);
        return new Partition(labels, Modularity(nodes, positive, negative, labels));
    }

    /// <summary>Signed modularity of a partition (the quantity Louvain maximizes).</summary>
    public static double Modularity(IReadOnlyList<string> nodes, double[,] positive, double[,] negative, IReadOnlyDictionary<string, int> community)
    {
        var n = nodes.Count;
        var (kp, mp) = Strengths(positive);
        var (kn, mn) = Strengths(negative);
        if (mp + mn == 0) return 0;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            if (community[nodes[i]] != community[nodes[j]]) continue;
            if (mp > 0) sum += positive[i, j] - kp[i] * kp[j] / mp;
            if (mn > 0) sum -= negative[i, j] - kn[i] * kn[j] / mn;
        }
        return sum / (mp + mn);
    }

    // Phase one: move single nodes to the neighbouring community with the best gain until nothing moves.
    // Returns community indices renumbered 0..k-1 in order of first appearance.
    private static int[] LocalMoves(double[,] p, double[,] q, Random random)
    {
        var size = p.GetLength(0);
        var (kp, mp) = Strengths(p);
        var (kn, mn) = Strengths(q);
        var community = Enumerable.Range(0, size).ToArray();
        var totP = (double[])kp.Clone();
        var totN = (double[])kn.Clone();
        var order = Enumerable.Range(0, size).ToArray();
        random.Shuffle(order);

        bool moved;
        var rounds = 0;
        do
        {
            moved = false;
            foreach (var i in order)
            {
                var from = community[i];
                totP[from] -= kp[i];
                totN[from] -= kn[i];

                var linksP = new Dictionary<int, double>();
                var linksN = new Dictionary<int, double>();
                for (var j = 0; j < size; j++)
                {
                    if (j == i) continue;
                    if (p[i, j] != 0) linksP[community[j]] = linksP.GetValueOrDefault(community[j]) + p[i, j];
                    if (q[i, j] != 0) linksN[community[j]] = linksN.GetValueOrDefault(community[j]) + q[i, j];
                }

                double Gain(int c)
                {
                    var gain = 0.0;
                    if (mp > 0) gain += linksP.GetValueOrDefault(c) - kp[i] * totP[c] / mp;
                    if (mn > 0) gain -= linksN.GetValueOrDefault(c) - kn[i] * totN[c] / mn;
                    return gain;
                }

                var best = from;
                var bestGain = Gain(from);
                foreach (var c in linksP.Keys.Union(linksN.Keys).Order())
                {
                    var gain = Gain(c);
                    if (gain > bestGain + Epsilon) (best, bestGain) = (c, gain);
                }
                // Being alone scores 0: an expert who disagrees with every camp stays on its own.
                if (bestGain < -Epsilon)
                {
                    var used = community.Where((_, j) => j != i).ToHashSet();
                    best = Enumerable.Range(0, size).First(c => !used.Contains(c));
                }

                community[i] = best;
                totP[best] += kp[i];
                totN[best] += kn[i];
                if (best != from) moved = true;
            }
        } while (moved && ++rounds < 1000);

        var renumber = new Dictionary<int, int>();
        return community.Select(c => renumber.TryGetValue(c, out var r) ? r : renumber[c] = renumber.Count).ToArray();
    }

    private static double[,] Aggregate(double[,] weights, int[] community, int count)
    {
        var result = new double[count, count];
        var size = weights.GetLength(0);
        for (var i = 0; i < size; i++)
        for (var j = 0; j < size; j++)
            result[community[i], community[j]] += weights[i, j];
        return result;
    }

    private static (double[] Strength, double Total) Strengths(double[,] weights)
    {
        var size = weights.GetLength(0);
        var k = new double[size];
        var total = 0.0;
        for (var i = 0; i < size; i++)
        for (var j = 0; j < size; j++)
        {
            k[i] += weights[i, j];
            total += weights[i, j];
        }
        return (k, total);
    }

    private static Dictionary<string, int> Relabel(IReadOnlyList<string> nodes, int[] membership)
    {
        var order = Enumerable.Range(0, nodes.Count).OrderBy(i => nodes[i], StringComparer.Ordinal).ToList();
        var renumber = new Dictionary<int, int>();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in order)
        {
            if (!renumber.TryGetValue(membership[i], out var label)) renumber[membership[i]] = label = renumber.Count + 1;
            labels[nodes[i]] = label;
        }
        return labels;
    }
}
