using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The groups of a <see cref="ChainCountOp"/>: tuple of interned key ids to count, in order of first appearance, each
/// new group reserved against the statement's memory limit.
/// </summary>
internal sealed class TupleCounts(MemoryAccount account) : ITupleSink
{
    private const long GroupBytes = ValueSize.DictionaryEntry + 16;

    private readonly Dictionary<int[], int> _index = new(TupleComparer.Instance);
    private readonly List<int[]> _tuples = [];
    private readonly List<long> _counts = [];

    public int Count => _tuples.Count;

    public void Add(int[] tuple, long count)
    {
        if (_index.TryGetValue(tuple, out var at))
        {
            _counts[at] += count;
            return;
        }
        var copy = (int[])tuple.Clone();
        account.Reserve(GroupBytes + ValueSize.Array(copy.Length) / 2);
        _index[copy] = _tuples.Count;
        _tuples.Add(copy);
        _counts.Add(count);
    }

    public IEnumerable<(int[] Tuple, long Count)> Entries()
    {
        for (var i = 0; i < _tuples.Count; i++) yield return (_tuples[i], _counts[i]);
    }
}
