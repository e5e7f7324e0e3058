using Graph.Storage.Values;

namespace Graph.Storage.Records;

/// <summary>
/// The committed graph: version chains per node and relationship (arrays indexed by id), the label index,
/// property indexes and counts. Only commits (serialized by the store's write lock, and applied while the
/// reader registry is locked) mutate it; readers read lock-free except for index lookups under <see cref="IndexLock"/>.
/// </summary>
internal sealed partial class GraphData
{
    private NodeVersion?[] _nodes = new NodeVersion?[1024];
    private RelColumns _rels = new(1024);

    /// <summary>
    /// Guards the label index, property index contents and pending removals. A <see cref="Lock"/>: every seek takes it
    /// once, and its managed fast path costs less than a monitor's call into the runtime.
    /// </summary>
    public readonly Lock IndexLock = new();
    private readonly Dictionary<int, IdSet> _labelIndex = new();
    // Index entries no longer true at the head but possibly needed by a reader of an older version.
    private readonly List<PendingRemoval> _pendingRemovals = [];

    /// <summary>The pool whose record numbers the relationship property column holds (see <see cref="RelPropertyColumn"/>).</summary>
    private PropertyPool RelationshipPool => _rels.Properties.Pool;

    /// <summary>Relationships with equal small property records share one array (see <see cref="PropertyPool"/>); only for loading and commits.</summary>
    public KeyValuePair<int, object>[] ShareRelationshipProperties(KeyValuePair<int, object>[] properties) => RelationshipPool.Share(properties);

    /// <summary>The shared array equal to these (already normalized) properties, if the pool has one; see <see cref="PropertyPool.TryGet"/>.</summary>
    public bool TrySharedRelationshipProperties(ReadOnlySpan<KeyValuePair<int, object>> properties, out KeyValuePair<int, object>[] shared) =>
        RelationshipPool.TryGet(properties, out shared);

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
    public RelColumns Rels => Volatile.Read(ref _rels);

    public NodeVersion? NodeHead(long id)
    {
        var nodes = Nodes;
        if ((ulong)id >= (ulong)nodes.Length) return null;
        var v = Volatile.Read(ref nodes[id]);
        return v is null || v.Deleted ? null : v;
    }

    public bool TryRelHead(long id, out RelRecord rel)
    {
        var rels = Rels;
        if ((ulong)id >= (ulong)rels.Capacity || rels.Created[id] == 0 || rels.Deleted[id] != long.MaxValue)
        {
            rel = default;
            return false;
        }
        rel = new RelRecord(rels.Type[id], rels.Start[id], rels.End[id], rels.PropertiesAt(id, long.MaxValue));
        return true;
    }

    public NodeVersion? NodeAt(long id, long version)
    {
        var nodes = Nodes;
        if ((ulong)id >= (ulong)nodes.Length) return null;
        var v = Volatile.Read(ref nodes[id]);
        while (v is not null && v.Version > version) v = v.Older;
        return v is null || v.Deleted ? null : v;
    }

