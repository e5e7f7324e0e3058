namespace Graph.Storage.Records;

/// <summary>Installing a whole graph from a snapshot, and enumerating the head for writing one.</summary>
internal sealed partial class GraphData
{
    // ------------------------------------------------------------------ bulk load (snapshot)

    /// <summary>Installs a whole graph read from a snapshot into an empty store, building adjacency and indexes in bulk.</summary>
    public void Load(long version, long nextNodeId, long nextRelId, List<(long Id, NodeVersion Node)> nodes, RelColumns rels, long relCount, IndexDefinition[] indexes, ConstraintDefinition[] constraints)
    {
        Version = version;
        _nodesChangedAt = version;
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
        // Each node's groups packed into a few large arrays (see RelGroup), types and entries in id order.
        var arena = new AdjacencyArena();
        var scratch = new long[16];
        foreach (var (node, version) in nodes)
        {
            int from = offsets[node], to = offsets[node + 1];
            if (from == to) continue;
            if (to - from > scratch.Length) scratch = new long[Math.Max(to - from, scratch.Length * 2)];
            for (var i = from; i < to; i++) scratch[i - from] = entries[i];
            version.Groups = Adjacency.Packed(node, scratch.AsSpan(0, to - from), rels, arena);
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
