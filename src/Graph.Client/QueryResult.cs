namespace Graph.Client;

/// <summary>The whole result of one statement: column keys, records and the summary.</summary>
public sealed class QueryResult
{
    public QueryResult(IReadOnlyList<string> keys, IReadOnlyList<Record> records, ResultSummary summary)
    {
        Keys = keys;
        Records = records;
        Summary = summary;
    }

    public IReadOnlyList<string> Keys { get; }
    public IReadOnlyList<Record> Records { get; }
    public ResultSummary Summary { get; }
    public Counters Counters => Summary.Counters;

    /// <summary>The single record of a result that must have exactly one.</summary>
    public Record Single() => Records.Count == 1
        ? Records[0]
        : throw new InvalidOperationException($"Expected exactly one record but the result has {Records.Count}.");
}

/// <summary>One row of a result. Values are the contract's value types (see <see cref="Values"/>).</summary>
public sealed class Record
{
    private readonly object?[] _values;
    private readonly IReadOnlyList<string> _keys;

    public Record(IReadOnlyList<string> keys, object?[] values)
    {
        if (keys.Count != values.Length) throw new ArgumentException("A record needs one value per key.");
        _keys = keys;
        _values = values;
    }

    public IReadOnlyList<string> Keys => _keys;
    public IReadOnlyList<object?> Values => _values;

    public object? this[int index] => _values[index];

    public object? this[string key]
    {
        get
        {
            for (var i = 0; i < _keys.Count; i++)
                if (_keys[i] == key) return _values[i];
            throw new KeyNotFoundException($"The record has no column '{key}'. Columns: {string.Join(", ", _keys)}.");
        }
    }

    public bool ContainsKey(string key) => _keys.Contains(key);

    /// <summary>Gets a value converted to <typeparamref name="T"/> (long to int, lists to typed lists, ...).</summary>
    public T Get<T>(string key) => Values<T>.Convert(this[key]);

    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var map = new Dictionary<string, object?>(_keys.Count);
        for (var i = 0; i < _keys.Count; i++) map[_keys[i]] = _values[i];
        return map;
    }

    public override string ToString() =>
        "{" + string.Join(", ", _keys.Select((k, i) => $"{k}: {ValueFormatter.ToCypherLiteral(_values[i])}")) + "}";
}

public enum QueryType
{
    ReadOnly,
    ReadWrite,
    WriteOnly,
    SchemaWrite,
}

public sealed record ResultSummary
{
    public required string Query { get; init; }
    public Counters Counters { get; init; } = Counters.None;
    public QueryType QueryType { get; init; } = QueryType.ReadOnly;
    public IReadOnlyList<Notification> Notifications { get; init; } = [];
    /// <summary>Time until the result was available (execution time for eager stores).</summary>
    public TimeSpan ResultAvailableAfter { get; init; }
    /// <summary>Bookmark of the transaction that produced this result, when it committed (auto-commit only).</summary>
    public string? Bookmark { get; init; }
    /// <summary>The plan, for a statement prefixed with EXPLAIN (no rows are produced) or PROFILE (with what each operator did).</summary>
    public PlanDescription? Plan { get; init; }
}

/// <summary>Update counters, named as in Neo4j's Query API and driver.</summary>
public sealed record Counters
{
    public static Counters None { get; } = new();

    public int NodesCreated { get; init; }
    public int NodesDeleted { get; init; }
    public int RelationshipsCreated { get; init; }
    public int RelationshipsDeleted { get; init; }
    public int PropertiesSet { get; init; }
    public int LabelsAdded { get; init; }
    public int LabelsRemoved { get; init; }
    public int IndexesAdded { get; init; }
    public int IndexesRemoved { get; init; }
    public int ConstraintsAdded { get; init; }
    public int ConstraintsRemoved { get; init; }

    public bool ContainsUpdates =>
        NodesCreated + NodesDeleted + RelationshipsCreated + RelationshipsDeleted + PropertiesSet + LabelsAdded + LabelsRemoved > 0;

    public bool ContainsSystemUpdates => IndexesAdded + IndexesRemoved + ConstraintsAdded + ConstraintsRemoved > 0;

    public static Counters operator +(Counters a, Counters b) => new()
    {
        NodesCreated = a.NodesCreated + b.NodesCreated,
        NodesDeleted = a.NodesDeleted + b.NodesDeleted,
        RelationshipsCreated = a.RelationshipsCreated + b.RelationshipsCreated,
        RelationshipsDeleted = a.RelationshipsDeleted + b.RelationshipsDeleted,
        PropertiesSet = a.PropertiesSet + b.PropertiesSet,
        LabelsAdded = a.LabelsAdded + b.LabelsAdded,
        LabelsRemoved = a.LabelsRemoved + b.LabelsRemoved,
        IndexesAdded = a.IndexesAdded + b.IndexesAdded,
        IndexesRemoved = a.IndexesRemoved + b.IndexesRemoved,
        ConstraintsAdded = a.ConstraintsAdded + b.ConstraintsAdded,
        ConstraintsRemoved = a.ConstraintsRemoved + b.ConstraintsRemoved,
    };
}

public enum NotificationSeverity
{
    Information,
    Warning,
}

public sealed record Notification(string Code, string Title, string Description, NotificationSeverity Severity, InputPosition? Position = null);