    public bool TryRelAt(long id, long version, out RelRecord rel)
    {
        var rels = Rels;
        long created;
        if ((ulong)id >= (ulong)rels.Capacity || (created = rels.Created[id]) == 0 || created > version
            || rels.Deleted[id] <= version)
        {
            rel = default;
            return false;
        }
        rel = new RelRecord(rels.Type[id], rels.Start[id], rels.End[id], rels.PropertiesAt(id, version));
        return true;
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

    public void IndexCandidates(PropertyIndex index, ValueKey key, List<long> target, bool holdsWriteLock = false)
    {
        // The write transaction needs no lock: only its own commit changes index contents.
        if (holdsWriteLock) index.CopyTo(key, target);
        else lock (IndexLock) index.CopyTo(key, target);
    }

    /// <summary>As the other overload, for a single-key index and a string (the key <see cref="ValueKey"/> would make of it).</summary>
    public void IndexCandidates(PropertyIndex index, string key, List<long> target, bool holdsWriteLock = false)
    {
        if (holdsWriteLock) index.CopyTo(key, target);
        else lock (IndexLock) index.CopyTo(key, target);
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
        // Only a log written by an older version (64-bit ids) could pass the limit: refused before anything changes.
        if (batch.NextNodeId > StoreLimits.MaxIds) throw StoreLimits.Reached("node", batch.NextNodeId);
        if (batch.NextRelId > StoreLimits.MaxIds) throw StoreLimits.Reached("relationship", batch.NextRelId);
        EnsureCapacity(ref _nodes, Math.Max(batch.NextNodeId, NodeHighWater));
        var relsNeeded = Math.Max(batch.NextRelId, RelHighWater);
        var nodes = _nodes;
        var rels = _rels;

        lock (IndexLock)
        {
            // before any record changes: a column of a key this commit changes must not be reached at its version
            NodesChanging(batch.Nodes, nodes, version);
            ApplyPendingRemovals(oldestReader);
            PruneHistories(nodes, rels, oldestReader);

            // Relationships first, so that adjacency can be rebuilt from their records. The relationships removed per
            // node are rare (a load removes none): a set each, made only when needed.
            var added = _addedByNode;
            added.Clear();
            Dictionary<long, HashSet<long>>? removed = null;
            var nodeRange = Math.Max(batch.NextNodeId, NodeHighWater);
            var grouped = CreatedByEndpoint.Pays(batch.Relationships.CreateCount, nodeRange);
            long firstCreated = long.MaxValue, endCreated = long.MinValue;
            // The last pass over the batch: the transaction's copy of the created relationships is freed as the columns fill.
            foreach (var change in batch.Relationships.Consume())
            {
                var id = change.Id;
                if (id >= rels.Capacity)
                {
                    // Grown as the ids come, not all at once: the new chunks can then reuse the memory of the
                    // transaction's relationship chunks freed behind this loop (a bulk load's columns and its
                    // transaction's list would otherwise both be resident at the end of the loop).
                    if (id >= relsNeeded) throw new StorageCorruptedException($"Commit {version} changes relationship {id}, beyond the ids it was handed ({relsNeeded}).");
                    rels = rels.Grow(Math.Min(relsNeeded, id + ColumnGrowStep));
                    Volatile.Write(ref _rels, rels);
                }
                var exists = rels.Created[id] != 0 && rels.Deleted[id] == long.MaxValue;
                switch (change.Kind)
                {
                    case ChangeKind.Create:
                        if (rels.Created[id] != 0) throw new StorageCorruptedException($"Commit {version} creates relationship {id}, which already exists.");
                        rels.Type[id] = change.Type;
                        rels.Start[id] = (int)change.Start;
                        rels.End[id] = (int)change.End;
                        rels.Properties.Write(id, change.Properties);
                        rels.Created.Set(id, version);
                        if (grouped)
                        {
                            firstCreated = Math.Min(firstCreated, id);
                            endCreated = Math.Max(endCreated, id + 1);
                        }
                        else
                        {
                            added.Add(change.Start, id);
                            if (change.End != change.Start) added.Add(change.End, id);
                        }
                        RelationshipCount++;
                        RelHighWater = Math.Max(RelHighWater, id + 1);
                        break;
                    case ChangeKind.Delete:
                        if (!exists) throw Missing("relationship", id, version);
                        rels.Deleted.Delete(id, version);
                        Removed(ref removed, rels.Start[id]).Add(id);
                        if (rels.End[id] != rels.Start[id]) Removed(ref removed, rels.End[id]).Add(id);
                        RelationshipCount--;
                        break;
                    default:
                        if (!exists) throw Missing("relationship", id, version);
                        PublishProperties(rels, id, RelationshipPool.Share(change.Properties), version, oldestReader);
                        if (rels.Properties.Read(id) is PropertyHistory) _relsWithHistory.Add(id);
                        break;
                }
            }

            // A bulk commit writes the new adjacency lists in one pass over the columns (see CreatedByEndpoint), packing
            // those of nodes that had none into a few large arrays (see RelGroup).
            var created = grouped
                ? CreatedByEndpoint.FromColumns(rels, version, firstCreated, endCreated, nodeRange, node => HadNoAdjacency(nodes, removed, node))
                : null;
            if (grouped && created is null) AddCreated(added, rels, version, firstCreated, endCreated);
            added.Seal();
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
                HashSet<long>? removedHere = null;
                removed?.Remove(change.Id, out removedHere);
                var addedHere = added.Take(change.Id);
                if (!next.Deleted) next.Groups = NewGroups(next.Groups, change.Id, created, addedHere, removedHere, rels);
                UpdateIndexes(schema, change.Id, old, next, version, oldestReader);
                Publish(nodes, change.Id, next, oldestReader);
                if (next.Older is not null) _nodesWithHistory.Add(change.Id);
            }

            // Nodes whose only change is a relationship added or removed.
            for (var cursor = 0; added.NextUntaken(ref cursor, out var id, out var addedHere);)
            {
                HashSet<long>? removedHere = null;
                removed?.Remove(id, out removedHere);
                ApplyAdjacencyOnly(nodes, rels, id, created, addedHere, removedHere, version, oldestReader);
            }
            if (removed is not null)
                foreach (var (id, removedHere) in removed)
                    ApplyAdjacencyOnly(nodes, rels, id, created, [], removedHere, version, oldestReader);
            if (created is not null)
                foreach (var id in created.Remaining())
                    ApplyAdjacencyOnly(nodes, rels, id, created, [], null, version, oldestReader);
            added.Clear();

            foreach (var op in batch.Schema) schema = ApplySchema(schema, op);
            Schema = schema;
        }

        NextNodeId = Math.Max(NextNodeId, batch.NextNodeId);
        NextRelId = Math.Max(NextRelId, batch.NextRelId);
        Volatile.Write(ref Version, version);
    }

    /// <summary>Relationship ids the columns grow by at a time while a commit writes them (4 chunks).</summary>
    private const long ColumnGrowStep = 1 << 18;

    /// <summary>The commit's relationships added per node, reused by every commit (see <see cref="AddedByNode"/>).</summary>
    private readonly AddedByNode _addedByNode = new();

