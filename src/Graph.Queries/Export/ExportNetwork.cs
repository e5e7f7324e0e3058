using Graph.Queries.Analysis;
using Graph.Queries.Model;

namespace Graph.Queries.Export;

public enum NetworkKind
{
    /// <summary>One-mode experts: edge weight = normalized number of claims both endorse or both criticize.</summary>
    Congruence,

    /// <summary>One-mode experts: edge weight = normalized number of claims one endorses and the other criticizes.</summary>
    Conflict,

    /// <summary>One-mode experts: congruence minus conflict (may be negative).</summary>
    Subtract,

    /// <summary>Two-mode experts x claims: one edge per stance, with its polarity.</summary>
    TwoMode,
}

/// <summary>
/// Two-mode weights (DNA's two-mode normalizations): None = 1 per stance; Activity = 1 / number of the expert's
/// stances; Prominence = 1 / number of stances on the claim.
/// </summary>
public enum TwoModeNormalization
{
    None,
    Activity,
    Prominence,
}

public enum AttributeType
{
    String,
    Integer,
    Double,
}

public sealed record AttributeDefinition(string Name, AttributeType Type);

/// <summary>How a node is drawn in a picture (positions in the picture's units, y downwards; colour "#rrggbb").</summary>
public sealed record NodeLook(double X, double Y, double Size, string Color);

public sealed record ExportNode(string Id, string Label, IReadOnlyDictionary<string, object?> Attributes, NodeLook? Look = null);

public sealed record ExportEdge(string Source, string Target, double Weight, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>
/// A network ready to be written as GraphML, GEXF or CSV. Undirected; nodes and edges in a stable order.
/// <see cref="Description"/> says where it comes from and how it was computed (written into the file's metadata).
/// </summary>
public sealed record ExportNetwork(
    string Name,
    IReadOnlyList<AttributeDefinition> NodeAttributes,
    IReadOnlyList<AttributeDefinition> EdgeAttributes,
    IReadOnlyList<ExportNode> Nodes,
    IReadOnlyList<ExportEdge> Edges,
    string? Description = null);

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
                ["claims"] = string.Join(";", claims.Select(c => c.ClaimId)),
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
