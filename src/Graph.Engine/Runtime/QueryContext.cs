using Graph.Client;
using Graph.Storage;

namespace Graph.Engine.Runtime;

/// <summary>
/// Everything a running statement needs: the storage transaction, parameters, counters, the deadline,
/// and graph accessors that turn node/relationship references into labels and properties.
/// </summary>
public sealed class QueryContext
{
    private readonly CancellationToken _cancellation;
    private readonly long _deadlineTicks;
    private int _checkCounter;

    public QueryContext(StorageTransaction tx, TokenRegistry tokens, IReadOnlyDictionary<string, object?> parameters,
        EngineOptions options, CancellationToken cancellation, DateTime? deadlineUtc)
    {
        Tx = tx;
        Tokens = tokens;
        Parameters = parameters;
        Options = options;
        _cancellation = cancellation;
        _deadlineTicks = deadlineUtc?.Ticks ?? long.MaxValue;
    }

    public StorageTransaction Tx { get; }
    public TokenRegistry Tokens { get; }
    public IReadOnlyDictionary<string, object?> Parameters { get; }
    public EngineOptions Options { get; }
    public UpdateCounters Counters { get; } = new();

    /// <summary>Who the session runs for, when a server authenticated the caller (SHOW CURRENT USER); null in process.</summary>
    public SessionUser? User { get; init; }

    /// <summary>Set for a PROFILE execution: operators record their rows, store accesses and time here.</summary>
    public Execution.ExecutionProfile? Profile { get; init; }

    /// <summary>The database the session addresses (SHOW DATABASES marks it home).</summary>
    public string Database { get; init; } = EngineInfo.DefaultDatabase;

    /// <summary>Nodes deleted by this statement (a later access is a DeletedEntityAccess error, returning them is allowed).</summary>
    public HashSet<long> DeletedNodes { get; } = [];
    public HashSet<long> DeletedRelationships { get; } = [];

    /// <summary>Called by operators once per row: cheap, and every 256 calls checks cancellation and the deadline.</summary>
    public void Tick()
    {
        if ((++_checkCounter & 0xFF) != 0) return;
        CheckNow();
    }

    public void CheckNow()
    {
        if (_cancellation.IsCancellationRequested)
            throw new ClientException(StatusCodes.Cancelled, "The statement was cancelled by the caller.") { Phase = ErrorPhase.Runtime };
        if (DateTime.UtcNow.Ticks > _deadlineTicks)
            throw new ClientException(StatusCodes.QueryTimeout,
                "The statement ran past its timeout and was stopped (EngineOptions.QueryTimeout or TransactionConfig.Timeout).") { Phase = ErrorPhase.Runtime };
    }

    // ------------------------------------------------------------------ nodes

    public bool IsDeleted(NodeValue n) => DeletedNodes.Contains(n.Id) || !Tx.NodeExists(n.Id);
    public bool IsDeleted(RelValue r) => DeletedRelationships.Contains(r.Id) || !Tx.RelationshipExists(r.Id);

    private void EnsureNodeReadable(NodeValue n)
    {
        if (DeletedNodes.Count > 0 && DeletedNodes.Contains(n.Id))
            throw CypherErrors.EntityNotFound("DeletedEntityAccess", $"Node {n.Id} was deleted by this transaction; its labels and properties can no longer be read.");
    }

    private void EnsureRelReadable(RelValue r)
    {
        if (DeletedRelationships.Count > 0 && DeletedRelationships.Contains(r.Id))
            throw CypherErrors.EntityNotFound("DeletedEntityAccess", $"Relationship {r.Id} was deleted by this transaction; its properties can no longer be read.");
    }

    public object? NodeProperty(NodeValue n, PropertyKey key)
    {
        EnsureNodeReadable(n);
        var id = key.Id(Tokens);
        return id < 0 ? null : Tx.NodeProperty(n.Id, id);
    }

    public object? RelProperty(RelValue r, PropertyKey key)
    {
        EnsureRelReadable(r);
        var id = key.Id(Tokens);
        return id < 0 ? null : Tx.RelationshipProperty(r.Id, id);
    }

    public Dictionary<string, object?> NodeProperties(NodeValue n)
    {
        EnsureNodeReadable(n);
        var map = new Dictionary<string, object?>();
        if (!Tx.NodeExists(n.Id)) return map;
        foreach (var (k, v) in Tx.NodeProperties(n.Id)) map[Tokens.PropertyKeyName(k)] = v;
        return map;
    }

    public Dictionary<string, object?> RelProperties(RelValue r)
    {
        EnsureRelReadable(r);
        var map = new Dictionary<string, object?>();
        if (!Tx.RelationshipExists(r.Id)) return map;
        foreach (var (k, v) in Tx.RelationshipProperties(r.Id)) map[Tokens.PropertyKeyName(k)] = v;
        return map;
    }

    public List<object?> NodeLabels(NodeValue n)
    {
        EnsureNodeReadable(n);
        var list = new List<object?>();
        if (!Tx.NodeExists(n.Id)) return list;
        foreach (var l in Tx.NodeLabels(n.Id)) list.Add(Tokens.LabelName(l));
        return list;
    }

    public bool NodeHasLabel(NodeValue n, LabelToken label) => NodeHasLabel(n.Id, label);

