using Graph.Client;
using Graph.Storage;

namespace Graph.Engine.Runtime;

/// <summary>
/// Everything a running statement needs: the storage transaction, parameters, counters, the deadline,
/// and graph accessors that turn node/relationship references into labels and properties.
/// </summary>
internal sealed class QueryContext
{
    /// <summary>How much work (rows, comparisons, list elements) passes between two looks at the clock and the cancellation token.</summary>
    private const int CheckInterval = 256;

    // Not readonly: a session reuses the context of its last finished RunAsync statement (see Restart).
    private CancellationToken _cancellation;
    private Deadline? _deadline;
    private TimeProvider _clock;
    private int _work;

    public QueryContext(StorageTransaction tx, TokenRegistry tokens, IReadOnlyDictionary<string, object?> parameters,
        EngineOptions options, CancellationToken cancellation, Deadline? deadline)
    {
        Tx = tx;
        Tokens = tokens;
        Parameters = parameters;
        Options = options;
        _cancellation = cancellation;
        _deadline = deadline;
        _clock = options.TimeProvider;
        Memory = new MemoryTracker(options.QueryMemoryLimit);
    }

    public StorageTransaction Tx { get; private set; }
    public TokenRegistry Tokens { get; private set; }
    public IReadOnlyDictionary<string, object?> Parameters { get; private set; }
    public EngineOptions Options { get; private set; }

    // The statement's parameter values by number (see BindParameters), and whose numbers they follow.
    private Planning.StatementParameters? _boundTable;
    private object?[] _boundValues = [];

    /// <summary>
    /// The values of <paramref name="table"/>'s parameters by number, looked up once by the result cursor before the
    /// statement starts (a missing one failed there). <c>$name</c> expressions of that statement then read them here.
    /// </summary>
    internal void BindParameters(Planning.StatementParameters? table, object?[] values)
    {
        _boundTable = table;
        if (!ReferenceEquals(_boundValues, values)) _boundValues = values; // a reused cursor binds the same array
    }

    /// <summary>
    /// The value of parameter <paramref name="number"/> of <paramref name="table"/>, when this execution bound that
    /// statement's values; false otherwise (the caller reads <see cref="Parameters"/> by name, as before binding existed).
    /// </summary>
    internal bool BoundParameter(Planning.StatementParameters table, int number, out object? value)
    {
        if (ReferenceEquals(_boundTable, table))
        {
            value = _boundValues[number];
            return true;
        }
        value = null;
        return false;
    }
    private UpdateCounters? _counters;

    /// <summary>
    /// Makes this context one for a new statement, as if it were new: the session that ran the last statement with it
    /// (RunAsync, whose context is never reachable once the result is handed out) saves its allocation (~230 bytes with
    /// its memory tracker). Everything one statement set is dropped here; nothing of the old statement survives.
    /// </summary>
    public void Restart(StorageTransaction tx, TokenRegistry tokens, IReadOnlyDictionary<string, object?> parameters,
        EngineOptions options, CancellationToken cancellation, Deadline? deadline, SessionUser? user, string database, bool readOnly)
    {
        Tx = tx;
        Parameters = parameters;
        _boundTable = null;
        // A kept context is an old object: each reference stored into it goes through the GC's write barrier. The
        // session's tokens, options and database are nearly always the ones of its last statement: kept, not stored again.
        if (!ReferenceEquals(Tokens, tokens)) Tokens = tokens;
        if (!ReferenceEquals(Options, options))
        {
            Options = options;
            _clock = options.TimeProvider;
        }
        if (!ReferenceEquals(_database, database)) _database = database;
        _cancellation = cancellation;
        _deadline = deadline;
        _user = user;
        _readOnly = readOnly;
        _profile = null;
        ForgetStatement();
        Memory.Restart(options.QueryMemoryLimit);
    }

