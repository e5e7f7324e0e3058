namespace Graph.Engine.Execution;

/// <summary>
/// A <see cref="SuffixMemo"/>'s remembered nodes as cell parts of one <see cref="TupleCounts"/> layout, for a loop that adds
/// many paths through them (<see cref="SuffixMemo.TryGetKnownCells"/>): the memo's index by node id, each single group's
/// packed part, and the tables' entries flattened (table t's entries from <see cref="TableStarts"/>[t] to [t + 1]).
/// Valid until the memo or the groups change.
/// </summary>
internal readonly ref struct KnownSuffixCells(int[] index, long first, ReadOnlySpan<long> singles, ReadOnlySpan<int> tableStarts,
    ReadOnlySpan<long> tableParts, ReadOnlySpan<long> tableCounts)
{
    /// <summary>The memo's value of node n at n - <see cref="First"/> (<see cref="DenseNodeIndex.TryGetArray"/>).</summary>
    public readonly int[] Index = index;

    public readonly long First = first;

    /// <summary>Single group s's packed cell part (-1: none), for index value <see cref="SuffixMemo.FirstSingle"/> - s.</summary>
    public readonly ReadOnlySpan<long> Singles = singles;

    /// <summary>Where table t's entries start (index value t + 1), and after the last, where they end.</summary>
    public readonly ReadOnlySpan<int> TableStarts = tableStarts;

    /// <summary>Each table entry's packed cell part (-1: none).</summary>
    public readonly ReadOnlySpan<long> TableParts = tableParts;

    /// <summary>Each table entry's count.</summary>
    public readonly ReadOnlySpan<long> TableCounts = tableCounts;
}
