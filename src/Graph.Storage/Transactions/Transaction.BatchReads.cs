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
