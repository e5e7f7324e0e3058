namespace Graph.Queries.Algorithms;

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
    /// <param name="resolution">Modularity resolution gamma (1: standard; above 1 favours smaller communities).</param>
    public static Partition Detect(IReadOnlyList<string> nodes, double[,] positive, double[,] negative, int seed, double resolution = 1.0) =>
        Detect(nodes, SparseWeights.FromDense(positive), SparseWeights.FromDense(negative), seed, resolution);

    /// <summary>The same on sparse weights: memory and time grow with the ties, not with the square of the nodes.</summary>
    public static Partition Detect(IReadOnlyList<string> nodes, SparseWeights positive, SparseWeights negative, int seed, double resolution = 1.0)
    {
        var n = nodes.Count;
        // No node (a time window without ties): no community, and modularity 0 by convention.
        if (n == 0) return new Partition(new Dictionary<string, int>(), 0);
        var membership = Enumerable.Range(0, n).ToArray(); // original node -> node of the current level
        var p = positive;
        var q = negative;
        var random = new Random(seed);

        while (true)
        {
            var size = p.Size;
            var community = LocalMoves(p, q, random, resolution);
            var count = community.Max() + 1;
            if (count == size) break; // no node moved: this level is final
            for (var i = 0; i < n; i++) membership[i] = community[membership[i]];
            p = p.Aggregate(community, count);
            q = q.Aggregate(community, count);
            if (count == 1) break;
        }

        var labels = Relabel(nodes, membership);
        return new Partition(labels, Modularity(nodes, positive, negative, labels, resolution));
    }

    /// <summary>Signed modularity of a partition (the quantity Louvain maximizes).</summary>
    public static double Modularity(IReadOnlyList<string> nodes, double[,] positive, double[,] negative, IReadOnlyDictionary<string, int> community, double resolution = 1.0) =>
        Modularity(nodes, SparseWeights.FromDense(positive), SparseWeights.FromDense(negative), community, resolution);

    public static double Modularity(IReadOnlyList<string> nodes, SparseWeights positive, SparseWeights negative, IReadOnlyDictionary<string, int> community, double resolution = 1.0)
    {
        var (kp, mp) = positive.Strengths();
        var (kn, mn) = negative.Strengths();
        if (mp + mn == 0) return 0;
        var of = nodes.Select(node => community[node]).ToArray();
        // Σ over same-community pairs of (A_ij - k_i k_j / m) = (weight inside communities) - Σ_c (Σ_{i in c} k_i)² / m.
        double Part(SparseWeights weights, double[] k, double m)
        {
            if (m <= 0) return 0;
            var inside = 0.0;
            for (var i = 0; i < weights.Size; i++)
                foreach (var (j, w) in weights.Row(i))
                    if (of[i] == of[j]) inside += w;
            var totals = new Dictionary<int, double>();
            for (var i = 0; i < k.Length; i++) totals[of[i]] = totals.GetValueOrDefault(of[i]) + k[i];
            return inside - resolution * totals.Values.Sum(t => t * t) / m;
        }
        return (Part(positive, kp, mp) - Part(negative, kn, mn)) / (mp + mn);
    }

    // Phase one: move single nodes to the neighbouring community with the best gain until nothing moves.
    // Returns community indices renumbered 0..k-1 in order of first appearance.
    private static int[] LocalMoves(SparseWeights p, SparseWeights q, Random random, double resolution)
    {
        var size = p.Size;
        var (kp, mp) = p.Strengths();
        var (kn, mn) = q.Strengths();
        var community = Enumerable.Range(0, size).ToArray();
        var members = Enumerable.Repeat(1, size).ToArray();
        var empty = new SortedSet<int>();
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
                if (--members[from] == 0) empty.Add(from);

                var linksP = new Dictionary<int, double>();
                var linksN = new Dictionary<int, double>();
                foreach (var (j, w) in p.Row(i))
                    if (j != i) linksP[community[j]] = linksP.GetValueOrDefault(community[j]) + w;
                foreach (var (j, w) in q.Row(i))
                    if (j != i) linksN[community[j]] = linksN.GetValueOrDefault(community[j]) + w;

                double Gain(int c)
                {
                    var gain = 0.0;
                    if (mp > 0) gain += linksP.GetValueOrDefault(c) - resolution * kp[i] * totP[c] / mp;
                    if (mn > 0) gain -= linksN.GetValueOrDefault(c) - resolution * kn[i] * totN[c] / mn;
                    return gain;
                }

                var best = from;
                var bestGain = Gain(from);
                foreach (var c in linksP.Keys.Union(linksN.Keys).Order())
                {
                    var gain = Gain(c);
                    if (gain > bestGain + Epsilon) (best, bestGain) = (c, gain);
                }
                // Being alone scores 0: an expert who disagrees with every camp stays on its own
                // (in the lowest-numbered community nobody else is in).
                if (bestGain < -Epsilon) best = empty.Min;

                community[i] = best;
                totP[best] += kp[i];
                totN[best] += kn[i];
                if (members[best]++ == 0) empty.Remove(best);
                if (best != from) moved = true;
            }
        } while (moved && ++rounds < 1000);

        var renumber = new Dictionary<int, int>();
        return community.Select(c => renumber.TryGetValue(c, out var r) ? r : renumber[c] = renumber.Count).ToArray();
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