    /// <summary>The label check of a node not bound to a value yet (an expand checks the far node before producing a row).</summary>
    public bool NodeHasLabel(long node, LabelToken label)
    {
        if (DeletedNodes.Count > 0 && DeletedNodes.Contains(node))
            throw CypherErrors.EntityNotFound("DeletedEntityAccess", $"Node {node} was deleted by this transaction; its labels and properties can no longer be read.");
        var id = label.Id(Tokens);
        return id >= 0 && Tx.NodeHasLabel(node, id);
    }

    public string RelTypeName(RelValue r) => Tokens.RelationshipTypeName(r.Type);

    public RelValue Rel(long id)
    {
        var r = Tx.Relationship(id);
        return new RelValue(r.Id, r.Type, r.Start, r.End);
    }

    public static RelValue Rel(RelationshipRef r) => new(r.Id, r.Type, r.Start, r.End);

    // ------------------------------------------------------------------ output

    /// <summary>Converts a runtime value to the contract's value model (snapshots of nodes, relationships and paths).</summary>
    public object? ToClient(object? value)
    {
        switch (value)
        {
            case null or bool or long or double or string: return value;
            case NodeValue n: return ToClientNode(n);
            case RelValue r: return ToClientRel(r);
            case PathValue p:
                return new Graph.Client.Path(p.Nodes.Select(ToClientNode).ToArray(), p.Rels.Select(ToClientRel).ToArray());
            case IReadOnlyDictionary<string, object?> map:
                {
                    var d = new Dictionary<string, object?>(map.Count);
                    foreach (var (k, v) in map) d[k] = ToClient(v);
                    return d;
                }
            case IReadOnlyList<object?> list:
                {
                    var l = new object?[list.Count];
                    for (var i = 0; i < l.Length; i++) l[i] = ToClient(list[i]);
                    return l;
                }
            default: return value;
        }
    }

    private Node ToClientNode(NodeValue n)
    {
        if (DeletedNodes.Contains(n.Id) || !Tx.NodeExists(n.Id))
            return new Node(ElementIds.Node(n.Id), [], new Dictionary<string, object?>());
        var labels = Tx.NodeLabels(n.Id).Select(Tokens.LabelName).ToArray();
        var props = new Dictionary<string, object?>();
        foreach (var (k, v) in Tx.NodeProperties(n.Id)) props[Tokens.PropertyKeyName(k)] = ToClient(v);
        return new Node(ElementIds.Node(n.Id), labels, props);
    }

    private Relationship ToClientRel(RelValue r)
    {
        var props = new Dictionary<string, object?>();
        if (!DeletedRelationships.Contains(r.Id) && Tx.RelationshipExists(r.Id))
            foreach (var (k, v) in Tx.RelationshipProperties(r.Id)) props[Tokens.PropertyKeyName(k)] = ToClient(v);
        return new Relationship(ElementIds.Relationship(r.Id), Tokens.RelationshipTypeName(r.Type), ElementIds.Node(r.Start), ElementIds.Node(r.End), props);
    }

    /// <summary>Converts a parameter (already normalized to the contract model) to a runtime value.</summary>
    public static object? FromClient(object? value) => value switch
    {
        null or bool or long or double or string => value,
        ITemporalValue temporal => Temporal.TemporalParameters.Check(temporal),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => FromClient(kv.Value)),
        IReadOnlyList<object?> list => list.Select(FromClient).ToList(),
        Node n when ElementIds.TryParseNode(n.ElementId, out var id) => new NodeValue(id),
        Relationship r when ElementIds.TryParseRelationship(r.ElementId, out var id) && ElementIds.TryParseNode(r.StartNodeElementId, out var s) && ElementIds.TryParseNode(r.EndNodeElementId, out var e)
            => new RelValue(id, -1, s, e),
        _ => throw new ClientException(StatusCodes.TypeError, $"A parameter of type {CypherValues.TypeName(value)} cannot be used by the embedded engine."),
    };
}

/// <summary>A property key name with its token id cached once known (tokens are never removed).</summary>
public sealed class PropertyKey(string name)
{
    private int _id = -1;
    public string Name { get; } = name;

    public int Id(TokenRegistry tokens)
    {
        if (_id >= 0) return _id;
        var id = tokens.PropertyKeyId(Name);
        if (id >= 0) _id = id;
        return id;
    }

    public int GetOrCreate(TokenRegistry tokens) => _id >= 0 ? _id : _id = tokens.GetOrCreatePropertyKey(Name);
}

/// <summary>A label name with its token id cached once known.</summary>
public sealed class LabelToken(string name)
{
    private int _id = -1;
    public string Name { get; } = name;

    public int Id(TokenRegistry tokens)
    {
        if (_id >= 0) return _id;
        var id = tokens.LabelId(Name);
        if (id >= 0) _id = id;
        return id;
    }

    public int GetOrCreate(TokenRegistry tokens) => _id >= 0 ? _id : _id = tokens.GetOrCreateLabel(Name);
}

/// <summary>A relationship type name with its token id cached once known.</summary>
public sealed class RelTypeToken(string name)
{
    private int _id = -1;
    public string Name { get; } = name;

    public int Id(TokenRegistry tokens)
    {
        if (_id >= 0) return _id;
        var id = tokens.RelationshipTypeId(Name);
        if (id >= 0) _id = id;
        return id;
    }

    public int GetOrCreate(TokenRegistry tokens) => _id >= 0 ? _id : _id = tokens.GetOrCreateRelationshipType(Name);
}
