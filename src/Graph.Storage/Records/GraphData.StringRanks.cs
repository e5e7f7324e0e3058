using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Graph.Storage.Records;

/// <summary>
/// <see cref="StringRanks"/> of the property columns: the ranks of a column are made by the reader whose request makes
/// the ranks asked for reach the column's length (the compares they replace have then cost about what sorting the
/// column's strings costs), from the column's entries, every one filled first. They hold for every reader that can
/// reach the column (<see cref="PropertyColumn"/>: its values are those of <see cref="PropertyColumn.ValidFrom"/>); a
/// commit that changes the key drops the column and its ranks with it. A node id beyond the column (created after it was
/// made, so without the key: a node given the key drops the column) is answered with no ranks, as is a value of another
/// type.
/// </summary>
internal sealed partial class GraphData
{
    /// <summary>See <see cref="StorageTransaction.TryReadNodeStringRanks"/>.</summary>
    public unsafe bool TryReadNodeStringRanks(ReadOnlySpan<long> ids, long version, int key, Span<int> ranks)
    {
        if (ColumnFor(key, version, ids.Length) is not { } column) return false;
        var byNode = Volatile.Read(ref column.Ranks.ByNode) ?? AskRanks(column, version, ids.Length);
        if (byNode is null) return false;
        if (Sse.IsSupported)
            foreach (var id in ids)
                if ((ulong)id < (ulong)byNode.Length) Sse.Prefetch0(Unsafe.AsPointer(ref byNode[id]));
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if ((ulong)id >= (ulong)byNode.Length) return false;
            var rank = byNode[id];
            if (rank == StringRanks.OtherValue) return false;
            ranks[i] = rank;
        }
        return true;
    }

    /// <summary>
    /// See <see cref="StorageTransaction.NodeStringsDistinct"/>: known from the key's column once its ranks are made (the
    /// sort that makes them finds equal strings); false before, or without a column the reader may use.
    /// </summary>
    public bool NodeStringsDistinct(long version, int key) =>
        ColumnFor(key, version, 0) is { } column && Volatile.Read(ref column.Ranks.ByNode) is not null && column.Ranks.Distinct;

    /// <summary>Counts <paramref name="asked"/> ranks asked for; makes the column's ranks when they reach its length (null until then).</summary>
    private int[]? AskRanks(PropertyColumn column, long version, int asked)
    {
        var state = column.Ranks;
        state.Asked += asked;
        if (state.Asked < column.Entries.Length || Interlocked.CompareExchange(ref state.Making, 1, 0) != 0) return null;
        try
        {
            if (Volatile.Read(ref state.ByNode) is { } made) return made;
            var entries = column.Entries;
            for (long id = 0; id < entries.Length; id++)
                if (entries[id] is null) Fill(column, id, version);
            var ranks = StringRanks.Make(entries, out var distinct);
            state.Distinct = distinct;
            Volatile.Write(ref state.ByNode, ranks);
            return ranks;
        }
        finally
        {
            Volatile.Write(ref state.Making, 0);
        }
    }
}
