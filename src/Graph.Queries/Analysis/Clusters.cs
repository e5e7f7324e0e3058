using Graph.Queries.Algorithms;
using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

public sealed record ClusterMember(string ExpertId, string Name, string? DominantParadigm);

public sealed record Cluster(int Number, IReadOnlyList<ClusterMember> Members)
{
    /// <summary>The most common dominant paradigm among members (ignoring members without one).</summary>
    public string? MainParadigm => Members.Where(m => m.DominantParadigm is not null)
        .GroupBy(m => m.DominantParadigm!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key).FirstOrDefault();
}

/// <summary>
/// Communities of the agreement network and how they relate to the paradigms. Experts without any tie are left
/// out of the clustering (they would each be a community of one); purity and NMI compare the communities with
/// the dominant paradigm of the experts that have one.
/// </summary>
public sealed record ClusterReport(
    int Seed,
    IReadOnlyList<Cluster> Clusters,
    double Modularity,
    PartitionAgreement ParadigmAgreement,
    IReadOnlyList<PolarizationScore> Polarization,
    BalanceReport Balance);

public static class Clusters
{
    public static ClusterReport Analyze(DiscourseSnapshot snapshot, SignedNetwork network, int seed)
    {
        var connected = network.Pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = connected.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var positive = SparseWeights.FromPairs(connected.Count, network.Pairs.Select(t => (index[t.A], index[t.B], (double)t.Agreements)));
        var negative = SparseWeights.FromPairs(connected.Count, network.Pairs.Select(t => (index[t.A], index[t.B], (double)t.Disagreements)));
        var partition = SignedLouvain.Detect(connected, positive, negative, seed);

        var dominant = connected.ToDictionary(e => e, e => ParadigmProfiles.ForExpert(snapshot, e).Dominant);
        var clusters = partition.Members.Select((members, i) => new Cluster(i + 1,
            members.Select(m => new ClusterMember(m, snapshot.NameOf(m), dominant[m])).ToList())).ToList();
        var labels = dominant.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        var agreement = PartitionComparison.Compare(partition.Community, labels);

        return new ClusterReport(seed, clusters, partition.Modularity, agreement,
            Polarization.ByTopic(snapshot), StructuralBalance.Analyze(network));
    }
}
