using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>Graph updates with Neo4j's counting rules; used by CREATE, MERGE, SET, REMOVE and DELETE.</summary>
internal static class GraphWriter
{
    public static NodeValue CreateNode(QueryContext ctx, LabelToken[] labels, IReadOnlyDictionary<string, object?>? properties) =>
        CreateNode(ctx, labels, ToStorableProperties(ctx, properties));

    /// <summary>Creates a node with properties already storable (null values left out).</summary>
    public static NodeValue CreateNode(QueryContext ctx, LabelToken[] labels, IReadOnlyList<KeyValuePair<int, object>> props)
    {
        var labelIds = new int[labels.Length];
        var labelCount = 0;
        foreach (var l in labels)
        {
            var id = l.GetOrCreate(ctx.Tokens);
            if (Array.IndexOf(labelIds, id, 0, labelCount) < 0) labelIds[labelCount++] = id;
        }
        if (labelCount < labelIds.Length) Array.Resize(ref labelIds, labelCount);
        ctx.Memory.ReserveWrite(NodeBytes + 8L * labelIds.Length + PropertiesBytes(props));
        var node = ctx.Tx.CreateNode(labelIds, props);
        ctx.Counters.NodesCreated++;
        ctx.Counters.LabelsAdded += labelIds.Length;
        ctx.Counters.PropertiesSet += props.Count;
        return new NodeValue(node);
    }

    public static RelValue CreateRelationship(QueryContext ctx, RelTypeToken type, NodeValue start, NodeValue end, IReadOnlyDictionary<string, object?>? properties) =>
        CreateRelationship(ctx, type, start, end, ToStorableProperties(ctx, properties));

    /// <summary>Creates a relationship with properties already storable (null values left out).</summary>
    public static RelValue CreateRelationship(QueryContext ctx, RelTypeToken type, NodeValue start, NodeValue end, IReadOnlyList<KeyValuePair<int, object>> props)
    {
        if (ctx.DeletedNodes.Contains(start.Id) || ctx.DeletedNodes.Contains(end.Id))
            throw CypherErrors.EntityNotFound("DeletedEntityAccess", "Cannot create a relationship to a node that was deleted in this transaction.");
        var typeId = type.GetOrCreate(ctx.Tokens);
        ctx.Memory.ReserveWrite(RelationshipBytes + PropertiesBytes(props));
        var rel = ctx.Tx.CreateRelationship(typeId, start.Id, end.Id, props);
        ctx.Counters.RelationshipsCreated++;
        ctx.Counters.PropertiesSet += props.Count;
        return new RelValue(rel, typeId, start.Id, end.Id);
    }

    // What the transaction keeps per change, estimated (records, adjacency entries, index entries): counted against the
    // statement's memory limit, since a write statement holds all its changes until it ends.
    private const long NodeBytes = 96;
    private const long RelationshipBytes = 128;
    private const long PropertyBytes = 48;
    private const long DeletionBytes = 48;

    private static long PropertiesBytes(IReadOnlyList<KeyValuePair<int, object>> props)
    {
        var bytes = 0L;
        foreach (var (_, v) in props) bytes += PropertyBytes + ValueSize.Of(v);
        return bytes;
    }

    private static List<KeyValuePair<int, object>> ToStorableProperties(QueryContext ctx, IReadOnlyDictionary<string, object?>? properties)
    {
        var list = new List<KeyValuePair<int, object>>(properties?.Count ?? 0);
        if (properties is null) return list;
        foreach (var (k, v) in properties)
        {
            var stored = PropertyValues.ToStorable(v, k, ctx);
            if (stored is null) continue;
            list.Add(new(ctx.Tokens.GetOrCreatePropertyKey(k), stored));
        }
        return list;
    }

    /// <summary>SET e.key = value (null removes). Counts one property set per write (and per removal of an existing property).</summary>
    public static void SetProperty(QueryContext ctx, object? target, string key, object? value)
    {
        switch (target)
        {
            case null: return;
            case NodeValue n:
                {
                    EnsureAlive(ctx, n);
                    var stored = PropertyValues.ToStorable(value, key, ctx);
                    if (stored is null)
                    {
                        var id = ctx.Tokens.PropertyKeyId(key);
                        if (id >= 0 && ctx.Tx.SetNodeProperty(n.Id, id, null)) ctx.Counters.PropertiesSet++;
                        return;
                    }
                    ctx.Memory.ReserveWrite(PropertyBytes + ValueSize.Of(stored));
                    ctx.Tx.SetNodeProperty(n.Id, ctx.Tokens.GetOrCreatePropertyKey(key), stored);
                    ctx.Counters.PropertiesSet++;
                    return;
                }
            case RelValue r:
                {
                    EnsureAlive(ctx, r);
                    var stored = PropertyValues.ToStorable(value, key, ctx);
                    if (stored is null)
                    {
                        var id = ctx.Tokens.PropertyKeyId(key);
                        if (id >= 0 && ctx.Tx.SetRelationshipProperty(r.Id, id, null)) ctx.Counters.PropertiesSet++;
                        return;
                    }
                    ctx.Memory.ReserveWrite(PropertyBytes + ValueSize.Of(stored));
                    ctx.Tx.SetRelationshipProperty(r.Id, ctx.Tokens.GetOrCreatePropertyKey(key), stored);
                    ctx.Counters.PropertiesSet++;
                    return;
                }
            default:
                throw CypherErrors.TypeError("InvalidArgumentType",
                    $"SET needs a node or relationship to set '{key}' on, got {CypherValues.TypeName(target)} ({CypherValues.Describe(target)}).");
        }
    }