    /// <summary>Drops what the statement made or read (its transaction, parameters and per-statement state): a kept context holds nothing.</summary>
    public void Release()
    {
        Tx = null!;
        Parameters = Driver.ParameterValues.None;
        // no values read by number from here on; the array stays (the cursor's, kept with it and cleared by it)
        _boundTable = null;
        _cancellation = default;
        _deadline = null;
        _user = null;
        ForgetStatement();
        Memory.Restart(Options.QueryMemoryLimit);
    }

    private void ForgetStatement()
    {
        _work = 0;
        _counters = null;
        _propertyMemo = null;
        _unmemoizedReads = 0;
        // the array is kept (a statement with a join makes one): only its entries were the statement's
        if (_sharedJoins is { } joins) Array.Clear(joins);
        _deletedNodes = null;
        _deletedRelationships = null;
        StatementTime = null;
    }

    /// <summary>datetime.statement()'s reading, fixed at the statement's first read of it (Temporal.TemporalClock).</summary>
    internal Temporal.Instant? StatementTime { get; set; }

    /// <summary>What the statement changed; made by its first write (most statements only read).</summary>
    public UpdateCounters Counters => _counters ??= new();

    /// <summary>The contract's counters of what the statement changed (<see cref="Graph.Client.Counters.None"/> when it only read).</summary>
    public Counters ChangeCounters() => _counters is { Any: true } counters ? counters.ToCounters() : Graph.Client.Counters.None;

    /// <summary>Who the session runs for, when a server authenticated the caller (SHOW CURRENT USER); null in process.</summary>
    public SessionUser? User { get => _user; init => _user = value; }
    private SessionUser? _user;

    /// <summary>Set for a PROFILE execution: operators record their rows, store accesses and time here.</summary>
    public Execution.ExecutionProfile? Profile { get => _profile; init => _profile = value; }
    private Execution.ExecutionProfile? _profile;

    /// <summary>The database the session addresses (SHOW DATABASES marks it home).</summary>
    public string Database { get => _database; init => _database = value; }
    private string _database = EngineInfo.DefaultDatabase;

    /// <summary>
    /// True for a statement that writes nothing (set by its cursor from the plan): node property reads are then
    /// remembered for a few rows (<see cref="NodePropertyMemo"/>), since no value can change while it runs.
    /// </summary>
    public bool ReadOnly { get => _readOnly; init => _readOnly = value; }
    private bool _readOnly;

    /// <summary>Node property reads made directly before the memo exists.</summary>
    private const int UnmemoizedReads = 64;

    private NodePropertyMemo? _propertyMemo;
    private int _unmemoizedReads;

    /// <summary>The memory this statement holds, bounded by <see cref="EngineOptions.QueryMemoryLimit"/>.</summary>
    public MemoryTracker Memory { get; }

    // The far-node sets of this statement's expands that keep only ends joined to their next hop, for that hop to read
    // its relationships from (see Execution.JoinedFarNodes): made by the first such expand (almost always the only one).
    private (Execution.FarNodeJoin Join, Execution.JoinedFarNodes Set)[]? _sharedJoins;

    /// <summary>Publishes the set an execution of the expand carrying <paramref name="join"/> keeps (replacing an earlier execution's).</summary>
    public void ShareJoin(Execution.FarNodeJoin join, Execution.JoinedFarNodes set)
    {
        var joins = _sharedJoins ??= new (Execution.FarNodeJoin, Execution.JoinedFarNodes)[1];
        for (var i = 0; i < joins.Length; i++)
        {
            if (joins[i].Join is not null && !ReferenceEquals(joins[i].Join, join)) continue;
            joins[i] = (join, set);
            return;
        }
        Array.Resize(ref _sharedJoins, joins.Length * 2);
        _sharedJoins[joins.Length] = (join, set);
    }

    /// <summary>The set last published for <paramref name="join"/>, or null.</summary>
    public Execution.JoinedFarNodes? SharedJoin(Execution.FarNodeJoin join)
    {
        foreach (var (key, set) in _sharedJoins ?? [])
            if (ReferenceEquals(key, join)) return set;
        return null;
    }

    // Made by the first delete (or the first writer that asks): most statements delete nothing.
    private HashSet<long>? _deletedNodes;
    private HashSet<long>? _deletedRelationships;

