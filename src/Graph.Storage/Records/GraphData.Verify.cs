using Graph.Storage.Values;

namespace Graph.Storage.Records;

/// <summary>Consistency checks of the committed head, for <c>graph check</c> (see <see cref="StoreCheck"/>).</summary>
internal sealed partial class GraphData
{
    /// <summary>
    /// Checks what the store serves against its own records: relationships join existing nodes; every node's adjacency
    /// lists exactly its relationships; the label index, label counts, property indexes and unique constraints agree
    /// with the nodes; counts and id marks agree; every token id used exists. Calls <paramref name="report"/> per problem.
    /// Call it on a store no one else uses (a loaded copy, under the directory's lock).
    /// </summary>
    public void Verify(TokenRegistry tokens, Action<string> report)
    {
        var labelNames = tokens.AllLabels.Count;
        var typeNames = tokens.AllRelationshipTypes.Count;
        var keyNames = tokens.AllPropertyKeys.Count;
        var rels = _rels;

        // Relationships: ends exist, type and property keys are known tokens; count them.
        long liveRels = 0;
        for (long id = 0; id < RelHighWater; id++)
        {
            if (!TryRelHead(id, out var rel)) continue;
            liveRels++;
            if (rel.Type < 0 || rel.Type >= typeNames) report($"relationship {id} has type id {rel.Type}, which is not a known relationship type");
            foreach (var end in new[] { rel.Start, rel.End })
                if (NodeHead(end) is null) report($"relationship {id} joins node {end}, which does not exist");
            CheckKeys(rel.Properties, keyNames, $"relationship {id}", report);
        }
        if (RelHighWater > NextRelId) report($"relationship ids reach {RelHighWater - 1} but the next id to hand out is {NextRelId}");
        if (liveRels != RelationshipCount) report($"the store counts {RelationshipCount} relationships but holds {liveRels}");

        // Adjacency: each entry is a live relationship of that node, type and direction, listed once; each
        // relationship is listed at both ends.
        // One bit per relationship id (a hash set of millions of ids would cost hundreds of megabytes).
        var listedOut = new System.Collections.BitArray((int)Math.Min(RelHighWater, Array.MaxLength));
        var listedIn = new System.Collections.BitArray(listedOut.Length);
        long liveNodes = 0;
        var labelTally = new Dictionary<int, long>();
        for (long id = 0; id < NodeHighWater; id++)
        {
            var node = NodeHead(id);
            if (node is null) continue;
            liveNodes++;
            foreach (var label in node.Labels)
            {
                if (label < 0 || label >= labelNames) report($"node {id} has label id {label}, which is not a known label");
                labelTally[label] = labelTally.GetValueOrDefault(label) + 1;
                if (!_labelIndex.TryGetValue(label, out var set) || !set.Contains(id))
                    report($"node {id} has label {Name(tokens.AllLabels, label)} but the label index does not list it");
            }
            CheckKeys(node.Properties, keyNames, $"node {id}", report);
            foreach (var group in node.Groups)
            {
                var outgoing = group.Outgoing;
                for (var i = 0; i < outgoing.Length; i += 2)
                    CheckEntry(id, group.Type, outgoing[i], id, outgoing[i + 1], listedOut, "outgoing", report);
                var incoming = group.Incoming;
                for (var i = 0; i < incoming.Length; i += 2)
                    CheckEntry(id, group.Type, incoming[i], incoming[i + 1], id, listedIn, "incoming", report);
                foreach (var loop in group.Loops)
                {
                    CheckEntry(id, group.Type, loop, id, id, listedOut, "self-loop", report);
                    if (loop >= 0 && loop < listedIn.Length) listedIn[loop] = true;
                }
            }
        }
        if (NodeHighWater > NextNodeId) report($"node ids reach {NodeHighWater - 1} but the next id to hand out is {NextNodeId}");
        if (liveNodes != NodeCount) report($"the store counts {NodeCount} nodes but holds {liveNodes}");
        for (long id = 0; id < RelHighWater; id++)
        {
            if (!TryRelHead(id, out var rel)) continue;
            if (id >= listedOut.Length) break;
            if (!listedOut[(int)id]) report($"relationship {id} is missing from the adjacency of its start node {rel.Start}");
            if (!listedIn[(int)id]) report($"relationship {id} is missing from the adjacency of its end node {rel.End}");
        }

        // The label index and counts.
        foreach (var (label, set) in _labelIndex)
        {
            var listed = new List<long>();
            set.CopyTo(listed);
            foreach (var id in listed)
                if (NodeHead(id) is not { } node || !node.HasLabel(label))
                    report($"the label index lists node {id} under {Name(tokens.AllLabels, label)}, which it does not have");
        }
        lock (_countsLock)
        {
            foreach (var label in labelTally.Keys.Union(_labelCounts.Keys))
                if (labelTally.GetValueOrDefault(label) != _labelCounts.GetValueOrDefault(label))
                    report($"the store counts {_labelCounts.GetValueOrDefault(label)} nodes with label {Name(tokens.AllLabels, label)} but holds {labelTally.GetValueOrDefault(label)}");
        }

        // Property indexes hold every node they should; unique constraints hold.
        foreach (var index in Schema.Live)
        {
            if (!_labelIndex.TryGetValue(index.Label, out var set)) continue;
            var ids = new List<long>();
            set.CopyTo(ids);
            var found = new List<long>();
            foreach (var id in ids)
            {
                if (NodeHead(id) is not { } node || !node.HasLabel(index.Label) || !index.TryKey(node.Properties, out var key)) continue;
                found.Clear();
                index.CopyTo(key, found);
                if (!found.Contains(id)) report($"index '{index.Definition.Name}' does not list node {id}, whose values it covers");
            }
        }
        foreach (var constraint in Schema.Constraints)
        {
            if (!_labelIndex.TryGetValue(constraint.Label, out var set)) continue;
            var ids = new List<long>();
            set.CopyTo(ids);
            var keys = constraint.PropertyKeys.ToArray();
            var values = new object?[keys.Length];
            var seen = new Dictionary<ValueKey, long>();
            foreach (var id in ids)
            {
                if (NodeHead(id) is not { } node || !node.HasLabel(constraint.Label)) continue;
                for (var i = 0; i < keys.Length; i++) values[i] = PropertyArrays.Get(node.Properties, keys[i]);
                if (!PropertyIndex.TryKeyOfValues(values, out var key)) continue;
                if (seen.TryAdd(key, id)) continue;
                report($"constraint '{constraint.Name}' is violated: nodes {seen[key]} and {id} share its values");
            }
        }
    }

    private void CheckEntry(long node, int type, long relId, long start, long end, System.Collections.BitArray listed, string what, Action<string> report)
    {
        if (!TryRelHead(relId, out var rel))
        {
            report($"node {node} lists {what} relationship {relId}, which does not exist");
            return;
        }
        if (rel.Type != type || rel.Start != start || rel.End != end)
            report($"node {node} lists {what} relationship {relId} as ({start})-[type {type}]->({end}), but it is ({rel.Start})-[type {rel.Type}]->({rel.End})");
        if (relId >= listed.Length) return;
        if (listed[(int)relId]) report($"relationship {relId} is listed twice as {what}");
        listed[(int)relId] = true;
    }

    private static void CheckKeys(KeyValuePair<int, object>[] properties, int keyNames, string owner, Action<string> report)
    {
        foreach (var (key, _) in properties)
            if (key < 0 || key >= keyNames) report($"{owner} has property key id {key}, which is not a known property key");
    }

    private static string Name(IReadOnlyList<string> names, int id) => id >= 0 && id < names.Count ? $"`{names[id]}`" : $"#{id}";
}
