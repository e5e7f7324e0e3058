using Graph.Queries.Analysis;
using Graph.Queries.Model;

namespace Graph.Queries.Export;

public static class NetworkBuilder
{
    /// <summary>The two-mode edge's polarity when the expert both endorsed and criticized the claim.</summary>
    public const string BothPolarities = "both";

    private static readonly AttributeDefinition[] NodeAttributes =
    [
        new("kind", AttributeType.String),
        new("country", AttributeType.String),
        new("paradigm", AttributeType.String),
        new("topic", AttributeType.String),
    ];

    public static ExportNetwork OneMode(DiscourseSnapshot snapshot, NetworkKind kind, Normalization normalization)
    {
        if (kind == NetworkKind.TwoMode) throw new ArgumentException("Use TwoMode() for the two-mode network.", nameof(kind));
        var experts = snapshot.Experts.Keys.ToList();
        var edges = new List<ExportEdge>();
        for (var i = 0; i < experts.Count; i++)
        for (var j = i + 1; j < experts.Count; j++)
        {
            var pair = PairAgreement.Compute(snapshot, experts[i], experts[j]);
            if (pair.NothingInCommon) continue;
            var (weight, claims) = kind switch
            {
                NetworkKind.Congruence => (pair.Congruence(normalization), pair.Shared.Where(c => c.Agree)),
                NetworkKind.Conflict => (pair.Conflict(normalization), pair.Shared.Where(c => !c.Agree)),
                _ => (pair.Subtract(normalization), pair.Shared),
            };
            if (weight == 0) continue;
            edges.Add(new ExportEdge(pair.A, pair.B, weight, new Dictionary<string, object?>
            {
                ["agreements"] = (long)pair.Agreements,
                ["disagreements"] = (long)pair.Disagreements,
                ["claims"] = string.Join(";", claims.Select(c => c.ClaimId).Distinct()),
            }));
        }
        return new ExportNetwork($"{kind.ToString().ToLowerInvariant()} ({normalization.Name()})", NodeAttributes,
            [new("agreements", AttributeType.Integer), new("disagreements", AttributeType.Integer), new("claims", AttributeType.String)],
            ExpertNodes(snapshot), edges);
    }

    /// <summary>
    /// The expert–claim network: one edge per expert and claim they took a stance on (decision 25). An expert who took
    /// both positions on a claim (decision 23) has one edge with polarity "both" and sign 0 (the two cancel, as in
    /// their paradigm profile) — DNA's "combine" aggregation — since GEXF and GraphML readers (networkx, Gephi) merge
    /// or drop parallel undirected edges. Normalizations count those edges: activity 1 / the expert's claims,
    /// prominence 1 / the claim's experts.
    /// </summary>
    public static ExportNetwork TwoMode(DiscourseSnapshot snapshot, TwoModeNormalization normalization)
    {
        var pairs = snapshot.Stances.GroupBy(s => (s.ExpertId, s.ClaimId)).ToList();
        var perExpert = pairs.GroupBy(p => p.Key.ExpertId).ToDictionary(g => g.Key, g => g.Count());
        var perClaim = pairs.GroupBy(p => p.Key.ClaimId).ToDictionary(g => g.Key, g => g.Count());
        var edges = pairs.Select(p =>
        {
            var polarities = p.Select(s => s.Polarity).Distinct().ToList();
            return new ExportEdge(p.Key.ExpertId, p.Key.ClaimId,
                normalization switch
                {
                    TwoModeNormalization.Activity => 1.0 / perExpert[p.Key.ExpertId],
                    TwoModeNormalization.Prominence => 1.0 / perClaim[p.Key.ClaimId],
                    _ => 1.0,
                },
                new Dictionary<string, object?>
                {
                    ["polarity"] = polarities.Count > 1 ? BothPolarities : polarities[0].Verb(),
                    ["sign"] = polarities.Sum(x => (long)x),
                    ["section"] = string.Join(";", p.Select(s => s.Section).OfType<string>().Distinct()) is { Length: > 0 } sections ? sections : null,
                });
        }).ToList();
        var claimNodes = snapshot.Claims.Values.Select(c => new ExportNode(c.Id, c.Text, new Dictionary<string, object?>
        {
            ["kind"] = "claim",
            ["topic"] = c.Topic,
            ["paradigm"] = string.Join(";", c.Paradigms.Select(p => (p.Sign > 0 ? "+" : "-") + p.ParadigmId)),
        }));
        return new ExportNetwork($"two-mode ({normalization.ToString().ToLowerInvariant()})", NodeAttributes,
            [new("polarity", AttributeType.String), new("sign", AttributeType.Integer), new("section", AttributeType.String)],
            ExpertNodes(snapshot).Concat(claimNodes).ToList(), edges);
    }

    private static List<ExportNode> ExpertNodes(DiscourseSnapshot snapshot) => snapshot.Experts.Values
        .Select(e => new ExportNode(e.Id, e.Name, new Dictionary<string, object?>
        {
            ["kind"] = "expert",
            ["country"] = e.Country,
            ["paradigm"] = ParadigmProfiles.ForExpert(snapshot, e.Id).Dominant,
        }))
        .ToList();
}
