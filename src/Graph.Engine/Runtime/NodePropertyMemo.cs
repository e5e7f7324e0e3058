using Graph.Storage;

namespace Graph.Engine.Runtime;

/// <summary>
/// The last few node property reads of a read-only statement, direct-mapped by (node, key). A property of a node bound
/// once is read again on every row (<c>WHERE b.id &lt;&gt; a.id</c> re-reads <c>a.id</c>), and a row's property read by a
/// filter is read again by the aggregation above it; each of these then costs a compare instead of a store lookup.
/// Only for statements that write nothing: no value can change while one runs (a later statement of the same
/// transaction first buffers this one's remaining rows).
/// </summary>
internal sealed class NodePropertyMemo
{
    private const int Size = 8;

    private readonly long[] _nodes = [-1, -1, -1, -1, -1, -1, -1, -1];
    private readonly int[] _keys = new int[Size];
    private readonly object?[] _values = new object?[Size];

    public object? Read(StorageTransaction tx, long node, int key)
    {
        var slot = (int)((ulong)(node ^ (node >> 3) ^ ((long)key << 1)) & (Size - 1));
        if (_nodes[slot] == node && _keys[slot] == key) return _values[slot];
        var value = tx.NodeProperty(node, key);
        _nodes[slot] = node;
        _keys[slot] = key;
        _values[slot] = value;
        return value;
    }
}
