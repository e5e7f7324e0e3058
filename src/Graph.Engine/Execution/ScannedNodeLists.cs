namespace Graph.Engine.Execution;

/// <summary>
/// The lists a chain counted from its middle (<see cref="ChainCountOp"/>) reads its middle label's nodes into, kept from
/// one statement to the next: 100,000 experts are an 800 KB list, a large object allocated afresh in every statement
/// otherwise, and large objects bring the collector's full collections closer. One list is kept, of up to
/// <see cref="KeptCapacity"/> nodes; a statement running beside another that holds it uses a list of its own.
/// </summary>
internal static class ScannedNodeLists
{
    /// <summary>Nodes the kept list may hold (8 MB).</summary>
    internal const int KeptCapacity = 1 << 20;

    private static List<long>? _kept;

    /// <summary>An empty list; give it back with <see cref="Return"/>.</summary>
    public static List<long> Rent() => Interlocked.Exchange(ref _kept, null) ?? [];

    /// <summary>Empties the list and keeps it when it is not too large.</summary>
    public static void Return(List<long> list)
    {
        list.Clear();
        if (list.Capacity <= KeptCapacity) Volatile.Write(ref _kept, list);
    }
}
