using Graph.Storage.Records;
using Graph.Storage.Values;

namespace Graph.Storage.Transactions;

/// <summary>
/// A transaction. A read transaction reads the committed version current when it began (a snapshot). A write
/// transaction takes its snapshot at its first read and the single write lock at its first write, so one that is
/// idle, only reads, or is abandoned before writing blocks no writer. Holding the lock, it reads the latest committed
/// state (no other commit can happen meanwhile) through its own <see cref="Overlay"/>. If it read an older state
/// than the latest when it takes the lock, what it read may be stale and writing on it could lose another
/// transaction's update, so the first write fails with <see cref="TransactionOutdatedException"/> (retry the
/// transaction); one that wrote before reading anything just moves to the latest state (docs/decisions.md).
/// </summary>
internal sealed partial class Transaction : StorageTransaction
{
    private readonly GraphStore _store;
    private readonly GraphData _data;
    private readonly bool _writable;
    private long _version;
    private Schema _schema;
    // The store's reader registry counts this transaction here while it reads _version (which keeps that version's
    // records alive for it); null when not counted.
    private ReaderEpoch? _epoch;
    // Null until the first write takes the write lock (and again after a rollback to a savepoint taken before it).
    private Overlay? _overlay;
    // Savepoints taken before the first write: they all stand for "nothing written yet".
    private int _savepointsBeforeWrite;
    // Whether anything was read (what was read can go stale once the write lock is given back).
    private bool _hasRead;
    private bool _open = true;

    /// <summary>A read transaction counted in <paramref name="epoch"/>, or a write transaction with no snapshot yet (null).</summary>
    public Transaction(GraphStore store, GraphData data, bool write, ReaderEpoch? epoch)
    {
        _store = store;
        _data = data;
        _writable = write;
        _epoch = epoch;
        _version = epoch?.Version ?? -1;
        _schema = epoch?.Schema ?? Schema.Empty;
    }

    /// <summary>The version this transaction reads while it does not hold the write lock.</summary>
    public long SnapshotVersion => _version;
    /// <summary>Where the store's reader registry counts this transaction at <see cref="SnapshotVersion"/>, or null when it does not.</summary>
    public ReaderEpoch? Epoch => _epoch;
    public bool HoldsWriteLock => _overlay is not null;
    public override bool IsWrite => _writable;
    public override bool IsOpen => _open;

    private void EnsureOpen()
    {
        if (!_open) throw new InvalidOperationException("The transaction is closed (committed, rolled back or disposed).");
    }

    /// <summary>Every read starts here: a write transaction that has neither read nor written takes its snapshot now.</summary>
    private void Reading()
    {
        EnsureOpen();
        _hasRead = true;
        if (_overlay is null && _epoch is null) _store.TakeSnapshot(this);
    }

    public override void LockForWriting()
    {
        EnsureOpen();
        Writable();
    }

    /// <summary>Takes the write lock (waiting in line) and moves this transaction's view to the latest committed state.</summary>
    private Overlay TakeWriteLock()
    {
        _store.EnterWriteLock(this);
        _epoch = null;
        _version = _data.Version;
        _schema = _data.Schema;
        var overlay = new Overlay(_schema);
        for (var i = 0; i < _savepointsBeforeWrite; i++)
            overlay.Savepoints.Add(new Savepoint(0, _data.NextNodeId, _data.NextRelId, BeforeFirstWrite: true));
        return _overlay = overlay;
    }

    /// <summary>Called by the store when its reader registry has counted this transaction in <paramref name="epoch"/>.</summary>
    internal void ReadAt(ReaderEpoch epoch)
    {
        _epoch = epoch;
        _version = epoch.Version;
        _schema = epoch.Schema;
    }

    // ------------------------------------------------------------------ entity views

    private bool TryNode(long id, out int[] labels, out KeyValuePair<int, object>[] properties)
    {
        if (_overlay is not null && _overlay.Nodes.TryGetValue(id, out var state))
        {
            labels = state.Labels;
            properties = state.Properties;
            return !state.Deleted;
        }
        var version = _overlay is null ? _data.NodeAt(id, _version) : _data.NodeHead(id);
        labels = version?.Labels ?? [];
        properties = version?.Properties ?? [];
        return version is not null;
    }

