using Graph.Client;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Procedures;

/// <summary>
/// What the schema procedures read from the data. The store keeps counts per label only, so relationship types in use,
/// the (label, type, label) combinations and the property schema come from one pass over the relationships or nodes;
/// each pass checks the statement's deadline as it goes.
/// </summary>
internal static class SchemaIntrospection
{
    public static IEnumerable<string> LabelsInUse(ProcedureContext context)
    {
        var tokens = context.Tokens;
        foreach (var label in tokens.AllLabels)
        {
            context.Tick();
            var id = tokens.LabelId(label);
            if (id >= 0 && context.Transaction.NodesWithLabel(id).Any()) yield return label;
        }
    }

    /// <summary>Types with at least one relationship, in token order; the scan stops once every type was seen.</summary>
    public static IEnumerable<string> RelationshipTypesInUse(ProcedureContext context)
    {
        var tokens = context.Tokens;
        var all = tokens.AllRelationshipTypes;
        var seen = new HashSet<int>();
        if (all.Count > 0)
        {
            foreach (var rel in context.Transaction.AllRelationships())
            {
                context.Tick();
                seen.Add(context.Transaction.Relationship(rel).Type);
                if (seen.Count == all.Count) break;
            }
        }
        return all.Where(t => seen.Contains(tokens.RelationshipTypeId(t))).ToList();
    }

    public static object?[] Visualization(ProcedureContext context)
    {
        var tx = context.Transaction;
        var tokens = context.Tokens;
        var labels = LabelsInUse(context).ToList();
        var nodeOfLabel = new Dictionary<int, Node>();
        var nodes = new List<object?>();
        for (var i = 0; i < labels.Count; i++)
        {
            var labelId = tokens.LabelId(labels[i]);
            var indexes = tx.Indexes.Where(x => x.Label == labelId && x.ConstraintName is null)
                .Select(x => (object?)string.Join(",", x.PropertyKeys.Select(tokens.PropertyKeyName))).ToList();
            var constraints = tx.Constraints.Where(c => c.Label == labelId)
                .Select(c => (object?)$"Constraint( name='{c.Name}', type='UNIQUENESS', schema=(:{labels[i]} {{{string.Join(", ", c.PropertyKeys.Select(tokens.PropertyKeyName))}}}) )")
                .ToList();
            var node = new Node(ElementIds.Node(-(i + 1)), [labels[i]],
                new Dictionary<string, object?> { ["name"] = labels[i], ["indexes"] = indexes, ["constraints"] = constraints });
            nodeOfLabel[labelId] = node;
            nodes.Add(node);
        }

        // every (start label, type, end label) that some relationship connects
        var combinations = new HashSet<(int Start, int Type, int End)>();
        foreach (var id in tx.AllRelationships())
        {
            context.Tick();
            var rel = tx.Relationship(id);
            foreach (var start in tx.NodeLabels(rel.Start))
                foreach (var end in tx.NodeLabels(rel.End))
                    combinations.Add((start, rel.Type, end));
        }
        var relationships = new List<object?>();
        var next = 1;
        foreach (var (start, type, end) in combinations.OrderBy(c => c.Type).ThenBy(c => c.Start).ThenBy(c => c.End))
        {
            if (!nodeOfLabel.TryGetValue(start, out var from) || !nodeOfLabel.TryGetValue(end, out var to)) continue;
            var name = tokens.RelationshipTypeName(type);
            relationships.Add(new Relationship(ElementIds.Relationship(-next++), name, from.ElementId, to.ElementId,
                new Dictionary<string, object?> { ["name"] = name }));
        }
        return [nodes, relationships];
    }

    public static IEnumerable<object?[]> NodeTypeProperties(ProcedureContext context)
    {
        var tx = context.Transaction;
        var tokens = context.Tokens;
        var groups = new Dictionary<string, PropertyTally>(StringComparer.Ordinal);
        foreach (var node in tx.AllNodes())
        {
            context.Tick();
            var labels = tx.NodeLabels(node).Select(tokens.LabelName).Order(StringComparer.Ordinal).ToList();
            var key = string.Join(":", labels.Select(Quote));
            if (!groups.TryGetValue(key, out var tally)) groups[key] = tally = new PropertyTally(labels);
            tally.Add(tx.NodeProperties(node), tokens);
        }
        foreach (var (key, tally) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var nodeType = ":" + key;
            var labels = tally.Names.Cast<object?>().ToList();
            foreach (var row in tally.Rows())
                yield return [nodeType, labels, .. row];
        }
    }

    public static IEnumerable<object?[]> RelTypeProperties(ProcedureContext context)
    {
        var tx = context.Transaction;
        var tokens = context.Tokens;
        var groups = new Dictionary<int, PropertyTally>();
        foreach (var id in tx.AllRelationships())
        {
            context.Tick();
            var rel = tx.Relationship(id);
            if (!groups.TryGetValue(rel.Type, out var tally)) groups[rel.Type] = tally = new PropertyTally([tokens.RelationshipTypeName(rel.Type)]);
            tally.Add(tx.RelationshipProperties(id), tokens);
        }
        foreach (var tally in groups.Values.OrderBy(t => t.Names[0], StringComparer.Ordinal))
        {
            var relType = ":" + Quote(tally.Names[0]);
            foreach (var row in tally.Rows())
                yield return [relType, .. row];
        }
    }

    private static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>Property keys of a group of entities: the value types seen per key and how many entities hold it.</summary>
    private sealed class PropertyTally(List<string> names)
    {
        private readonly SortedDictionary<string, (SortedSet<string> Types, long Count)> _keys = new(StringComparer.Ordinal);
        private long _entities;

        public List<string> Names { get; } = names;

        public void Add(IReadOnlyList<KeyValuePair<int, object>> properties, TokenRegistry tokens)
        {
            _entities++;
            foreach (var (key, value) in properties)
            {
                var name = tokens.PropertyKeyName(key);
                if (!_keys.TryGetValue(name, out var entry)) entry = (new SortedSet<string>(StringComparer.Ordinal), 0);
                entry.Types.Add(TypeName(value));
                _keys[name] = (entry.Types, entry.Count + 1);
            }
        }

        /// <summary>(propertyName, propertyTypes, mandatory) rows; one row of nulls when the group has no properties, as Neo4j reports.</summary>
        public IEnumerable<object?[]> Rows()
        {
            if (_keys.Count == 0)
            {
                yield return [null, null, false];
                yield break;
            }
            foreach (var (name, (types, count)) in _keys)
                yield return [name, types.Cast<object?>().ToList(), count == _entities];
        }
    }

    /// <summary>Neo4j's names of stored value types ("String", "Long", "DoubleArray", ...).</summary>
    private static string TypeName(object value) => value switch
    {
        bool => "Boolean",
        long => "Long",
        double => "Double",
        string => "String",
        // the store keeps no element type for an empty list; Neo4j stores an empty list literal as a string array
        object?[] { Length: 0 } => "StringArray",
        object?[] items when items.Any(x => x is double) => "DoubleArray",
        object?[] items when items[0] is long => "LongArray",
        object?[] items when items[0] is bool => "BooleanArray",
        object?[] => "StringArray",
        _ => value.GetType().Name,
    };
}
