using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The interned key numbers of the far nodes visited at one hop of a <see cref="ChainCountOp"/> (read-only statements):
/// a claim reached from a hundred stances has its <c>c.id</c> read and interned once. Indexed by node id
/// (<see cref="DenseNodeIndex"/>); nodes sharing their key numbers share one array. A single key's number is kept in
/// the index itself (plus one): an ally's <c>b.id</c> is usually its own, and an array per node would double the cost.
/// </summary>
internal sealed class NodeKeyCache(MemoryAccount account, int keysPerNode)
{
    private readonly DenseNodeIndex _index = new();
    private readonly List<int[]> _ids = [];
    private readonly Dictionary<int[], int> _known = new(TupleComparer.Instance);
    private long _indexBytes;
    private readonly int[] _single = new int[1];

    /// <summary>The node's key numbers, if known; the array is only valid until the next call.</summary>
    public bool TryGet(long node, out int[] ids)
    {
        var at = _index.Get(node);
        if (at <= 0)
        {
            ids = null!;
            return false;
        }
        if (keysPerNode == 1)
        {
            _single[0] = at - 1;
            ids = _single;
            return true;
        }
        ids = _ids[at - 1];
        return true;
    }

    public void Add(long node, int[] ids)
    {
        if (keysPerNode == 1)
        {
            if (_index.Set(node, ids[0] + 1)) ReserveIndex();
            return;
        }
        if (!_known.TryGetValue(ids, out var at))
        {
            at = _ids.Count + 1;
            var copy = (int[])ids.Clone();
            _ids.Add(copy);
            _known[copy] = at;
            account.Reserve(ValueSize.DictionaryEntry + ValueSize.Array(ids.Length));
        }
        if (_index.Set(node, at)) ReserveIndex();
    }

    private void ReserveIndex()
    {
        if (_index.Bytes <= _indexBytes) return;
        account.Reserve(_index.Bytes - _indexBytes);
        _indexBytes = _index.Bytes;
    }
}
