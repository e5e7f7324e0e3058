using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Graph.Storage.Records;

/// <summary>One property of many nodes read in phases (see <see cref="StorageTransaction.ReadNodeProperty"/>).</summary>
internal sealed partial class GraphData
{
    /// <summary>
    /// What <see cref="NodeAt"/> and <see cref="PropertyArrays.Get"/> give for each node. A node's record is a chain of
    /// references (the slot of its id, the version, its property array, the value), each known only once the one before
    /// is in the cache; read node by node, every link waits for memory. Here each level of the chain is first asked for
    /// all the nodes (a prefetch hint, no store) before the next level is read, so the misses of different nodes overlap.
    /// </summary>
    public unsafe void ReadNodeProperty(ReadOnlySpan<long> ids, long version, int key, Span<object?> values)
    {
        if (ColumnFor(key, version, ids.Length) is { } column)
        {
            ReadThroughColumn(column, ids, version, values);
            return;
        }
        var nodes = Nodes;
        if (Sse.IsSupported)
        {
            foreach (var id in ids)
                if ((ulong)id < (ulong)nodes.Length) Sse.Prefetch0(Unsafe.AsPointer(ref nodes[id]));
            foreach (var id in ids)
                if ((ulong)id < (ulong)nodes.Length) Prefetch(nodes[id]);
            foreach (var id in ids)
                if (Visible(nodes, id, version) is { } v) Prefetch(v.Properties);
            // the values' own memory (a string's length and characters) is what the caller reads next
            foreach (var id in ids)
                if (Visible(nodes, id, version) is { } v) Prefetch(PropertyArrays.Get(v.Properties, key));
        }
        for (var i = 0; i < ids.Length; i++)
            values[i] = Visible(nodes, ids[i], version) is { } v ? PropertyArrays.Get(v.Properties, key) : null;
    }

    /// <summary>As <see cref="NodeAt"/> over a snapshot of the slots.</summary>
    private static NodeVersion? Visible(NodeVersion?[] nodes, long id, long version)
    {
        if ((ulong)id >= (ulong)nodes.Length) return null;
        var v = Volatile.Read(ref nodes[id]);
        while (v is not null && v.Version > version) v = v.Older;
        return v is null || v.Deleted ? null : v;
    }
}
