using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Graph.Storage.Records;

/// <summary>Cache hints for reads about to happen (see <see cref="StorageTransaction.PrefetchNode"/>).</summary>
internal sealed partial class GraphData
{
    /// <summary>Property values prefetched at most per node (a filter or key reads one or two of them).</summary>
    private const int PrefetchedValues = 4;

    /// <summary>
    /// One step of bringing a node's newest version into the cache (the version a reader needs is nearly always the
    /// newest): 0 the slot of its id, 1 the record, 2 its labels and property arrays, 3 the first property values; and for
    /// the property columns kept, 0 the node's entries and 1 the values they hold.
    /// Each step reads only what the step before brought in.
    /// </summary>
    public unsafe void PrefetchNode(long id, int step)
    {
        if (!Sse.IsSupported) return;
        var nodes = Nodes;
        if ((ulong)id >= (ulong)nodes.Length) return;
        if (step <= 1) PrefetchColumns(id, step);
        if (step == 0)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref nodes[id]));
            return;
        }
        if (nodes[id] is not { } version) return;
        switch (step)
        {
            case 1:
                Prefetch(version);
                break;
            case 2:
                Prefetch(version.Labels);
                Prefetch(version.Properties);
                break;
            default:
                var properties = version.Properties;
                for (var i = 0; i < properties.Length && i < PrefetchedValues; i++) Prefetch(properties[i].Value);
                break;
        }
    }

    /// <summary>
    /// One step of bringing what reading a node's relationships touches into the cache (see
    /// <see cref="StorageTransaction.PrefetchRelationships"/>): 0 the slot of its id, 1 the record, 2 its array of groups,
    /// 3 the groups of <paramref name="types"/> (all when null), 4 the first entries of their lists.
    /// </summary>
    public unsafe void PrefetchRelationships(long id, int step, IReadOnlyList<int>? types)
    {
        if (!Sse.IsSupported) return;
        var nodes = Nodes;
        if ((ulong)id >= (ulong)nodes.Length) return;
        if (step == 0)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref nodes[id]));
            return;
        }
        if (nodes[id] is not { } version) return;
        if (step == 1)
        {
            Prefetch(version);
            return;
        }
        var groups = version.Groups;
        if (step == 2)
        {
            Prefetch(groups);
            return;
        }
        foreach (var group in groups)
        {
            if (types is not null && !Contains(types, group.Type)) continue;
            if (step == 3)
            {
                Prefetch(group);
                continue;
            }
            if (group.OutgoingLength > 0) Sse.Prefetch0(Unsafe.AsPointer(ref group.OutgoingArray[group.OutgoingStart]));
            if (group.IncomingLength > 0) Sse.Prefetch0(Unsafe.AsPointer(ref group.IncomingArray[group.IncomingStart]));
        }
    }

    private static bool Contains(IReadOnlyList<int> types, int type)
    {
        for (var i = 0; i < types.Count; i++)
            if (types[i] == type) return true;
        return false;
    }

    // A prefetch never faults: an address the collector has since moved costs nothing but the hint.
    private static unsafe void Prefetch(object? record)
    {
        if (record is not null) Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref record));
    }
}