    /// <summary>Nodes deleted by this statement (a later access is a DeletedEntityAccess error, returning them is allowed).</summary>
    public HashSet<long> DeletedNodes => _deletedNodes ??= [];
    public HashSet<long> DeletedRelationships => _deletedRelationships ??= [];

    private bool WasDeleted(long node) => _deletedNodes is { Count: > 0 } nodes && nodes.Contains(node);
    private bool WasDeletedRel(long rel) => _deletedRelationships is { Count: > 0 } rels && rels.Contains(rel);

    /// <summary>
    /// Called for every unit of work (a row, a relationship tried, a comparison, a list element): cheap, and every
    /// <see cref="CheckInterval"/> units checks cancellation and the deadline.
    /// </summary>
    public void Tick()
    {
        if (++_work >= CheckInterval) CheckNow();
    }

    /// <summary>Counts <paramref name="units"/> of work at once (a long string copied, a large list scanned).</summary>
    public void Tick(int units)
    {
        _work += Math.Min(units, CheckInterval);
        if (_work >= CheckInterval) CheckNow();
    }

    public void CheckNow()
    {
        _work = 0;
        ThrowIfCancelled();
        if (_deadline is { } deadline && deadline.HasPassed(_clock)) throw deadline.Error();
    }

    /// <summary>The check before the first row, with the system clock as the statement read it when it started (no second reading).</summary>
    public void CheckNow(long systemNow)
    {
        _work = 0;
        ThrowIfCancelled();
        if (_deadline is { } deadline && deadline.HasPassed(_clock, systemNow)) throw deadline.Error();
    }

    private void ThrowIfCancelled()
    {
        if (_cancellation.IsCancellationRequested)
            throw new ClientException(Neo4jStatus.Cancelled, "The statement was cancelled by the caller.") { Phase = ErrorPhase.Runtime };
    }

    // ------------------------------------------------------------------ nodes

    public bool IsDeleted(NodeValue n) => WasDeleted(n.Id) || !Tx.NodeExists(n.Id);
    public bool IsDeleted(RelValue r) => WasDeletedRel(r.Id) || !Tx.RelationshipExists(r.Id);

    private void EnsureNodeReadable(NodeValue n)
    {
        if (WasDeleted(n.Id))
            throw CypherErrors.EntityNotFound("DeletedEntityAccess", $"Node {n.Id} was deleted by this transaction; its labels and properties can no longer be read.");
    }

    private void EnsureRelReadable(RelValue r)
    {
        if (WasDeletedRel(r.Id))
            throw CypherErrors.EntityNotFound("DeletedEntityAccess", $"Relationship {r.Id} was deleted by this transaction; its properties can no longer be read.");
    }

    public object? NodeProperty(NodeValue n, PropertyKey key)
    {
        EnsureNodeReadable(n);
        var id = key.Id(Tokens);
        if (id < 0) return null;
        if (_propertyMemo is { } memo) return memo.Read(Tx, n.Id, id);
        // a statement reading a few properties (a point lookup, one expert's positions) never pays for the memo's arrays
        if (ReadOnly && ++_unmemoizedReads > UnmemoizedReads) _propertyMemo = new NodePropertyMemo();
        return Tx.NodeProperty(n.Id, id);
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
        if (WasDeleted(node))
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

    /// <summary>
    /// How deep a returned value may nest lists and maps: whoever receives it (the Query API's JSON writer, the CLI's
    /// tables) walks it recursively. The same bound as the parser's for literals.
    /// </summary>
    public const int MaxResultDepth = Cypher.Parsing.CypherParser.MaxNestingDepth;

    /// <summary>
    /// Converts a runtime value to the contract's value model (snapshots of nodes, relationships and paths). The copies
    /// are reserved as values against the memory limit before they are made: <c>RETURN range(1, 100000000)</c> fails
    /// cleanly instead of allocating gigabytes.
    /// </summary>
    public object? ToClient(object? value) => ToClient(value, 0);

