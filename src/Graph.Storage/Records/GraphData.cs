using Graph.Storage.Values;

namespace Graph.Storage.Records;

/// <summary>
/// The committed graph: version chains per node and relationship (arrays indexed by id), the label index,
/// property indexes and counts. Only commits (serialized by the store's write lock, and applied while the
/// reader registry is locked) mutate it; readers read lock-free except for index lookups under <see cref="IndexLock"/>.
/// </summary>
internal sealed class GraphData
{
    private NodeVersion?[] _nodes = new NodeVersion?[1024];
    private RelVersion?[] _rels = new RelVersion?[1024];

    /// <summary>Guards the label index, property index contents and pending removals.</summary>
    public readonly object IndexLock = new();
    private readonly Dictionary<int, IdSet> _labelIndex = new();
    // Index entries no longer true at the head but possibly needed by a reader of an older version.
    private readonly List<PendingRemoval> _pendingRemovals = [];

    private readonly object _countsLock = new();
    private readonly Dictionary<int, long> _labelCounts = new();

    public long NodeCount;
    public long RelationshipCount;
    /// <summary>Highest committed version; readers take it as their snapshot.</summary>
    public long Version;
    /// <summary>Ids below these have been handed out (committed or not); ids are never reused while open.</summary>
    public long NextNodeId;
    public long NextRelId;
    /// <summary>Committed ids are below these marks.</summary>
    public long NodeHighWater;
    public long RelHighWater;
    public Schema Schema = Schema.Empty;

    public NodeVersion?[] Nodes => Volatile.Read(ref _nodes);
    public RelVersion?[] Rels => Volatile.Read(ref _rels);

    public NodeVersion? NodeHead(long id)
    {
        var nodes = Nodes;
        if ((ulong)id >= (ulong)nodes.Length) return null;
        var v = Volatile.Read(ref nodes[id]);
        return v is null || v.Deleted ? null : v;
    }

    public RelVersion? RelHead(long id)
    {
        var rels = Rels;
        if ((ulong)id >= (ulong)rels.Length) return null;
        var v = Volatile.Read(ref rels[id]);
        return v is null || v.Deleted ? null : v;
    }

    public NodeVersion? NodeAt(long id, long version)
    {
        var nodes = Nodes;
        if ((ulong)id >= (ulong)nodes.Length) return null;
        var v = Volatile.Read(ref nodes[id]);
        while (v is not null && v.Version > version) v = v.Older;
        return v is null || v.Deleted ? null : v;
    }

    public RelVersion? RelAt(long id, long version)
    {
        var rels = Rels;
        if ((ulong)id >= (ulong)rels.Length) return null;
        var v = Volatile.Read(ref rels[id]);
        while (v is not null && v.Version > version) v = v.Older;
        return v is null || v.Deleted ? null : v;
    }

    public long CountNodesWithLabel(int label)
    {
        lock (_countsLock) return _labelCounts.TryGetValue(label, out var count) ? count : 0;
    }

    public void LabelCandidates(int label, List<long> target)
    {
        lock (IndexLock)
            if (_labelIndex.TryGetValue(label, out var set)) set.CopyTo(target);
    }

    public void IndexCandidates(PropertyIndex index, ValueKey key, List<long> target)
    {
        lock (IndexLock) index.CopyTo(key, target);
    }

    // ------------------------------------------------------------------ applying a commit

