namespace Graph.Engine.Execution;

/// <summary>
/// A remembered tuple's part of its group's cell number in a dense <see cref="TupleCounts"/>
/// (<see cref="TupleCounts.PackedCellPart"/>), computed once per layout of that table: a claim's (paradigm, sign) group
/// merged into the groups of a hundred stances costs one add to the cell number its prefix gives, instead of a merged
/// tuple and its cell number worked out key by key each time.
/// </summary>
internal struct GroupCellPart
{
    private TupleCounts? _groups;
    private int _layout;
    private long _packed;

    /// <summary>The tuple's packed part in <paramref name="groups"/> as laid out now (-1: none).</summary>
    public long Get(TupleCounts groups, int[] tuple)
    {
        if (!ReferenceEquals(_groups, groups) || _layout != groups.Layout)
        {
            _packed = groups.PackedCellPart(tuple);
            _groups = groups;
            _layout = groups.Layout;
        }
        return _packed;
    }
}
