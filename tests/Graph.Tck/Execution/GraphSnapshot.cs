using Graph.Client;

namespace Graph.Tck.Execution;

/// <summary>
/// The observable state of a graph (node and relationship ids, the set of label names in use, and
/// property triples), read with plain MATCH queries. Side effects are the difference between two
/// snapshots, which is the TCK's definition: "+labels" counts label names new to the whole graph and a
/// changed property counts as one removed and one added triple.
/// </summary>
public sealed class GraphSnapshot
{
    private GraphSnapshot(HashSet<string> nodes, HashSet<string> relationships, HashSet<string> labels, HashSet<string> properties)
    {
        Nodes = nodes;
        Relationships = relationships;
        Labels = labels;
        Properties = properties;
    }

    public IReadOnlySet<string> Nodes { get; }
    public IReadOnlySet<string> Relationships { get; }
    public IReadOnlySet<string> Labels { get; }
    /// <summary>"n:&lt;id&gt;.key=literal" / "r:&lt;id&gt;.key=literal" triples.</summary>
    public IReadOnlySet<string> Properties { get; }

    public static async Task<GraphSnapshot> CaptureAsync(IQueryRunner runner, CancellationToken cancellationToken)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        var relationships = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var properties = new HashSet<string>(StringComparer.Ordinal);

        var nodeResult = await runner.RunAsync("MATCH (n) RETURN n", null, cancellationToken).ConfigureAwait(false);
        foreach (var record in nodeResult.Records)
        {
            if (record[0] is not Node node) throw new InvalidOperationException($"MATCH (n) RETURN n returned {ValueFormatter.ToCypherLiteral(record[0])}, not a node.");
            nodes.Add(node.ElementId);
            labels.UnionWith(node.Labels);
            AddProperties(properties, "n:" + node.ElementId, node.Properties);
        }

        var relationshipResult = await runner.RunAsync("MATCH ()-[r]->() RETURN r", null, cancellationToken).ConfigureAwait(false);
        foreach (var record in relationshipResult.Records)
        {
            if (record[0] is not Relationship relationship) throw new InvalidOperationException($"MATCH ()-[r]->() RETURN r returned {ValueFormatter.ToCypherLiteral(record[0])}, not a relationship.");
            relationships.Add(relationship.ElementId);
            AddProperties(properties, "r:" + relationship.ElementId, relationship.Properties);
        }
        return new GraphSnapshot(nodes, relationships, labels, properties);
    }

    private static void AddProperties(HashSet<string> into, string owner, IReadOnlyDictionary<string, object?> properties)
    {
        foreach (var (key, value) in properties)
            into.Add($"{owner}.{key}={ValueFormatter.ToCypherLiteral(value)}");
    }

    /// <summary>The side effects from <paramref name="before"/> to <paramref name="after"/>, keyed as in the TCK ("+nodes", ...).</summary>
    public static IReadOnlyDictionary<string, int> Diff(GraphSnapshot before, GraphSnapshot after) => new Dictionary<string, int>
    {
        ["+nodes"] = after.Nodes.Except(before.Nodes).Count(),
        ["-nodes"] = before.Nodes.Except(after.Nodes).Count(),
        ["+relationships"] = after.Relationships.Except(before.Relationships).Count(),
        ["-relationships"] = before.Relationships.Except(after.Relationships).Count(),
        ["+labels"] = after.Labels.Except(before.Labels).Count(),
        ["-labels"] = before.Labels.Except(after.Labels).Count(),
        ["+properties"] = after.Properties.Except(before.Properties).Count(),
        ["-properties"] = before.Properties.Except(after.Properties).Count(),
    };

    public static IReadOnlyList<string> SideEffectKeys { get; } =
        ["+nodes", "-nodes", "+relationships", "-relationships", "+labels", "-labels", "+properties", "-properties"];
}