    private object? ToClient(object? value, int depth)
    {
        switch (value)
        {
            case null or bool or long or double or string: return value;
            case NodeValue n: return ToClientNode(n);
            case RelValue r: return ToClientRel(r);
            case PathValue p:
                Memory.ReserveValue(ValueSize.Shallow(p) * 3);
                return new Graph.Client.GraphPath(p.Nodes.Select(ToClientNode).ToArray(), p.Rels.Select(ToClientRel).ToArray());
            case IReadOnlyDictionary<string, object?> map:
                {
                    Nested(depth);
                    Memory.ReserveValue(ValueSize.Map(map.Count));
                    var d = new Dictionary<string, object?>(map.Count);
                    foreach (var (k, v) in map) d[k] = ToClient(v, depth + 1);
                    return d;
                }
            case IReadOnlyList<object?> list:
                {
                    Nested(depth);
                    // a range's elements are boxed as they are copied
                    Memory.ReserveValue(ValueSize.Array(list.Count) + (list is RangeList ? ValueSize.Boxed * (long)list.Count : 0));
                    var l = new object?[list.Count];
                    for (var i = 0; i < l.Length; i++) l[i] = ToClient(list[i], depth + 1);
                    Tick(l.Length >> 10);
                    return l;
                }
            default: return value;
        }
    }

    private static void Nested(int depth)
    {
        if (depth >= MaxResultDepth)
            throw new ClientException(Neo4jStatus.ExecutionFailed,
                $"A value to return nests lists or maps more than {MaxResultDepth} levels deep, more than results may; return a flatter value.")
            { Phase = ErrorPhase.Runtime };
        StackGuard.Ensure();
    }

    private Node ToClientNode(NodeValue n)
    {
        if (WasDeleted(n.Id) || !Tx.NodeExists(n.Id))
            return new Node(ElementIds.Node(n.Id), [], new Dictionary<string, object?>());
        var labels = Tx.NodeLabels(n.Id).Select(Tokens.LabelName).ToArray();
        var props = new Dictionary<string, object?>();
        foreach (var (k, v) in Tx.NodeProperties(n.Id)) props[Tokens.PropertyKeyName(k)] = ToClient(v);
        Memory.ReserveValue(EntityBytes + ValueSize.Array(labels.Length) + ValueSize.Map(props.Count));
        return new Node(ElementIds.Node(n.Id), labels, props);
    }

    private Relationship ToClientRel(RelValue r)
    {
        var props = new Dictionary<string, object?>();
        if (!WasDeletedRel(r.Id) && Tx.RelationshipExists(r.Id))
            foreach (var (k, v) in Tx.RelationshipProperties(r.Id)) props[Tokens.PropertyKeyName(k)] = ToClient(v);
        Memory.ReserveValue(EntityBytes + ValueSize.Map(props.Count));
        return new Relationship(ElementIds.Relationship(r.Id), Tokens.RelationshipTypeName(r.Type), ElementIds.Node(r.Start), ElementIds.Node(r.End), props);
    }

    /// <summary>A node or relationship of a result: the object and its element id strings.</summary>
    private const long EntityBytes = 160;

    /// <summary>Converts a parameter (already normalized to the contract model) to a runtime value.</summary>
    public static object? FromClient(object? value) => value switch
    {
        null or bool or long or double or string => value,
        ITemporalValue temporal => Temporal.TemporalParameters.Check(temporal),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => FromClient(kv.Value)),
        byte[] bytes => bytes, // passed through as one opaque value (Bolt bytes)
        IReadOnlyList<object?> list => list.Select(FromClient).ToList(),
        Node n when ElementIds.TryParseNode(n.ElementId, out var id) => new NodeValue(id),
        Relationship r when ElementIds.TryParseRelationship(r.ElementId, out var id) && ElementIds.TryParseNode(r.StartNodeElementId, out var s) && ElementIds.TryParseNode(r.EndNodeElementId, out var e)
            => new RelValue(id, -1, s, e),
        _ => throw new ClientException(Neo4jStatus.TypeError, $"A parameter of type {CypherValues.TypeName(value)} cannot be used by the embedded engine."),
    };
}
