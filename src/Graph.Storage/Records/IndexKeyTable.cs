namespace Graph.Storage.Records;

/// <summary>
/// An index's keys and the nodes under each. Most keys (ids, names) have one node: it is kept in the table's entry
/// itself, so a lookup reads no set object and a key costs no set (80 bytes of objects per key otherwise, a third of a
/// unique index's memory). A key with several nodes (duplicates, or a changed value kept for older readers) marks its
/// entry <see cref="Several"/> and keeps them in an <see cref="IdSet"/> beside the table. Guarded as its index is.
/// </summary>
internal sealed class IndexKeyTable<TKey> where TKey : notnull
{
    // Node ids are never negative: the mark of an entry whose nodes are in _several.
    private const long Several = -1;

    private readonly Dictionary<TKey, long> _nodes;
    private Dictionary<TKey, IdSet>? _several;

    public IndexKeyTable(IEqualityComparer<TKey>? comparer = null) => _nodes = new Dictionary<TKey, long>(comparer);

    /// <summary>Keys in the table.</summary>
    public int Count => _nodes.Count;

    /// <summary>Keys with more than one node.</summary>
    public int SeveralCount => _several?.Count ?? 0;

    public void Add(TKey key, long node)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_nodes, key, out var exists);
        if (!exists)
        {
            entry = node;
            return;
        }
        if (entry == node) return;
        var several = _several ??= new Dictionary<TKey, IdSet>(_nodes.Comparer);
        if (entry == Several)
        {
            several[key].Add(node);
            return;
        }
        var set = new IdSet(entry);
        set.Add(node);
        several[key] = set;
        entry = Several;
    }

    public void Remove(TKey key, long node)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_nodes, key);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry)) return;
        if (entry != Several)
        {
            if (entry == node) _nodes.Remove(key);
            return;
        }
        var set = _several![key];
        if (!set.Remove(node) || set.Count > 1) return;
        // one node left: back into the entry (no set kept for a key that is unique again)
        var rest = new List<long>(1);
        set.CopyTo(rest);
        _several.Remove(key);
        entry = rest[0];
    }

    /// <summary>Adds the nodes under <paramref name="key"/> to <paramref name="target"/>.</summary>
    public void CopyTo(TKey key, List<long> target)
    {
        if (!_nodes.TryGetValue(key, out var node)) return;
        if (node != Several) target.Add(node);
        else _several![key].CopyTo(target);
    }
}
