using Graph.Queries.Algorithms;
using Graph.Queries.Model;
using Graph.Queries.Settings;

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
/// the dominant paradigm of the experts that have one. Communities are numbered by size, largest first.
/// </summary>
public sealed record ClusterReport(
    AnalysisSettings Settings,
    IReadOnlyList<Cluster> Clusters,
    double Modularity,
    PartitionAgreement ParadigmAgreement,
    IReadOnlyList<PolarizationScore> Polarization,
    [property: System.Text.Json.Serialization.JsonIgnore] Lazy<BalanceReport> BalanceOnDemand)
{
    public int Seed => Settings.Seed;

    /// <summary>Structural balance of the signed network, computed when first asked (a dense network has millions of triangles).</summary>
    public BalanceReport Balance => BalanceOnDemand.Value;

    /// <summary>Community number of each clustered expert.</summary>
    public IReadOnlyDictionary<string, int> CommunityOf() =>
        Clusters.SelectMany(c => c.Members.Select(m => (m.ExpertId, c.Number))).ToDictionary(x => x.ExpertId, x => x.Number, StringComparer.Ordinal);
}

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