    /// <summary>
    /// Applies one committed batch and publishes it as <see cref="CommitBatch.Version"/>.
    /// <paramref name="oldestReader"/> is the oldest version an open reader sees (long.MaxValue when none):
    /// older record versions and index entries are kept only as long as such a reader may need them.
    /// </summary>
    public void Apply(CommitBatch batch, long oldestReader)
    {
        var version = batch.Version;
        EnsureCapacity(ref _nodes, Math.Max(batch.NextNodeId, NodeHighWater));
        EnsureCapacity(ref _rels, Math.Max(batch.NextRelId, RelHighWater));
        var nodes = _nodes;
        var rels = _rels;

        lock (IndexLock)
        {
            ApplyPendingRemovals(oldestReader);

            // Relationships first, so that adjacency can be rebuilt from their records.
            var adjacency = new Dictionary<long, AdjacencyDelta>();
            foreach (var change in batch.Relationships)
            {
                var head = rels[change.Id];
                RelVersion next;
                switch (change.Kind)
                {
                    case ChangeKind.Create:
                        next = new RelVersion { Version = version, Type = change.Type, Start = change.Start, End = change.End, Properties = change.Properties };
                        Delta(adjacency, change.Start).Add(change.Id);
                        if (change.End != change.Start) Delta(adjacency, change.End).Add(change.Id);
                        RelationshipCount++;
                        RelHighWater = Math.Max(RelHighWater, change.Id + 1);
                        break;
                    case ChangeKind.Delete:
                        if (head is null || head.Deleted) throw Missing("relationship", change.Id, version);
                        next = new RelVersion { Version = version, Deleted = true, Type = head.Type, Start = head.Start, End = head.End };
                        Delta(adjacency, head.Start).Remove(change.Id);
                        if (head.End != head.Start) Delta(adjacency, head.End).Remove(change.Id);
                        RelationshipCount--;
                        break;
                    default:
                        if (head is null || head.Deleted) throw Missing("relationship", change.Id, version);
                        next = new RelVersion { Version = version, Type = head.Type, Start = head.Start, End = head.End, Properties = change.Properties };
                        break;
                }
                Publish(rels, change.Id, next, oldestReader);
            }

            var schema = Schema;
            foreach (var change in batch.Nodes)
            {
                var head = nodes[change.Id];
                var old = head is null || head.Deleted ? null : head;
                NodeVersion next;
                switch (change.Kind)
                {
                    case ChangeKind.Create:
                        next = new NodeVersion { Version = version, Labels = change.Labels, Properties = change.Properties };
                        NodeCount++;
                        NodeHighWater = Math.Max(NodeHighWater, change.Id + 1);
                        break;
                    case ChangeKind.Delete:
                        if (old is null) throw Missing("node", change.Id, version);
                        next = new NodeVersion { Version = version, Deleted = true };
                        NodeCount--;
                        break;
                    default:
                        if (old is null) throw Missing("node", change.Id, version);
                        next = new NodeVersion { Version = version, Labels = change.Labels, Properties = change.Properties, Groups = old.Groups };
                        break;
                }
                if (adjacency.Remove(change.Id, out var delta) && !next.Deleted)
                    next.Groups = Adjacency.Apply(next.Groups, change.Id, delta.Added, delta.Removed, rels);
                UpdateIndexes(schema, change.Id, old, next, version, oldestReader);
                Publish(nodes, change.Id, next, oldestReader);
            }

            // Nodes whose only change is a relationship added or removed.
            foreach (var (id, delta) in adjacency)
            {
                var head = nodes[id] ?? throw Missing("node", id, version);
                var next = new NodeVersion
                {
                    Version = version,
                    Labels = head.Labels,
                    Properties = head.Properties,
                    Groups = Adjacency.Apply(head.Groups, id, delta.Added, delta.Removed, rels),
                };
                Publish(nodes, id, next, oldestReader);
            }

            foreach (var op in batch.Schema) schema = ApplySchema(schema, op);
            Schema = schema;
        }

        NextNodeId = Math.Max(NextNodeId, batch.NextNodeId);
        NextRelId = Math.Max(NextRelId, batch.NextRelId);
        Volatile.Write(ref Version, version);
    }

    private static StorageCorruptedException Missing(string what, long id, long version) =>
        new($"Commit {version} changes {what} {id}, which does not exist.");

    private static AdjacencyDelta Delta(Dictionary<long, AdjacencyDelta> deltas, long node)
    {
        if (!deltas.TryGetValue(node, out var delta)) deltas[node] = delta = new AdjacencyDelta();
        return delta;
    }

    private sealed class AdjacencyDelta
    {
        public List<long>? Added;
        public HashSet<long>? Removed;
        public void Add(long rel) => (Added ??= []).Add(rel);
        public void Remove(long rel) => (Removed ??= []).Add(rel);
    }

    private static void Publish(NodeVersion?[] array, long id, NodeVersion next, long oldestReader)
    {
        var head = array[id];
        if (head is not null && oldestReader < next.Version)
        {
            next.Older = head;
            // Keep the newest version the oldest reader can see; nobody needs anything older.
            for (var v = head; v is not null; v = v.Older)
                if (v.Version <= oldestReader) { v.Older = null; break; }
        }
        Volatile.Write(ref array[id], next);
    }

    private static void Publish(RelVersion?[] array, long id, RelVersion next, long oldestReader)
    {
        var head = array[id];
        if (head is not null && oldestReader < next.Version)
        {
            next.Older = head;
            for (var v = head; v is not null; v = v.Older)
                if (v.Version <= oldestReader) { v.Older = null; break; }
        }
        Volatile.Write(ref array[id], next);
    }

