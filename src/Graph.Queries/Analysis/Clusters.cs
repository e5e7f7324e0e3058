using Graph.Queries.Algorithms;
using Graph.Queries.Model;
using Graph.Queries.Settings;

namespace Graph.Queries.Analysis;

public static class Clusters
{
    public static ClusterReport Analyze(DiscourseSnapshot snapshot, SignedNetwork network, AnalysisSettings settings)
    {
        var connected = network.Pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = connected.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var positive = SparseWeights.FromPairs(connected.Count, network.Pairs.Select(t => (index[t.A], index[t.B], (double)t.Agreements)));
        var negative = SparseWeights.FromPairs(connected.Count, network.Pairs.Select(t => (index[t.A], index[t.B], (double)t.Disagreements)));
        var partition = SignedLouvain.Detect(connected, positive, negative, settings.Seed, settings.Resolution);

        var dominant = connected.ToDictionary(e => e, e => ParadigmProfiles.ForExpert(snapshot, e).Dominant);
        // Largest community first (then by its smallest member id), so "group 1" is the main camp everywhere.
        var clusters = partition.Members
            .OrderByDescending(m => m.Count).ThenBy(m => m[0], StringComparer.Ordinal)
            .Select((members, i) => new Cluster(i + 1, members.Select(m => new ClusterMember(m, snapshot.NameOf(m), dominant[m])).ToList()))
            .ToList();
        var labels = dominant.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        var agreement = PartitionComparison.Compare(partition.Community, labels);

        return new ClusterReport(settings, clusters, partition.Modularity, agreement,
            Polarization.ByTopic(snapshot), new Lazy<BalanceReport>(() => StructuralBalance.Analyze(network)));
    }
}