    private bool TryRel(long id, out RelationshipRef rel, out KeyValuePair<int, object>[] properties)
    {
        if (_overlay is not null)
        {
            ref var state = ref _overlay.RelationshipState(id);
            if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref state))
            {
                rel = new RelationshipRef(id, state.Type, state.Start, state.End);
                properties = state.Properties;
                return !state.Deleted && !state.Absent;
            }
        }
        var found = _overlay is null ? _data.TryRelAt(id, _version, out var record) : _data.TryRelHead(id, out record);
        rel = found ? new RelationshipRef(id, record.Type, record.Start, record.End) : default;
        properties = found ? record.Properties : [];
        return found;
    }

    // ------------------------------------------------------------------ nodes

    public override IEnumerable<long> AllNodes()
    {
        Reading();
        // Nodes created while iterating are not visited (ids above the mark taken now).
        var end = _overlay is null ? _data.NodeHighWater : _data.NextNodeId;
        return Iterate(end);

        IEnumerable<long> Iterate(long end)
        {
            for (long id = 0; id < end; id++)
                if (TryNode(id, out _, out _)) yield return id;
        }
    }

    public override IEnumerable<long> NodesWithLabel(int label)
    {
        Reading();
        var candidates = new List<long>();
        _data.LabelCandidates(label, candidates);
        if (_overlay is not null && _overlay.LabelCandidates.TryGetValue(label, out var extra) && extra.Count > 0)
            candidates = Distinct(candidates, extra);
        return Filter(candidates, label);

        IEnumerable<long> Filter(List<long> ids, int label)
        {
            foreach (var id in ids)
                if (TryNode(id, out var labels, out _) && Array.IndexOf(labels, label) >= 0) yield return id;
        }
    }

    public override void ReadNodesWithLabel(int label, List<long> into)
    {
        // a writer's view adds its own candidates: as the enumeration
        if (_overlay is not null)
        {
            base.ReadNodesWithLabel(label, into);
            return;
        }
        Reading();
        var from = into.Count;
        _data.LabelCandidates(label, into);
        // the candidates this version holds, kept in place (as the enumeration's filter)
        var kept = from;
        for (var i = from; i < into.Count; i++)
        {
            var id = into[i];
            if (TryNode(id, out var labels, out _) && Array.IndexOf(labels, label) >= 0) into[kept++] = id;
        }
        into.RemoveRange(kept, into.Count - kept);
    }

    private static List<long> Distinct(List<long> first, List<long> second)
    {
        if (first.Count + second.Count <= 16)
        {
            foreach (var id in second)
                if (!first.Contains(id)) first.Add(id);
            return first;
        }
        var seen = new HashSet<long>(first);
        foreach (var id in second)
            if (seen.Add(id)) first.Add(id);
        return first;
    }

    public override bool NodeExists(long node)
    {
        Reading();
        return TryNode(node, out _, out _);
    }

    public override IReadOnlyList<int> NodeLabels(long node)
    {
        Reading();
        TryNode(node, out var labels, out _);
        return labels;
    }

    public override bool NodeHasLabel(long node, int label)
    {
        Reading();
        return TryNode(node, out var labels, out _) && Array.IndexOf(labels, label) >= 0;
    }

    public override void PrefetchNode(long node, int step)
    {
        // a transaction that has written reads its own overlay first: not worth a hint
        if (_overlay is null) _data.PrefetchNode(node, step);
    }

    public override void PrefetchRelationships(long node, int step, IReadOnlyList<int>? types)
    {
        // a transaction that has written reads its own overlay first: not worth a hint
        if (_overlay is null) _data.PrefetchRelationships(node, step, types);
    }

    public override LabelBits? LabelMembers(int label, long lookups)
    {
        Reading();
        return _overlay is null ? _data.LabelMembers(label, _version, lookups) : null;
    }

    public override LabelBits? KnownLabelMembers(int label, int lookups)
    {
        Reading();
        return _overlay is null ? _data.KnownLabelMembers(label, _version, lookups) : null;
    }

    public override object? NodeProperty(long node, int key)
    {
        Reading();
        // a reader of the committed state may read through the store's property columns
        if (_overlay is null) return _data.NodeProperty(node, _version, key);
        return TryNode(node, out _, out var properties) ? PropertyArrays.Get(properties, key) : null;
    }

    public override IReadOnlyList<KeyValuePair<int, object>> NodeProperties(long node)
    {
        Reading();
        TryNode(node, out _, out var properties);
        return properties;
    }

    // ------------------------------------------------------------------ relationships

    public override bool RelationshipExists(long rel)
    {
        Reading();
        return TryRel(rel, out _, out _);
    }

    public override RelationshipRef Relationship(long rel)
    {
        Reading();
        return TryRel(rel, out var found, out _) ? found : throw new EntityNotFoundException($"Relationship {rel} does not exist.");
    }

    public override IEnumerable<long> AllRelationships()
    {
        Reading();
        var end = _overlay is null ? _data.RelHighWater : _data.NextRelId;
        return Iterate(end);

        IEnumerable<long> Iterate(long end)
        {
            for (long id = 0; id < end; id++)
                if (TryRel(id, out _, out _)) yield return id;
        }
    }

    public override object? RelationshipProperty(long rel, int key)
    {
        Reading();
        return TryRel(rel, out _, out var properties) ? PropertyArrays.Get(properties, key) : null;
    }

    public override IReadOnlyList<KeyValuePair<int, object>> RelationshipProperties(long rel)
    {
        Reading();
        TryRel(rel, out _, out var properties);
        return properties;
    }

    public override IEnumerable<RelationshipRef> Relationships(long node, Direction direction, IReadOnlyList<int>? types = null)
    {
        Reading();
        if (_overlay is null)
        {
            var version = _data.NodeAt(node, _version);
            return version is null ? [] : Committed(version.Groups, node, direction, types);
        }
        // The writer materializes: the caller may create or delete relationships while iterating.
        var result = new List<RelationshipRef>();
        _overlay.IndexCreated(_data); // before the lookup: a committed end gets its state there
        if (!_overlay.Nodes.TryGetValue(node, out var state))
        {
            var head = _data.NodeHead(node);
            if (head is not null) result.AddRange(Committed(head.Groups, node, direction, types));
            return result;
        }
        if (state.Deleted) return result;
        if (state.Base is not null)
            foreach (var rel in Committed(state.Base.Groups, node, direction, types))
                if (state.RemovedRelationships is null || !state.RemovedRelationships.Contains(rel.Id)) result.Add(rel);
        if (state.AddedRelationships is not null)
        {
            foreach (var id in state.AddedRelationships)
            {
                if (state.RemovedRelationships is not null && state.RemovedRelationships.Contains(id)) continue;
                var rel = _overlay.CreatedRelationships[(int)(id - _overlay.FirstCreatedRelationship)];
                if (types is not null && !Contains(types, rel.Type)) continue;
                if (!Matches(rel.Start, rel.End, node, direction)) continue;
                result.Add(new RelationshipRef(id, rel.Type, rel.Start, rel.End));
            }
        }
        return result;
    }

    private static bool Matches(long start, long end, long node, Direction direction) => direction switch
    {
        Direction.Outgoing => start == node,
        Direction.Incoming => end == node,
        _ => true,
    };

    private static bool Contains(IReadOnlyList<int> types, int type)
    {
        // the engine's resolved type lists are arrays: read without an interface call per element (a chain count
        // checks each middle node's groups of types, twice per expert of the stances). A plain loop, not
        // Span.Contains: the lists hold a few types, and the vectorized search over ints is not taken precompiled
        // from the framework's image here (its code depends on the machine's vector width), so the first statement
        // that read relationships compiled it (~1 ms of a cold positions statement at 1M, docs/benchmarks.md)
        if (types is int[] array)
        {
            foreach (var t in array)
                if (t == type) return true;
            return false;
        }
        for (var i = 0; i < types.Count; i++)
            if (types[i] == type) return true;
        return false;
    }

    private static IEnumerable<RelationshipRef> Committed(RelGroup[] groups, long node, Direction direction, IReadOnlyList<int>? types)
    {
        foreach (var group in groups)
        {
            if (types is not null && !Contains(types, group.Type)) continue;
            if (direction != Direction.Incoming)
            {
                var pairs = group.OutgoingArray;
                for (int i = group.OutgoingStart, end = i + group.OutgoingLength; i < end; i += 2)
                    yield return new RelationshipRef(pairs[i], group.Type, node, pairs[i + 1]);
            }
            if (direction != Direction.Outgoing)
            {
                var pairs = group.IncomingArray;
                for (int i = group.IncomingStart, end = i + group.IncomingLength; i < end; i += 2)
                    yield return new RelationshipRef(pairs[i], group.Type, pairs[i + 1], node);
            }
            var loops = group.LoopsArray;
            for (int i = group.LoopsStart, end = i + group.LoopCount; i < end; i++) yield return new RelationshipRef(loops[i], group.Type, node, node);
        }
    }

    public override int Degree(long node, Direction direction, IReadOnlyList<int>? types = null)
    {
        Reading();
        NodeVersion? version;
        if (_overlay is null) version = _data.NodeAt(node, _version);
        else if (IndexedState(_overlay, node) is { } state) return OverlayDegree(state, node, direction, types);
        else version = _data.NodeHead(node);
        if (version is null) return 0;
        var degree = 0;
        foreach (var group in version.Groups)
            if (types is null || Contains(types, group.Type)) degree += group.Count(direction);
        return degree;
    }

    /// <summary>The node's state with the relationships created so far filed under it (see <see cref="Overlay.IndexCreated"/>), if it has one.</summary>
    private NodeState? IndexedState(Overlay overlay, long node)
    {
        overlay.IndexCreated(_data);
        return overlay.Nodes.TryGetValue(node, out var state) ? state : null;
    }

    /// <summary>
    /// The degree of a node this transaction changed, counted without materializing its relationships: committed
    /// group counts, minus the removed ones that match, plus the added ones that match (MERGE asks for degrees per
    /// row to pick the cheaper side, and a hub being written to must not cost its whole adjacency each time).
    /// </summary>
    /// <remarks>The state must come from <see cref="IndexedState"/>.</remarks>
    private int OverlayDegree(NodeState state, long node, Direction direction, IReadOnlyList<int>? types)
    {
        if (state.Deleted) return 0;
        var degree = 0;
        if (state.Base is not null)
            foreach (var group in state.Base.Groups)
                if (types is null || Contains(types, group.Type)) degree += group.Count(direction);
        if (state.RemovedRelationships is not null)
            foreach (var id in state.RemovedRelationships)
            {
                // Deleting touched the relationship, so its state holds type and ends; ones created here were never in Base.
                ref var removed = ref _overlay!.RelationshipState(id);
                if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref removed) || removed.Created) continue;
                if ((types is null || Contains(types, removed.Type)) && Matches(removed.Start, removed.End, node, direction)) degree--;
            }
        if (state.AddedRelationships is not null)
            foreach (var id in state.AddedRelationships)
            {
                if (state.RemovedRelationships is not null && state.RemovedRelationships.Contains(id)) continue;
                var rel = _overlay!.CreatedRelationships[(int)(id - _overlay.FirstCreatedRelationship)];
                if ((types is null || Contains(types, rel.Type)) && Matches(rel.Start, rel.End, node, direction)) degree++;
            }
        return degree;
    }

    // ------------------------------------------------------------------ schema and index lookups

    public override IReadOnlyList<IndexDefinition> Indexes
    {
        get
        {
            Reading();
            return _overlay?.Schema.Indexes ?? _schema.Indexes;
        }
    }

    public override IReadOnlyList<ConstraintDefinition> Constraints
    {
        get
        {
            Reading();
            return _overlay?.Schema.Constraints ?? _schema.Constraints;
        }
    }

    public override bool HasIndex(int label, int key)
    {
        Reading();
        foreach (var index in _overlay?.Schema.Indexes ?? _schema.Indexes)
            if (index.Label == label && index.PropertyKeys.Count == 1 && index.PropertyKeys[0] == key) return true;
        return false;
    }

    public override IEnumerable<long> NodesByProperty(int label, int key, object value)
    {
        Reading();
        object stored;
        try
        {
            stored = StoredValues.Normalize(value, key);
        }
        catch (ArgumentException)
        {
            return []; // a value that cannot be stored (a map, ...) equals no property
        }
        // Scratch buffers, one set per thread: the lookup finishes (nothing it calls seeks again) before the exact-size
        // result is handed out (usually one id), so a statement seeking one node allocates only that result.
        var keys = _seekKey ??= new int[1];
        var values = _seekValue ??= new object[1];
        var candidates = _seekCandidates ??= [];
        keys[0] = key;
        values[0] = stored;
        candidates.Clear();
        try
        {
            Candidates(label, keys, values, candidates);
            var kept = 0;
            for (var i = 0; i < candidates.Count; i++)
                if (Matches(candidates[i], label, keys, values)) candidates[kept++] = candidates[i];
            if (kept == 0) return [];
            var result = new long[kept];
            candidates.CopyTo(0, result, 0, kept);
            return result;
        }
        finally
        {
            values[0] = null!;
            // a thread keeps no large list after a seek that found many nodes
            if (candidates.Capacity > SeekScratchCapacity) _seekCandidates = null;
            else candidates.Clear();
        }
    }

    /// <summary>Candidate ids a thread's seek scratch list keeps room for between seeks (8 KB).</summary>
    private const int SeekScratchCapacity = 1024;

    [ThreadStatic] private static int[]? _seekKey;
    [ThreadStatic] private static object[]? _seekValue;
    [ThreadStatic] private static List<long>? _seekCandidates;

    private List<long>? _scratch;

    /// <summary>Some node other than <paramref name="exclude"/> with the label and values, or -1 (for unique checks; allocates nothing per call).</summary>
    private long FindOther(int label, int[] keys, object[] values, long exclude)
    {
        var candidates = _scratch ??= [];
        candidates.Clear();
        Candidates(label, keys, values, candidates);
        foreach (var id in candidates)
            if (id != exclude && Matches(id, label, keys, values)) return id;
        return -1;
    }

    /// <summary>A superset of the matching nodes (duplicates possible): index or label entries, plus this transaction's changed nodes.</summary>
    private void Candidates(int label, int[] keys, object[] values, List<long> candidates)
    {
        var index = keys.Length == 1 ? _schema.FindSingle(label, keys[0]) : _schema.Find(label, keys);
        if (index is not null)
        {
            // a string is its own key (ValueKey compares strings ordinally): looked up without making one
            if (keys.Length == 1 && values[0] is string text) _data.IndexCandidates(index, text, candidates, holdsWriteLock: _overlay is not null);
            else if (!PropertyIndex.TryKeyOfValues(values, out var indexKey)) return;
            else _data.IndexCandidates(index, indexKey, candidates, holdsWriteLock: _overlay is not null);
        }
        else
        {
            _data.LabelCandidates(label, candidates);
        }
        // Nodes created here are noted only under some keys (see Overlay.NotedKeys): the first lookup by another notes them.
        if (_overlay is not null && !_overlay.NotedKeys.Contains(keys[0])) _overlay.NoteCreatedUnder(keys[0]);
        if (_overlay is not null && ValueKey.TryCreate(values[0], out var first)
            && _overlay.PropertyCandidates.TryGetValue((keys[0], first), out var extra))
        {
            // Dedup only when needed: small lists linearly, large ones with a set.
            if (candidates.Count == 0 && extra.More is null) candidates.Add(extra.First);
            else Distinct(candidates, extra.More is null ? [extra.First] : [extra.First, .. extra.More]);
        }
    }

    private bool Matches(long id, int label, int[] keys, object[] values)
    {
        if (!TryNode(id, out var labels, out var properties) || Array.IndexOf(labels, label) < 0) return false;
        for (var i = 0; i < keys.Length; i++)
        {
            var actual = PropertyArrays.Get(properties, keys[i]);
            if (actual is null || !StoredValues.CypherEquals(actual, values[i])) return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ lifecycle

    public override void Commit()
    {
        EnsureOpen();
        if (_overlay is null)
        {
            Close(); // never wrote: nothing to log
            return;
        }
        try
        {
            var batch = BuildBatch();
            // The batch now holds everything the commit needs: drop the overlay's copies (for a bulk load the list of
            // created relationships is as large as the batch), so they are not alive while the commit is applied.
            _overlay.ReleaseCommitted();
            _store.Commit(this, batch);
        }
        finally
        {
            Close();
        }
    }

    public override void Rollback()
    {
        if (_open) Close();
    }

    public override void Dispose() => Rollback();

    private void Close()
    {
        _open = false;
        _store.TransactionClosed(this);
    }
}