    private static void EnsureCapacity<T>(ref T[] array, long needed) where T : class?
    {
        if (needed <= array.Length) return;
        var size = (long)array.Length;
        while (size < needed) size *= 2;
        var grown = new T[size];
        Array.Copy(array, grown, array.Length);
        // Readers holding the old array still see every version up to the one being applied.
        Volatile.Write(ref array, grown);
    }

    // ------------------------------------------------------------------ indexes

    private void UpdateIndexes(Schema schema, long id, NodeVersion? old, NodeVersion next, long version, long oldestReader)
    {
        var oldLabels = old?.Labels ?? [];
        var newLabels = next.Deleted ? [] : next.Labels;
        var removeNow = oldestReader >= version;
        foreach (var label in oldLabels)
        {
            if (Array.IndexOf(newLabels, label) >= 0) continue;
            ChangeLabelCount(label, -1);
            if (removeNow) RemoveLabelEntry(label, id);
            else _pendingRemovals.Add(new PendingRemoval(version, label, null, default, id));
        }
        foreach (var label in newLabels)
        {
            if (Array.IndexOf(oldLabels, label) >= 0) continue;
            ChangeLabelCount(label, 1);
            if (_labelIndex.TryGetValue(label, out var set)) set.Add(id);
            else _labelIndex[label] = new IdSet(id);
        }
        foreach (var index in schema.Live)
        {
            ValueKey oldKey = default, newKey = default;
            var hadKey = old is not null && old.HasLabel(index.Label) && index.TryKey(old.Properties, out oldKey);
            var hasKey = !next.Deleted && next.HasLabel(index.Label) && index.TryKey(next.Properties, out newKey);
            if (hadKey && hasKey && oldKey.Equals(newKey)) continue;
            if (hadKey)
            {
                if (removeNow) index.Remove(oldKey, id);
                else _pendingRemovals.Add(new PendingRemoval(version, index.Label, index, oldKey, id));
            }
            if (hasKey) index.Add(newKey, id);
        }
    }

    private void RemoveLabelEntry(int label, long id)
    {
        if (!_labelIndex.TryGetValue(label, out var set)) return;
        set.Remove(id);
        if (set.Count == 0) _labelIndex.Remove(label);
    }

    private void ChangeLabelCount(int label, long delta)
    {
        lock (_countsLock)
        {
            _labelCounts.TryGetValue(label, out var count);
            _labelCounts[label] = count + delta;
        }
    }

    private readonly record struct PendingRemoval(long Version, int Label, PropertyIndex? Index, ValueKey Key, long Node);

    private void ApplyPendingRemovals(long oldestReader)
    {
        if (_pendingRemovals.Count == 0) return;
        var kept = 0;
        for (var i = 0; i < _pendingRemovals.Count; i++)
        {
            var removal = _pendingRemovals[i];
            if (removal.Version > oldestReader)
            {
                _pendingRemovals[kept++] = removal;
                continue;
            }
            // The entry may have become true again in a later version that someone can still see.
            if (AnyRetainedVersionMatches(removal)) continue;
            if (removal.Index is null) RemoveLabelEntry(removal.Label, removal.Node);
            else removal.Index.Remove(removal.Key, removal.Node);
        }
        _pendingRemovals.RemoveRange(kept, _pendingRemovals.Count - kept);
    }

    private bool AnyRetainedVersionMatches(PendingRemoval removal)
    {
        for (var v = _nodes[removal.Node]; v is not null; v = v.Older)
        {
            if (v.Deleted || !v.HasLabel(removal.Label)) continue;
            if (removal.Index is null) return true;
            if (removal.Index.TryKey(v.Properties, out var key) && key.Equals(removal.Key)) return true;
        }
        return false;
    }

