namespace Graph.Storage.Records;

/// <summary>
/// One committed version of a node. Versions are immutable once published; a commit publishes a new
/// version whose <see cref="Older"/> points at the previous one for as long as an open reader may need it.
/// </summary>
internal sealed class NodeVersion
{
    public long Version;
    public NodeVersion? Older;
    public bool Deleted;
    public int[] Labels = [];
    public KeyValuePair<int, object>[] Properties = [];
    /// <summary>Adjacency grouped by relationship type; expanding by type touches only that group.</summary>
    public RelGroup[] Groups = [];

    public bool HasLabel(int label) => Array.IndexOf(Labels, label) >= 0;
}

/// <summary>The relationships of one node with one type. Immutable: commits replace the whole group.</summary>
internal sealed class RelGroup(int type, long[] outgoing, long[] incoming, long[] loops)
{
    public readonly int Type = type;
    /// <summary>Pairs (relationship id, other node id) for relationships starting here.</summary>
    public readonly long[] Outgoing = outgoing;
    /// <summary>Pairs (relationship id, other node id) for relationships ending here.</summary>
    public readonly long[] Incoming = incoming;
    /// <summary>Ids of self-loops, kept apart so that Direction.Both reports them once.</summary>
    public readonly long[] Loops = loops;

    public int Count(Direction direction) => direction switch
    {
        Direction.Outgoing => Outgoing.Length / 2 + Loops.Length,
        Direction.Incoming => Incoming.Length / 2 + Loops.Length,
        _ => Outgoing.Length / 2 + Incoming.Length / 2 + Loops.Length,
    };
}

/// <summary>One committed version of a relationship. Type and ends never change; a tombstone keeps them.</summary>
internal sealed class RelVersion
{
    public long Version;
    public RelVersion? Older;
    public bool Deleted;
    public int Type;
    public long Start;
    public long End;
    public KeyValuePair<int, object>[] Properties = [];
}

internal static class PropertyArrays
{
    public static object? Get(KeyValuePair<int, object>[] properties, int key)
    {
        foreach (var p in properties)
            if (p.Key == key) return p.Value;
        return null;
    }

    /// <summary>Copy-on-write set; value null removes. Returns the same array when nothing changes.</summary>
    public static KeyValuePair<int, object>[] With(KeyValuePair<int, object>[] properties, int key, object? value)
    {
        var index = -1;
        for (var i = 0; i < properties.Length; i++)
            if (properties[i].Key == key) { index = i; break; }
        if (value is null)
        {
            if (index < 0) return properties;
            var removed = new KeyValuePair<int, object>[properties.Length - 1];
            Array.Copy(properties, 0, removed, 0, index);
            Array.Copy(properties, index + 1, removed, index, properties.Length - index - 1);
            return removed;
        }
        var copy = new KeyValuePair<int, object>[index < 0 ? properties.Length + 1 : properties.Length];
        Array.Copy(properties, copy, properties.Length);
        copy[index < 0 ? properties.Length : index] = new KeyValuePair<int, object>(key, value);
        return copy;
    }
}
