using Graph.Storage.Values;

namespace Graph.Storage.Records;

/// <summary>A hash index (label, keys) -> nodes keyed by Cypher equality. Guarded by <see cref="GraphData.IndexLock"/>.</summary>
internal sealed class PropertyIndex(IndexDefinition definition)
{
    public readonly IndexDefinition Definition = definition;
    public readonly int Label = definition.Label;
    public readonly int[] Keys = definition.PropertyKeys.ToArray();
    // String keys (most indexed values: ids, names) in a table of their own: its lookup hashes and compares the string
    // directly (ordinal, as ValueKey does), without ValueKey's virtual calls. Every other key is in _entries.
    private readonly IndexKeyTable<string> _strings = new(StringComparer.Ordinal);
    private readonly IndexKeyTable<ValueKey> _entries = new();

    /// <summary>The key of a node's properties, false when a property is missing (the node is not indexed).</summary>
    public bool TryKey(KeyValuePair<int, object>[] properties, out ValueKey key)
    {
        if (Keys.Length == 1) return ValueKey.TryCreate(PropertyArrays.Get(properties, Keys[0]), out key);
        var values = new object?[Keys.Length];
        for (var i = 0; i < Keys.Length; i++) values[i] = PropertyArrays.Get(properties, Keys[i]);
        return ValueKey.TryCreateComposite(values, out key);
    }

    public bool Matches(int label, IReadOnlyList<int> keys)
    {
        if (Label != label || Keys.Length != keys.Count) return false;
        for (var i = 0; i < Keys.Length; i++)
            if (Keys[i] != keys[i]) return false;
        return true;
    }

    /// <summary>The key for looked-up values (same order as <see cref="Keys"/>).</summary>
    public static bool TryKeyOfValues(object?[] values, out ValueKey key) =>
        values.Length == 1 ? ValueKey.TryCreate(values[0], out key) : ValueKey.TryCreateComposite(values, out key);

    /// <summary>Distinct keys indexed, and how many of them have more than one node (for tests and diagnostics).</summary>
    public (int Keys, int KeysWithSeveralNodes) KeyCounts =>
        (_strings.Count + _entries.Count, _strings.SeveralCount + _entries.SeveralCount);

    public void Add(ValueKey key, long node)
    {
        if (key.AsString is { } text) _strings.Add(text, node);
        else _entries.Add(key, node);
    }

    public void Remove(ValueKey key, long node)
    {
        if (key.AsString is { } text) _strings.Remove(text, node);
        else _entries.Remove(key, node);
    }

    public void CopyTo(ValueKey key, List<long> target)
    {
        if (key.AsString is { } text) _strings.CopyTo(text, target);
        else _entries.CopyTo(key, target);
    }

    /// <summary>The nodes indexed under a string (a single-key index looked up by a string value).</summary>
    public void CopyTo(string key, List<long> target) => _strings.CopyTo(key, target);
}

/// <summary>Index and constraint definitions with their live indexes. Immutable; a commit publishes a new one.</summary>
internal sealed class Schema(IndexDefinition[] indexes, ConstraintDefinition[] constraints, PropertyIndex[] live)
{
    public static readonly Schema Empty = new([], [], []);

    public readonly IndexDefinition[] Indexes = indexes;
    public readonly ConstraintDefinition[] Constraints = constraints;
    /// <summary>One live index per definition, same order.</summary>
    public readonly PropertyIndex[] Live = live;

    public PropertyIndex? Find(int label, IReadOnlyList<int> keys)
    {
        foreach (var index in Live)
            if (index.Matches(label, keys)) return index;
        return null;
    }

    /// <summary>The index of exactly (<paramref name="label"/>, <paramref name="key"/>), as <see cref="Find"/> with one key.</summary>
    public PropertyIndex? FindSingle(int label, int key)
    {
        foreach (var index in Live)
            if (index.Label == label && index.Keys.Length == 1 && index.Keys[0] == key) return index;
        return null;
    }
}

internal enum SchemaOpKind : byte
{
    CreateIndex = 0,
    DropIndex = 1,
    CreateConstraint = 2,
    DropConstraint = 3,
}

/// <summary>A schema change inside a commit, applied in order.</summary>
internal sealed record SchemaOp(SchemaOpKind Kind, string Name, IndexDefinition? Index = null, ConstraintDefinition? Constraint = null);
