namespace Graph.Storage.Records;

/// <summary>Installing a whole graph from a snapshot, and enumerating the head for writing one.</summary>
internal sealed partial class GraphData
{
    // ------------------------------------------------------------------ bulk load (snapshot)

    /// <summary>Installs a whole graph read from a snapshot into an empty store, building adjacency and indexes in bulk.</summary>
    public void Load(long version, long nextNodeId, long nextRelId, List<(long Id, NodeVersion Node)> nodes, RelColumns rels, long relCount, IndexDefinition[] indexes, ConstraintDefinition[] constraints)
    {
        Version = version;
        NextNodeId = nextNodeId;
        NextRelId = nextRelId;
        NodeHighWater = nextNodeId;
        RelHighWater = nextRelId;
        EnsureCapacity(ref _nodes, nextNodeId);
        foreach (var (id, node) in nodes)
        {
            node.Version = version;
            _nodes[id] = node;
        }
        _rels = rels.Capacity >= 1024 ? rels : rels.Grow(1024);
        NodeCount = nodes.Count;
        RelationshipCount = relCount;
        BuildAllAdjacency(nodes);
        lock (IndexLock)
        {
            foreach (var (id, node) in nodes)
            {
                foreach (var label in node.Labels)
                {
                    if (_labelIndex.TryGetValue(label, out var set)) set.Add(id);
                    else _labelIndex[label] = new IdSet(id);
                }
            }
            lock (_countsLock)
                foreach (var (label, set) in _labelIndex) _labelCounts[label] = set.Count;
            var live = new PropertyIndex[indexes.Length];
            for (var i = 0; i < indexes.Length; i++) live[i] = BuildIndex(indexes[i]);
            Schema = new Schema(indexes, constraints, live);
        }
    }

    private void BuildAllAdjacency(List<(long Id, NodeVersion Node)> nodes)
    {
        // Counting sort of relationship ends by node (CSR), then one pass per node grouping by type.
        var rels = _rels;
        var size = NodeHighWater;
        var offsets = new int[size + 1];
        for (long id = 0; id < RelHighWater; id++)
        {
            if (rels.Created[id] == 0 || rels.Deleted[id] != long.MaxValue) continue;
            offsets[rels.Start[id] + 1]++;
            if (rels.End[id] != rels.Start[id]) offsets[rels.End[id] + 1]++;
        }
        for (var i = 1; i <= size; i++) offsets[i] += offsets[i - 1];
        var entries = new int[offsets[size]];
        var fill = (int[])offsets.Clone();
        for (long id = 0; id < RelHighWater; id++)
        {
            if (rels.Created[id] == 0 || rels.Deleted[id] != long.MaxValue) continue;
            entries[fill[rels.Start[id]]++] = (int)id;
            if (rels.End[id] != rels.Start[id]) entries[fill[rels.End[id]]++] = (int)id;
        }
        var types = new List<int>();
        foreach (var (node, version) in nodes)
        {
            int from = offsets[node], to = offsets[node + 1];
            if (from == to) continue;
            // Distinct types of this node (few), then each group's arrays sized exactly.
            types.Clear();
            for (var i = from; i < to; i++)
                if (!types.Contains(rels.Type[entries[i]])) types.Add(rels.Type[entries[i]]);
            var groups = new RelGroup[types.Count];
            for (var g = 0; g < groups.Length; g++)
            {
                var type = types[g];
                int outCount = 0, inCount = 0, loopCount = 0;
                for (var i = from; i < to; i++)
                {
                    var rel = entries[i];
                    if (rels.Type[rel] != type) continue;
                    if (rels.Start[rel] == rels.End[rel]) loopCount++;
                    else if (rels.Start[rel] == node) outCount++;
                    else inCount++;
                }
                var outgoing = outCount == 0 ? [] : new int[outCount * 2];
                var incoming = inCount == 0 ? [] : new int[inCount * 2];
                var loops = loopCount == 0 ? [] : new int[loopCount];
                int o = 0, n = 0, l = 0;
                for (var i = from; i < to; i++)
                {
                    var rel = entries[i];
                    if (rels.Type[rel] != type) continue;
                    if (rels.Start[rel] == rels.End[rel]) loops[l++] = rel;
                    else if (rels.Start[rel] == node) { outgoing[o++] = rel; outgoing[o++] = rels.End[rel]; }
                    else { incoming[n++] = rel; incoming[n++] = rels.Start[rel]; }
                }
                groups[g] = new RelGroup(type, outgoing, incoming, loops);
            }
            version.Groups = groups;
        }
    }

    /// <summary>Every live node and relationship at the head, for a snapshot (caller holds the write lock).</summary>
    public IEnumerable<(long Id, NodeVersion Node)> HeadNodes()
    {
        var nodes = _nodes;
        for (long id = 0; id < NodeHighWater; id++)
        {
            var node = nodes[id];
            if (node is not null && !node.Deleted) yield return (id, node);
        }
    }

    public IEnumerable<(long Id, RelRecord Rel)> HeadRelationships()
    {
        for (long id = 0; id < RelHighWater; id++)
            if (TryRelHead(id, out var rel)) yield return (id, rel);
    }
}
