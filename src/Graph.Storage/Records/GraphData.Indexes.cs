using Graph.Storage.Values;

namespace Graph.Storage.Records;

/// <summary>Label and property index maintenance, deferred removals for old readers, schema changes.</summary>
internal sealed partial class GraphData
{
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
            LabelMembershipChanged(label, version);
            if (removeNow) RemoveLabelEntry(label, id);
            else _pendingRemovals.Add(new PendingRemoval(version, label, null, default, id));
        }
        foreach (var label in newLabels)
        {
            if (Array.IndexOf(oldLabels, label) >= 0) continue;
            ChangeLabelCount(label, 1);
            LabelMembershipChanged(label, version);
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
            switch (WhoNeedsEntry(removal, oldestReader))
            {
                case EntryUse.Current:
                    break; // true again at the head: the entry stays, nothing left to remove
                case EntryUse.OpenReader:
                    _pendingRemovals[kept++] = removal; // try again when that reader is gone
                    break;
                default:
                    if (removal.Index is null) RemoveLabelEntry(removal.Label, removal.Node);
                    else removal.Index.Remove(removal.Key, removal.Node);
                    break;
            }
        }
        _pendingRemovals.RemoveRange(kept, _pendingRemovals.Count - kept);
    }

    private enum EntryUse { Nobody, Current, OpenReader }

    /// <summary>
    /// Whether the node still matches the entry at the head, or in an older version that an open reader
    /// (all of them see oldestReader or later) can still see.
    /// </summary>
    private EntryUse WhoNeedsEntry(PendingRemoval removal, long oldestReader)
    {
        for (var v = _nodes[removal.Node]; v is not null; v = v.Older)
        {
            if (!v.Deleted && v.HasLabel(removal.Label)
                && (removal.Index is null || (removal.Index.TryKey(v.Properties, out var key) && key.Equals(removal.Key))))
                return v == _nodes[removal.Node] ? EntryUse.Current : EntryUse.OpenReader;
            // Versions older than the newest one the oldest reader sees are needed by nobody.
            if (v.Version <= oldestReader) break;
        }
        return EntryUse.Nobody;
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
}
