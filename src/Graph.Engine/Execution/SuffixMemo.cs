using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The tables of the rest of a chain (<see cref="TupleTable"/>) remembered per node at one hop of a
/// <see cref="ChainCountOp"/>. Where nodes rarely repeat (an expert reached once from its institution) remembering costs
/// an insert per node and saves nothing: after <see cref="TrialMisses"/> misses with fewer hits than misses,
/// <see cref="Enabled"/> turns false and the owner drops the memo.
/// </summary>
internal sealed class SuffixMemo
{
    private const int TrialMisses = 4096;

    private readonly Dictionary<long, TupleTable> _tables = [];
    private long _hits, _misses, _bytes;

    public bool Enabled => _misses <= TrialMisses || _hits >= _misses;

    /// <summary>Tuple entries held.</summary>
    public int Entries { get; private set; }

    public bool TryGet(long node, out TupleTable table)
    {
        if (_tables.TryGetValue(node, out table!))
        {
            _hits++;
            return true;
        }
        _misses++;
        return false;
    }

    public void Add(long node, TupleTable table, MemoryAccount account)
    {
        _tables[node] = table;
        Entries += table.Count;
        var bytes = ValueSize.DictionaryEntry + 64 + table.Count * 40L;
        _bytes += bytes;
        account.Reserve(bytes);
    }

    public void Clear(MemoryAccount account)
    {
        _tables.Clear();
        account.Release(_bytes);
        _bytes = 0;
        Entries = 0;
    }
}
