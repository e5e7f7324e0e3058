using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The values one grouping key of a <see cref="ChainCountOp"/> took, each numbered once. Only identical values share a
/// number (1 and 1.0 do not): the groups they make are merged at the end in the order they appeared, so a group returns
/// the key values of its first path, as a row-by-row grouping does. A relationship type's number is remembered by type
/// id, so type(r) builds no value per relationship.
/// </summary>
internal sealed class KeyInterner(MemoryAccount account)
{
    private readonly Dictionary<object, int> _ids = new(IdenticalValues.Instance);
    private readonly List<object?> _values = [];
    private int[] _byType = [];
    private int _nullId = -1;

    /// <summary>
    /// False while every value numbered is a string, an integer or a boolean: no two of them are equivalent without being
    /// identical, so the groups need no merging at the end. A float, a list or anything else sets it.
    /// </summary>
    public bool MayHoldEquivalents { get; private set; }

    public int Intern(object? value)
    {
        if (value is null)
        {
            if (_nullId < 0) _nullId = Append(null);
            return _nullId;
        }
        if (_ids.TryGetValue(value, out var id)) return id;
        id = Append(value);
        _ids[value] = id;
        if (value is not (string or long or bool)) MayHoldEquivalents = true;
        account.Keep(value, ValueSize.DictionaryEntry);
        return id;
    }

    /// <summary>The number of type(r) for a relationship of type <paramref name="type"/>.</summary>
    public int InternType(int type, QueryContext ctx)
    {
        if (type >= 0 && type < _byType.Length && _byType[type] > 0) return _byType[type] - 1;
        var id = Intern(ctx.Tokens.RelationshipTypeName(type));
        if (type < 0) return id;
        if (type >= _byType.Length) Array.Resize(ref _byType, Math.Max(type + 1, _byType.Length * 2));
        _byType[type] = id + 1;
        return id;
    }

    public object? Value(int id) => _values[id];

    private int Append(object? value)
    {
        _values.Add(value);
        return _values.Count - 1;
    }
}
