using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The interned key numbers of the far nodes visited at one hop of a <see cref="ChainCountOp"/> (read-only statements):
/// a claim reached from a hundred stances has its <c>c.id</c> read and interned once. Indexed by node id
/// (<see cref="DenseNodeIndex"/>); nodes sharing their key numbers share one array.
/// </summary>
internal sealed class NodeKeyCache(MemoryAccount account)
{
    private readonly DenseNodeIndex _index = new();
    private readonly List<int[]> _ids = [];
    private readonly Dictionary<int[], int> _known = new(TupleComparer.Instance);
    private long _indexBytes;

    public bool TryGet(long node, out int[] ids)
    {
        var at = _index.Get(node);
        ids = at > 0 ? _ids[at - 1] : null!;
        return at > 0;
    }

    public void Add(long node, int[] ids)
    {
        if (!_known.TryGetValue(ids, out var at))
        {
            at = _ids.Count + 1;
            var copy = (int[])ids.Clone();
            _ids.Add(copy);
            _known[copy] = at;
            account.Reserve(ValueSize.DictionaryEntry + ValueSize.Array(ids.Length));
        }
        if (!_index.Set(node, at) || _index.Bytes <= _indexBytes) return;
        account.Reserve(_index.Bytes - _indexBytes);
        _indexBytes = _index.Bytes;
    }
}
