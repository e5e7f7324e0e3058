using System.Runtime.InteropServices;
using Graph.Storage.Records;

namespace Graph.Storage.Transactions;

/// <summary>Batched reads: a node's adjacency copied into the caller's list in one call (see <see cref="StorageTransaction.ReadRelationships"/>).</summary>
internal sealed partial class Transaction
{
    public override void ReadRelationships(long node, Direction direction, IReadOnlyList<int>? types, List<RelationshipRef> into)
    {
        Reading();
        if (_overlay is not null)
        {
            // the writer's view: committed groups merged with its own changes (already one list)
            into.AddRange(Relationships(node, direction, types));
            return;
        }
        var version = _data.NodeAt(node, _version);
        if (version is not null) AppendCommitted(version.Groups, node, direction, types, into);
    }

    public override void ReadNeighbours(long node, Direction direction, IReadOnlyList<int>? types, NeighbourList into)
    {
        Reading();
        if (_overlay is not null)
        {
            foreach (var r in Relationships(node, direction, types)) into.Add(r.Id, r.Type, r.OtherEnd(node));
            return;
        }
        var version = _data.NodeAt(node, _version);
        if (version is null) return;
        foreach (var group in version.Groups)
            if (types is null || Contains(types, group.Type)) AppendNeighbours(group, node, direction, into);
    }

    public override void ReadNeighbourNodes(long node, Direction direction, IReadOnlyList<int>? types, NeighbourNodes into)
    {
        Reading();
        if (_overlay is not null)
        {
            foreach (var r in Relationships(node, direction, types)) into.Add(r.OtherEnd(node));
            return;
        }
        var version = _data.NodeAt(node, _version);
        if (version is null) return;
        foreach (var group in version.Groups)
            if (types is null || Contains(types, group.Type)) AppendNeighbourNodes(group, node, direction, into);
    }

    public override int MarkNeighbourNodes(long node, Direction direction, IReadOnlyList<int>? types, SeenNodes seen, long counted, out int met)
    {
        // a writer's view: its merged enumeration, as ReadNeighbourNodes reads it
        if (_overlay is not null) return base.MarkNeighbourNodes(node, direction, types, seen, counted, out met);
        Reading();
        met = 0;
        var version = _data.NodeAt(node, _version);
        if (version is null) return 0;
        var read = 0;
        foreach (var group in version.Groups)
        {
            if (types is not null && !Contains(types, group.Type)) continue;
            // the order of AppendNeighbourNodes: outgoing, incoming, self-loops (the node itself)
            if (direction != Direction.Incoming) met += seen.MarkOthers(group.Outgoing, counted);
            if (direction != Direction.Outgoing) met += seen.MarkOthers(group.Incoming, counted);
            for (var l = 0; l < group.LoopCount; l++) met += seen.MarkAll(new ReadOnlySpan<long>(in node), counted);
            read += group.Count(direction);
        }
        return read;
    }

    public override void ReadNeighbours(long node, Direction firstDirection, IReadOnlyList<int>? firstTypes, NeighbourList first,
        Direction secondDirection, IReadOnlyList<int>? secondTypes, NeighbourList second)
    {
        // a writer's view merges its own changes per call: read as two calls
        if (_overlay is not null)
        {
            base.ReadNeighbours(node, firstDirection, firstTypes, first, secondDirection, secondTypes, second);
            return;
        }
        Reading();
        var version = _data.NodeAt(node, _version);
        if (version is null) return;
        // the node's version and its groups found once; each group goes to each list that asks for its type
        foreach (var group in version.Groups)
        {
            if (firstTypes is null || Contains(firstTypes, group.Type)) AppendNeighbours(group, node, firstDirection, first);
            if (secondTypes is null || Contains(secondTypes, group.Type)) AppendNeighbours(group, node, secondDirection, second);
        }
    }

