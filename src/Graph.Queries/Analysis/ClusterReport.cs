using Graph.Queries.Algorithms;
using Graph.Queries.Settings;

namespace Graph.Queries.Analysis;

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
