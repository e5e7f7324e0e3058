using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The <see cref="NeighbourList"/>s a thread keeps for its next <see cref="ChainCountOp"/> runs: a run's list for a hop grows
/// to the largest node it reads there (a popular claim's ~15,000 endorsers for an expert's allies at 100k experts), through
/// every doubling and its cleared arrays, in each statement; kept, the next statement reads into it at once. Bounded: lists
/// of at most <see cref="MaxKeptEntries"/> entries (20 bytes each), <see cref="ListsKept"/> per thread. A run counts a
/// list against its memory limit by what it read into it, not by what an earlier statement left it holding.
/// </summary>
internal static class NeighbourListPool
{
    /// <summary>Lists that grew larger are not kept (640 KB at this size).</summary>
    internal const int MaxKeptEntries = 1 << 15;

    /// <summary>Lists a thread keeps (a chain's hops, one each).</summary>
    private const int ListsKept = 4;

    [ThreadStatic] private static Stack<NeighbourList>? t_lists;

    /// <summary>An empty list, one the thread kept if any.</summary>
    public static NeighbourList Rent() => t_lists is { Count: > 0 } lists ? lists.Pop() : new NeighbourList();

    /// <summary>Keeps <paramref name="list"/> for the thread's next <see cref="Rent"/> unless it grew large; not used after.</summary>
    public static void Return(NeighbourList list)
    {
        if (list.Capacity > MaxKeptEntries) return;
        list.Clear();
        var lists = t_lists ??= new Stack<NeighbourList>();
        if (lists.Count < ListsKept) lists.Push(list);
    }
}
