using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The groups of a <see cref="ChainCountOp"/> whose one grouping key is read from the far node of its tallied last hop
/// (<c>b.id</c>) and whose rows an ORDER BY count(*) ... LIMIT above cuts (<see cref="ChainCountTop"/>): the counts are
/// kept per interned key id in a plain array, and only the groups the sort can return go to the chain's
/// <see cref="TupleCounts"/> at the end (<see cref="MoveTo"/>). An expert's thousand allies were a thousand group adds
/// (a cell number, a group list, relayouts as the ids grew) for the ten rows returned.
/// <para>
/// The groups keep the order <see cref="TupleCounts"/> gives them: a group starts at its first add of a positive count.
/// A thread keeps one returned array for its next statement, cleared over the ids used only.
/// </para>
/// </summary>
internal sealed class TallyKeyCounts : ITupleSink
{
    /// <summary>Bytes per group counted against the memory limit: its count and its place in the order.</summary>
    private const long GroupBytes = 8 + 4;

    /// <summary>Arrays larger than this (groups) are not kept for the next statement (1 MB of counts).</summary>
    internal const int MaxKept = 1 << 17;

    [ThreadStatic] private static TallyKeyCounts? t_spare;

    private long[] _counts = new long[64];
    private int[] _order = new int[64];
    private int _groups;
    private int _highestId = -1;
    private long _reservedGroups;
    private MemoryAccount? _account;

    private TallyKeyCounts() { }

    /// <summary>Groups so far.</summary>
    public int Count => _groups;

    /// <summary>An empty table, the thread's kept one if any; its groups are counted against <paramref name="account"/>.</summary>
    public static TallyKeyCounts Rent(MemoryAccount account)
    {
        var counts = t_spare ?? new TallyKeyCounts();
        t_spare = null;
        counts._account = account;
        counts._reservedGroups = 0;
        return counts;
    }

    /// <summary>Clears the ids used and keeps the table for the thread's next <see cref="Rent"/> unless it grew large.</summary>
    public void Return()
    {
        if (_highestId >= 0) Array.Clear(_counts, 0, _highestId + 1);
        _highestId = -1;
        _groups = 0;
        _account = null;
        if (_counts.Length <= MaxKept) t_spare = this;
    }

    /// <summary>Adds <paramref name="count"/> to the group of the one key's id <c>tuple[0]</c>.</summary>
    public void Add(int[] tuple, long count) => Add(tuple[0], count);

    /// <summary>Adds <paramref name="count"/> to the group of key id <paramref name="id"/> (as <see cref="TupleCounts.Add"/>: no group for a count ≤ 0).</summary>
    public void Add(int id, long count)
    {
        if (count <= 0) return;
        if (id >= _counts.Length) Grow(id);
        if (id > _highestId) _highestId = id;
        if (_counts[id] == 0)
        {
            if (_groups == _reservedGroups) ReserveMore();
            if (_groups == _order.Length) Array.Resize(ref _order, _order.Length * 2);
            _order[_groups++] = id;
        }
        _counts[id] += count;
    }

    /// <summary>The groups' key ids in the order the groups came.</summary>
    public ReadOnlySpan<int> Order => _order.AsSpan(0, _groups);

    /// <summary>The counts by key id (an id that is no group: 0).</summary>
    public ReadOnlySpan<long> CountsById => _counts;

    /// <summary>
    /// Adds to <paramref name="groups"/> (empty) the groups that the sort above can return when it keeps
    /// <paramref name="kept"/> rows (-1: unknown, all of them), in their order; all of them when
    /// <paramref name="values"/> may hold equivalent keys (1 and 1.0 merge into one row later, their counts summed).
    /// </summary>
    public void MoveTo(TupleCounts groups, ChainCountTop top, long kept, KeyInterner values)
    {
        var chosen = kept < 0 || values.MayHoldEquivalents ? null : top.CandidatesOfOneKey(this, kept, values);
        var tuple = new int[1];
        for (var g = 0; g < _groups; g++)
        {
            if (chosen is not null && !chosen[g]) continue;
            tuple[0] = _order[g];
            groups.Add(tuple, _counts[_order[g]]);
        }
    }

    private void Grow(int id)
    {
        var size = _counts.Length;
        while (size <= id) size *= 2;
        Array.Resize(ref _counts, size);
    }

    private void ReserveMore()
    {
        var more = Math.Max(64, _reservedGroups);
        _account!.Reserve(GroupBytes * more);
        _reservedGroups += more;
    }
}
