using Graph.Client;

namespace Graph.Engine.Driver;

/// <summary>
/// The list a session collects a whole result's records in (RunAsync), reused from statement to statement so that a
/// result is handed out as one array of exactly its size instead of a list grown by doubling (for 15 records: one
/// 136-byte array instead of a list and three arrays of 328 bytes in all, and no copies on the way).
/// A list that grew past <see cref="KeptCapacity"/> is dropped after use: a session never holds a large result's worth.
/// Taken and given back atomically: a session misused from two threads at once makes the second collect in a list
/// of its own, never into the first's.
/// </summary>
internal sealed class ResultRecordBuffer
{
    /// <summary>Records a kept list may hold (a small result's; 8 KB of references).</summary>
    internal const int KeptCapacity = 1024;

    private List<Record>? _list;

    /// <summary>Results up to this many records are copied out one by one (ToArray's bulk copy calls into the runtime).</summary>
    private const int ElementwiseCount = 16;

    private static Record[] CopyElementwise(List<Record> list)
    {
        var records = new Record[list.Count];
        for (var i = 0; i < records.Length; i++) records[i] = list[i];
        return records;
    }

    /// <summary>An empty list to collect into; give it back with <see cref="Return"/>.</summary>
    public List<Record> Take() => Interlocked.Exchange(ref _list, null) ?? [];

    /// <summary>The collected records as an array of their exact number; the list is emptied and kept if it is small.</summary>
    public Record[] Return(List<Record> list)
    {
        var records = list.Count == 0 ? [] : list.Count <= ElementwiseCount ? CopyElementwise(list) : list.ToArray();
        list.Clear(); // no record stays reachable from the session
        if (list.Capacity <= KeptCapacity) Volatile.Write(ref _list, list);
        return records;
    }
}
