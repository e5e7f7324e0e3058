namespace Graph.Queries.Algorithms;

public static class PartitionComparison
{
    /// <summary>
    /// Purity = (1/N) sum over clusters of the size of its most common label; NMI = 2 I(C;L) / (H(C) + H(L))
    /// (the arithmetic-mean normalization; 1 when both partitions are a single group). Only items present in
    /// both maps are compared.
    /// </summary>
    public static PartitionAgreement Compare<TCluster, TLabel>(IReadOnlyDictionary<string, TCluster> clusters, IReadOnlyDictionary<string, TLabel> labels)
        where TCluster : notnull
        where TLabel : notnull
    {
        var items = clusters.Keys.Where(labels.ContainsKey).ToList();
        var n = items.Count;
        if (n == 0) return new PartitionAgreement(0, 0, 0);

        var joint = items.GroupBy(i => (clusters[i], labels[i])).ToDictionary(g => g.Key, g => g.Count());
        var byCluster = items.GroupBy(i => clusters[i]).ToDictionary(g => g.Key, g => g.Count());
        var byLabel = items.GroupBy(i => labels[i]).ToDictionary(g => g.Key, g => g.Count());

        var purity = items.GroupBy(i => clusters[i])
            .Sum(g => g.GroupBy(i => labels[i]).Max(l => l.Count())) / (double)n;

        var mutual = joint.Sum(kv =>
        {
            var pxy = kv.Value / (double)n;
            return pxy * Math.Log(pxy / (byCluster[kv.Key.Item1] / (double)n * (byLabel[kv.Key.Item2] / (double)n)));
        });
        var hc = Entropy(byCluster.Values, n);
        var hl = Entropy(byLabel.Values, n);
        var nmi = hc + hl == 0 ? 1.0 : 2 * mutual / (hc + hl);
        return new PartitionAgreement(n, purity, Math.Clamp(nmi, 0, 1));
    }

    private static double Entropy(IEnumerable<int> counts, int n) =>
        -counts.Sum(c => c / (double)n * Math.Log(c / (double)n));
}
