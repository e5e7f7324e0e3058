namespace Graph.Engine.Execution;

/// <summary>
/// The interned key numbers of far nodes already visited at one hop of a <see cref="ChainCountOp"/> (read-only
/// statements): a claim reached from a hundred stances has its <c>c.id</c> read and interned once. Where nodes rarely
/// repeat, after <see cref="TrialMisses"/> misses with fewer hits than misses, <see cref="Enabled"/> turns false and the
/// owner stops using it.
/// </summary>
internal sealed class NodeKeyCache
{
    private const int TrialMisses = 4096;

    private readonly Dictionary<long, int[]> _ids = [];
    private long _hits, _misses;

    public bool Enabled => _misses <= TrialMisses || _hits >= _misses;

    public int Count => _ids.Count;

    public bool TryGet(long node, out int[] ids)
    {
        if (_ids.TryGetValue(node, out ids!))
        {
            _hits++;
            return true;
        }
        _misses++;
        return false;
    }

    public void Add(long node, int[] ids) => _ids[node] = ids;
}
