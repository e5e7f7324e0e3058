using Graph.Queries.Analysis;
using Graph.Queries.Model;

namespace Graph.Queries.Export;

public static class NetworkBuilder
{
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

    public static ExportNetwork TwoMode(DiscourseSnapshot snapshot, TwoModeNormalization normalization)
    {
        var perExpert = snapshot.Stances.GroupBy(s => s.ExpertId).ToDictionary(g => g.Key, g => g.Count());
        var perClaim = snapshot.Stances.GroupBy(s => s.ClaimId).ToDictionary(g => g.Key, g => g.Count());
        var edges = snapshot.Stances.Select(s => new ExportEdge(s.ExpertId, s.ClaimId,
            normalization switch
            {
                TwoModeNormalization.Activity => 1.0 / perExpert[s.ExpertId],
                TwoModeNormalization.Prominence => 1.0 / perClaim[s.ClaimId],
                _ => 1.0,
            },
            new Dictionary<string, object?>
            {
                ["polarity"] = s.Polarity.Verb(),
                ["sign"] = (long)s.Polarity,
                ["section"] = s.Section,
            })).ToList();
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