    /// <summary>A committed group's relationships in <paramref name="direction"/> appended as ids, in the order of <see cref="AppendCommitted"/>.</summary>
    private static void AppendNeighbours(RelGroup group, long node, Direction direction, NeighbourList into)
    {
        var count = group.Count(direction);
        if (count == 0) return;
        var at = into.Extend(count);
        var rels = into.RelationshipsFrom(at, count);
        var others = into.OthersFrom(at, count);
        into.TypesFrom(at, count).Fill(group.Type);
        var i = 0;
        // the order of AppendCommitted: outgoing, incoming, self-loops
        if (direction != Direction.Incoming) i = CopyPairs(group.Outgoing, rels, others, i);
        if (direction != Direction.Outgoing) i = CopyPairs(group.Incoming, rels, others, i);
        foreach (var loop in group.Loops)
        {
            rels[i] = loop;
            others[i++] = node;
        }
    }

    /// <summary>A committed group's far ends in <paramref name="direction"/> appended, in the order of <see cref="AppendNeighbours"/>.</summary>
    private static void AppendNeighbourNodes(RelGroup group, long node, Direction direction, NeighbourNodes into)
    {
        var count = group.Count(direction);
        if (count == 0) return;
        var others = into.From(into.Extend(count), count);
        var i = 0;
        if (direction != Direction.Incoming) i = CopyOthers(group.Outgoing, others, i);
        if (direction != Direction.Outgoing) i = CopyOthers(group.Incoming, others, i);
        for (var l = 0; l < group.Loops.Length; l++) others[i++] = node;
    }

    /// <summary>The other node ids of pairs (relationship id, other node id) copied from <paramref name="i"/>; returns the next index.</summary>
    private static int CopyOthers(ReadOnlySpan<int> pairs, Span<long> others, int i)
    {
        for (var p = 1; p < pairs.Length; p += 2) others[i++] = pairs[p];
        return i;
    }

    public override void ReadNodeProperty(ReadOnlySpan<long> nodes, int key, Span<object?> values)
    {
        Reading();
        // a transaction that has written reads its own overlay first, node by node
        if (_overlay is not null) base.ReadNodeProperty(nodes, key, values);
        else _data.ReadNodeProperty(nodes, _version, key, values);
    }

    public override bool TryMatchNodeStrings(ReadOnlySpan<long> nodes, int key, string value, Span<sbyte> matches)
    {
        Reading();
        // a transaction that has written reads its own overlay: the caller reads the values
        return _overlay is null && _data.TryMatchNodeStrings(nodes, _version, key, value, matches);
    }

    public override bool TryReadNodeStringCodes(ReadOnlySpan<long> nodes, int key, Span<int> codes)
    {
        Reading();
        // a transaction that has written reads its own overlay: the caller reads the values
        return _overlay is null && _data.TryReadNodeStringCodes(nodes, _version, key, codes);
    }

    /// <summary>Pairs (relationship id, other node id) split into the two spans from <paramref name="i"/>; returns the next index.</summary>
    private static int CopyPairs(ReadOnlySpan<int> pairs, Span<long> rels, Span<long> others, int i)
    {
        for (var p = 0; p < pairs.Length; p += 2)
        {
            rels[i] = pairs[p];
            others[i++] = pairs[p + 1];
        }
        return i;
    }

    /// <summary>The committed groups' relationships in the enumeration's order: per group outgoing, incoming, self-loops.</summary>
    private static void AppendCommitted(RelGroup[] groups, long node, Direction direction, IReadOnlyList<int>? types, List<RelationshipRef> into)
    {
        foreach (var group in groups)
        {
            if (types is not null && !Contains(types, group.Type)) continue;
            var at = into.Count;
            // sized once per group, then written through a span: no capacity check per relationship
            CollectionsMarshal.SetCount(into, at + group.Count(direction));
            var target = CollectionsMarshal.AsSpan(into);
            var type = group.Type;
            if (direction != Direction.Incoming)
            {
                var pairs = group.Outgoing;
                for (var i = 0; i < pairs.Length; i += 2) target[at++] = new RelationshipRef(pairs[i], type, node, pairs[i + 1]);
            }
            if (direction != Direction.Outgoing)
            {
                var pairs = group.Incoming;
                for (var i = 0; i < pairs.Length; i += 2) target[at++] = new RelationshipRef(pairs[i], type, pairs[i + 1], node);
            }
            foreach (var loop in group.Loops) target[at++] = new RelationshipRef(loop, type, node, node);
        }
    }
}