    private Schema ApplySchema(Schema schema, SchemaOp op)
    {
        var indexes = schema.Indexes.ToList();
        var constraints = schema.Constraints.ToList();
        var live = schema.Live.ToList();
        switch (op.Kind)
        {
            case SchemaOpKind.CreateIndex:
                indexes.Add(op.Index!);
                live.Add(BuildIndex(op.Index!));
                break;
            case SchemaOpKind.CreateConstraint:
                constraints.Add(op.Constraint!);
                indexes.Add(op.Index!);
                live.Add(BuildIndex(op.Index!));
                break;
            case SchemaOpKind.DropIndex:
            case SchemaOpKind.DropConstraint:
                if (op.Kind == SchemaOpKind.DropConstraint) constraints.RemoveAll(c => c.Name == op.Name);
                for (var i = indexes.Count - 1; i >= 0; i--)
                {
                    var matches = op.Kind == SchemaOpKind.DropIndex ? indexes[i].Name == op.Name : indexes[i].ConstraintName == op.Name;
                    if (!matches) continue;
                    indexes.RemoveAt(i);
                    live.RemoveAt(i);
                }
                break;
        }
        return new Schema(indexes.ToArray(), constraints.ToArray(), live.ToArray());
    }

    /// <summary>Builds an index over the committed head (called under IndexLock, after the batch's data changes).</summary>
    private PropertyIndex BuildIndex(IndexDefinition definition)
    {
        var index = new PropertyIndex(definition);
        if (!_labelIndex.TryGetValue(definition.Label, out var set)) return index;
        var candidates = new List<long>(set.Count);
        set.CopyTo(candidates);
        foreach (var id in candidates)
        {
            var node = NodeHead(id);
            if (node is null || !node.HasLabel(definition.Label)) continue;
            if (index.TryKey(node.Properties, out var key)) index.Add(key, id);
        }
        return index;
    }

    // ------------------------------------------------------------------ bulk load (snapshot)

    /// <summary>Installs a whole graph read from a snapshot into an empty store, building adjacency and indexes in bulk.</summary>
    public void Load(long version, long nextNodeId, long nextRelId, List<(long Id, NodeVersion Node)> nodes, List<(long Id, RelVersion Rel)> rels, IndexDefinition[] indexes, ConstraintDefinition[] constraints)
    {
        Version = version;
        NextNodeId = nextNodeId;
        NextRelId = nextRelId;
        NodeHighWater = nextNodeId;
        RelHighWater = nextRelId;
        EnsureCapacity(ref _nodes, nextNodeId);
        EnsureCapacity(ref _rels, nextRelId);
        foreach (var (id, node) in nodes)
        {
            node.Version = version;
            _nodes[id] = node;
        }
        foreach (var (id, rel) in rels)
        {
            rel.Version = version;
            _rels[id] = rel;
        }
        NodeCount = nodes.Count;
        RelationshipCount = rels.Count;
        BuildAllAdjacency(nodes, rels);
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

    private void BuildAllAdjacency(List<(long Id, NodeVersion Node)> nodes, List<(long Id, RelVersion Rel)> rels)
    {
        // Counting sort of relationship ends by node (CSR), then one pass per node grouping by type.
        var size = NodeHighWater;
        var offsets = new int[size + 1];
        foreach (var (_, rel) in rels)
        {
            offsets[rel.Start + 1]++;
            if (rel.End != rel.Start) offsets[rel.End + 1]++;
        }
        for (var i = 1; i <= size; i++) offsets[i] += offsets[i - 1];
        var entries = new long[offsets[size]];
        var fill = (int[])offsets.Clone();
        foreach (var (id, rel) in rels)
        {
            entries[fill[rel.Start]++] = id;
            if (rel.End != rel.Start) entries[fill[rel.End]++] = id;
        }
        var builders = new Dictionary<int, (List<long> Out, List<long> In, List<long> Loops)>();
        foreach (var (id, node) in nodes)
        {
            int from = offsets[id], to = offsets[id + 1];
            if (from == to) continue;
            builders.Clear();
            for (var i = from; i < to; i++)
            {
                var rel = _rels[entries[i]]!;
                if (!builders.TryGetValue(rel.Type, out var b)) builders[rel.Type] = b = ([], [], []);
                if (rel.Start == rel.End) b.Loops.Add(entries[i]);
                else if (rel.Start == id) { b.Out.Add(entries[i]); b.Out.Add(rel.End); }
                else { b.In.Add(entries[i]); b.In.Add(rel.Start); }
            }
            var groups = new RelGroup[builders.Count];
            var g = 0;
            foreach (var (type, b) in builders) groups[g++] = new RelGroup(type, b.Out.ToArray(), b.In.ToArray(), b.Loops.ToArray());
            node.Groups = groups;
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

    public IEnumerable<(long Id, RelVersion Rel)> HeadRelationships()
    {
        var rels = _rels;
        for (long id = 0; id < RelHighWater; id++)
        {
            var rel = rels[id];
            if (rel is not null && !rel.Deleted) yield return (id, rel);
        }
    }
}