    /// <summary>SET e = map (replace: drops keys not in the map) or SET e += map (merge).</summary>
    public static void SetProperties(QueryContext ctx, object? target, object? mapValue, bool replace)
    {
        if (target is null) return;
        IReadOnlyDictionary<string, object?> map = mapValue switch
        {
            null => new Dictionary<string, object?>(),
            IReadOnlyDictionary<string, object?> m => m,
            NodeValue n => ctx.NodeProperties(n),
            RelValue r => ctx.RelProperties(r),
            _ => throw CypherErrors.TypeError("InvalidArgumentType", $"SET with = or += needs a map, got {CypherValues.TypeName(mapValue)} ({CypherValues.Describe(mapValue)})."),
        };
        if (target is not (NodeValue or RelValue))
            throw CypherErrors.TypeError("InvalidArgumentType", $"SET needs a node or relationship, got {CypherValues.TypeName(target)}.");
        // copy first: the map may be the target's own properties
        var updates = map.ToList();
        if (replace)
        {
            var existing = target is NodeValue n ? ctx.NodeProperties(n) : ctx.RelProperties((RelValue)target);
            foreach (var key in existing.Keys)
                if (!map.ContainsKey(key)) SetProperty(ctx, target, key, null);
        }
        foreach (var (k, v) in updates) SetProperty(ctx, target, k, v);
    }

    public static void AddLabels(QueryContext ctx, object? target, LabelToken[] labels)
    {
        if (target is null) return;
        if (target is not NodeValue n) throw CypherErrors.TypeError("InvalidArgumentType", $"Labels can only be set on nodes, not on {CypherValues.TypeName(target)}.");
        EnsureAlive(ctx, n);
        foreach (var l in labels)
            if (ctx.Tx.AddLabel(n.Id, l.GetOrCreate(ctx.Tokens)))
            {
                ctx.Counters.LabelsAdded++;
                ctx.Memory.ReserveWrite(PropertyBytes);
            }
    }

    public static void RemoveLabels(QueryContext ctx, object? target, LabelToken[] labels)
    {
        if (target is null) return;
        if (target is not NodeValue n) throw CypherErrors.TypeError("InvalidArgumentType", $"Labels can only be removed from nodes, not from {CypherValues.TypeName(target)}.");
        EnsureAlive(ctx, n);
        foreach (var l in labels)
        {
            var id = l.Id(ctx.Tokens);
            if (id >= 0 && ctx.Tx.RemoveLabel(n.Id, id)) ctx.Counters.LabelsRemoved++;
        }
    }

    private static void EnsureAlive(QueryContext ctx, NodeValue n)
    {
        if (ctx.DeletedNodes.Contains(n.Id))
            throw CypherErrors.EntityNotFound("DeletedEntityAccess", $"Node {n.Id} was deleted in this transaction and cannot be updated.");
    }

    private static void EnsureAlive(QueryContext ctx, RelValue r)
    {
        if (ctx.DeletedRelationships.Contains(r.Id))
            throw CypherErrors.EntityNotFound("DeletedEntityAccess", $"Relationship {r.Id} was deleted in this transaction and cannot be updated.");
    }

    /// <summary>Deletes relationships first, then nodes; a node that still has relationships fails unless detaching.</summary>
    public static void Delete(QueryContext ctx, IEnumerable<object?> values, bool detach)
    {
        var nodes = new List<long>();
        var rels = new List<long>();
        foreach (var v in values) Collect(v, nodes, rels);
        foreach (var r in rels) DeleteRelationship(ctx, r);
        foreach (var n in nodes)
        {
            if (ctx.DeletedNodes.Contains(n) || !ctx.Tx.NodeExists(n)) continue;
            if (detach)
            {
                foreach (var r in ctx.Tx.Relationships(n, Storage.Direction.Both).Select(r => r.Id).ToList())
                    DeleteRelationship(ctx, r);
            }
            else if (ctx.Tx.Degree(n, Storage.Direction.Both) > 0)
            {
                throw new Graph.Client.ClientException(Graph.Client.Neo4jStatus.DeleteConstraintViolation,
                    $"Cannot delete node {n}: it still has relationships. Use DETACH DELETE to delete them too, or delete them first.")
                { Phase = Graph.Client.ErrorPhase.Runtime, Detail = "DeleteConnectedNode" };
            }
            ctx.Memory.ReserveWrite(DeletionBytes);
            ctx.Tx.DeleteNode(n);
            ctx.DeletedNodes.Add(n);
            ctx.Counters.NodesDeleted++;
        }
    }

    private static void DeleteRelationship(QueryContext ctx, long r)
    {
        if (ctx.DeletedRelationships.Contains(r) || !ctx.Tx.RelationshipExists(r)) return;
        ctx.Memory.ReserveWrite(DeletionBytes);
        ctx.Tx.DeleteRelationship(r);
        ctx.DeletedRelationships.Add(r);
        ctx.Counters.RelationshipsDeleted++;
    }

    private static void Collect(object? v, List<long> nodes, List<long> rels)
    {
        switch (v)
        {
            case null: return;
            case NodeValue n: nodes.Add(n.Id); return;
            case RelValue r: rels.Add(r.Id); return;
            case PathValue p:
                foreach (var r in p.Rels) rels.Add(r.Id);
                foreach (var n in p.Nodes) nodes.Add(n.Id);
                return;
            case IReadOnlyList<object?> list:
                StackGuard.Ensure();
                foreach (var x in list) Collect(x, nodes, rels);
                return;
            default:
                throw CypherErrors.TypeError("InvalidArgumentType", $"DELETE needs nodes, relationships or paths, got {CypherValues.TypeName(v)} ({CypherValues.Describe(v)}).");
        }
    }
}