    /// <summary>Whether a bulk commit gives the node packed groups: it has no relationships and loses none in the commit.</summary>
    private static bool HadNoAdjacency(NodeVersion?[] nodes, Dictionary<long, HashSet<long>>? removed, long node)
    {
        var head = node < nodes.Length ? nodes[node] : null;
        if (head is not null && !head.Deleted && head.Groups.Length > 0) return false;
        return removed is null || !removed.ContainsKey(node);
    }

    /// <summary>A grouped commit whose tables would be too large: its created relationships filed per node instead.</summary>
    private static void AddCreated(AddedByNode added, RelColumns rels, long version, long first, long end)
    {
        for (var id = first; id < end; id++)
        {
            if (rels.Created[id] != version) continue;
            added.Add(rels.Start[id], id);
            if (rels.End[id] != rels.Start[id]) added.Add(rels.End[id], id);
        }
    }

    /// <summary>The node's groups after the commit: packed ones built by a bulk commit, or the old ones with the changes applied.</summary>
    private static RelGroup[] NewGroups(RelGroup[] groups, long id, CreatedByEndpoint? created, ReadOnlySpan<long> added, HashSet<long>? removed, RelColumns rels)
    {
        if (created is not null && created.Packs(id))
        {
            var packed = created.TakeGroups(id);
            return packed.Length == 0 ? groups : packed;
        }
        if (created is not null) added = created.Take(id);
        return removed is null && added.IsEmpty ? groups : Adjacency.Apply(groups, id, added, removed, rels);
    }

    /// <summary>A node whose only change in the commit is a relationship added or removed.</summary>
    private void ApplyAdjacencyOnly(NodeVersion?[] nodes, RelColumns rels, long id, CreatedByEndpoint? created, ReadOnlySpan<long> added, HashSet<long>? removed, long version, long oldestReader)
    {
        var head = nodes[id] ?? throw Missing("node", id, version);
        if (oldestReader == long.MaxValue)
        {
            // No reader is open (none can begin while a commit is applied), so nobody can see the head's old
            // adjacency: change it in place instead of publishing a new version of every touched node, and when it only
            // gains relationships of types it has, extend its groups themselves (see RelGroup.ExtendInPlace).
            if (created is null && removed is null && Adjacency.TryExtendInPlace(head.Groups, id, added, rels)) return;
            Volatile.Write(ref head.Groups, NewGroups(head.Groups, id, created, added, removed, rels));
            return;
        }
        var next = new NodeVersion
        {
            Version = version,
            Labels = head.Labels,
            Properties = head.Properties,
            Groups = NewGroups(head.Groups, id, created, added, removed, rels),
        };
        Publish(nodes, id, next, oldestReader);
        if (next.Older is not null) _nodesWithHistory.Add(id);
    }

    private static StorageCorruptedException Missing(string what, long id, long version) =>
        new($"Commit {version} changes {what} {id}, which does not exist.");

    private static HashSet<long> Removed(ref Dictionary<long, HashSet<long>>? removed, long node)
    {
        removed ??= new Dictionary<long, HashSet<long>>();
        if (!removed.TryGetValue(node, out var set)) removed[node] = set = [];
        return set;
    }

    // Records whose older versions were kept for open readers; pruned by later commits once those readers are gone.
    private List<long> _nodesWithHistory = [];
    private List<long> _relsWithHistory = [];

    private void PruneHistories(NodeVersion?[] nodes, RelColumns rels, long oldestReader)
    {
        if (_nodesWithHistory.Count > 0)
        {
            var still = new List<long>();
            foreach (var id in _nodesWithHistory)
            {
                for (var v = nodes[id]; v is not null; v = v.Older)
                    if (v.Version <= oldestReader) { v.Older = null; break; }
                if (nodes[id]?.Older is not null) still.Add(id);
            }
            _nodesWithHistory = still;
        }
        if (_relsWithHistory.Count > 0)
        {
            var still = new List<long>();
            foreach (var id in _relsWithHistory)
            {
                if (rels.Properties.Read(id) is not PropertyHistory head) continue;
                if (head.Version <= oldestReader)
                {
                    rels.Properties.Write(id, head.Properties); // nobody needs the history any more
                    continue;
                }
                for (var h = head; h is not null; h = h.Older)
                    if (h.Version <= oldestReader) { h.Older = null; break; }
                still.Add(id);
            }
            _relsWithHistory = still;
        }
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

    private static void PublishProperties(RelColumns rels, long id, KeyValuePair<int, object>[] properties, long version, long oldestReader)
    {
        var current = rels.Properties.Read(id);
        if (oldestReader >= version)
        {
            rels.Properties.Write(id, properties);
            return;
        }
        // An open reader may still need the older values: keep them in a history, newest first.
        var older = current as PropertyHistory ?? new PropertyHistory(0, (KeyValuePair<int, object>[])current!, null);
        for (var h = older; h is not null; h = h.Older)
            if (h.Version <= oldestReader) { h.Older = null; break; }
        rels.Properties.Write(id, new PropertyHistory(version, properties, older));
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

}
