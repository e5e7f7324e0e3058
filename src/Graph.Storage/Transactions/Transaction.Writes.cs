using Graph.Storage.Records;
using Graph.Storage.Values;

namespace Graph.Storage.Transactions;

internal sealed partial class Transaction
{
    private Overlay Writable()
    {
        EnsureOpen();
        if (_overlay is not null) return _overlay;
        EnsureWritable();
        return TakeWriteLock();
    }

    private void EnsureWritable()
    {
        if (!_writable) throw new ReadOnlyTransactionException("Writing is not allowed in a read transaction.");
    }

    /// <summary>The node's state in this transaction, copied from the committed head on first touch.</summary>
    private NodeState Touch(Overlay overlay, long id)
    {
        if (overlay.Nodes.TryGetValue(id, out var state))
            return state.Deleted ? throw NodeMissing(id) : state;
        var head = _data.NodeHead(id) ?? throw NodeMissing(id);
        state = new NodeState { Base = head, Labels = head.Labels, Properties = head.Properties };
        overlay.Nodes.Add(id, state);
        return state;
    }

    /// <summary>Throws unless the node exists in this transaction's view.</summary>
    private void EnsureExists(Overlay overlay, long id)
    {
        if (overlay.Nodes.TryGetValue(id, out var state) ? state.Deleted : _data.NodeHead(id) is null) throw NodeMissing(id);
    }

    /// <summary>The relationship's state in this transaction (by reference), copied from the committed head on first touch.</summary>
    private ref RelState TouchRel(Overlay overlay, long id)
    {
        ref var state = ref overlay.RelationshipState(id);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref state))
        {
            if (state.Deleted || state.Absent) throw RelMissing(id);
            return ref state;
        }
        if (!_data.TryRelHead(id, out var head)) throw RelMissing(id);
        overlay.Relationships.Add(id, new RelState { Type = head.Type, Start = (int)head.Start, End = (int)head.End, Properties = head.Properties });
        overlay.BaseProperties.Add(id, head.Properties);
        return ref overlay.RelationshipState(id);
    }

    private static EntityNotFoundException NodeMissing(long id) => new($"Node {id} does not exist (it may have been deleted).");
    private static EntityNotFoundException RelMissing(long id) => new($"Relationship {id} does not exist (it may have been deleted).");

    private KeyValuePair<int, object>[] NormalizeProperties(IReadOnlyList<KeyValuePair<int, object>> properties)
    {
        if (properties.Count == 0) return [];
        var result = new KeyValuePair<int, object>[properties.Count];
        var count = 0;
        for (var i = 0; i < properties.Count; i++)
        {
            var (key, value) = properties[i];
            if (value is null) continue;
            var stored = StoredValues.Normalize(value, key, _store.Tokens);
            var existing = -1;
            for (var j = 0; j < count; j++)
                if (result[j].Key == key) { existing = j; break; }
            if (existing >= 0) result[existing] = new(key, stored);
            else result[count++] = new(key, stored);
        }
        if (count < result.Length) Array.Resize(ref result, count);
        return result;
    }

    public override long CreateNode(IReadOnlyList<int> labels, IReadOnlyList<KeyValuePair<int, object>> properties)
    {
        var overlay = Writable();
        var labelArray = DistinctLabels(labels);
        var props = NormalizeProperties(properties);
        CheckUnique(overlay, -1, labelArray, props, changedLabel: -1, changedKey: -1);
        if (_data.NextNodeId >= StoreLimits.MaxIds) throw StoreLimits.Reached("node", _data.NextNodeId + 1);
        var id = _data.NextNodeId++;
        overlay.Nodes.Add(id, new NodeState { Created = true, Labels = labelArray, Properties = props });
        foreach (var label in labelArray) overlay.NoteLabel(label, id);
        foreach (var (key, value) in props)
            if (overlay.NotedKeys.Contains(key)) overlay.NoteProperty(key, value, id);
        return id;
    }

    /// <summary>The last label array <see cref="DistinctLabels"/> made: a bulk load's nodes of one file share it.</summary>
    private int[] _lastLabels = [];

    /// <summary>The labels without repeats, in an array of the store's own (never the caller's, which it may change).</summary>
    private int[] DistinctLabels(IReadOnlyList<int> labels)
    {
        if (labels.Count == 0) return [];
        if (labels.Count == _lastLabels.Length)
        {
            var same = true;
            for (var i = 0; i < labels.Count && same; i++) same = labels[i] == _lastLabels[i];
            if (same) return _lastLabels; // label arrays are never changed in place (copy-on-write)
        }
        var result = new int[labels.Count];
        var count = 0;
        for (var i = 0; i < labels.Count; i++)
            if (Array.IndexOf(result, labels[i], 0, count) < 0) result[count++] = labels[i];
        if (count < result.Length) Array.Resize(ref result, count);
        return _lastLabels = result;
    }

    public override bool AddLabel(long node, int label)
    {
        var overlay = Writable();
        var state = Touch(overlay, node);
        if (Array.IndexOf(state.Labels, label) >= 0) return false;
        var labels = new int[state.Labels.Length + 1];
        state.Labels.CopyTo(labels, 0);
        labels[^1] = label;
        CheckUnique(overlay, node, labels, state.Properties, changedLabel: label, changedKey: -1);
        overlay.Undo.Add(new UndoEntry(UndoKind.NodeLabels, node, 0, state.Labels));
        state.Labels = labels;
        overlay.NoteLabel(label, node);
        // With the new label the node may now answer property lookups for that label.
        foreach (var (key, value) in state.Properties) overlay.NoteProperty(key, value, node);
        return true;
    }

    public override bool RemoveLabel(long node, int label)
    {
        var overlay = Writable();
        var state = Touch(overlay, node);
        var index = Array.IndexOf(state.Labels, label);
        if (index < 0) return false;
        overlay.Undo.Add(new UndoEntry(UndoKind.NodeLabels, node, 0, state.Labels));
        var labels = new List<int>(state.Labels);
        labels.RemoveAt(index);
        state.Labels = labels.ToArray();
        return true;
    }

    public override bool SetNodeProperty(long node, int key, object? value)
    {
        var overlay = Writable();
        var state = Touch(overlay, node);
        var stored = value is null ? null : StoredValues.Normalize(value, key, _store.Tokens);
        var current = PropertyArrays.Get(state.Properties, key);
        if (current is null && stored is null) return false;
        if (current is not null && stored is not null && StoredValues.SameStored(current, stored)) return false;
        var props = PropertyArrays.With(state.Properties, key, stored);
        if (stored is not null) CheckUnique(overlay, node, state.Labels, props, changedLabel: -1, changedKey: key);
        overlay.Undo.Add(new UndoEntry(UndoKind.NodeProperties, node, 0, state.Properties));
        state.Properties = props;
        if (stored is not null) overlay.NoteProperty(key, stored, node);
        return true;
    }

    public override void DeleteNode(long node)
    {
        var overlay = Writable();
        var state = Touch(overlay, node);
        if (Degree(node, Direction.Both) > 0)
            throw new ConstraintViolationException($"Cannot delete node {node} because it still has relationships; delete them first (DETACH DELETE).");
        overlay.Undo.Add(new UndoEntry(UndoKind.NodeDeleted, node, 0, null));
        overlay.Nodes.SetDeleted(node, state, true);
        overlay.ForgetEnds(); // it may have been one of them
    }

    public override long CreateRelationship(int type, long start, long end, IReadOnlyList<KeyValuePair<int, object>> properties)
    {
        var overlay = Writable();
        // Both ends must exist. For nodes created here that reads a byte (a bulk load's ends are mostly such nodes); the
        // last relationship's ends are remembered (see Overlay.LastStartId). A committed end gets no state here (see
        // Overlay.IndexCreated): it is only checked.
        if (!overlay.Nodes.IsLiveCreated(start) && start != overlay.LastStartId)
        {
            EnsureExists(overlay, start);
            overlay.LastStartId = start;
        }
        if (end != start && !overlay.Nodes.IsLiveCreated(end) && end != overlay.LastEndId)
        {
            EnsureExists(overlay, end);
            overlay.LastEndId = end;
        }
        // Shared now, not at commit: a bulk load then keeps one array per distinct record alive until the commit. A row
        // equal to a pooled record as it stands takes that array without a copy of its own (most rows of a bulk load).
        if (!_data.TrySharedRelationshipProperties(AsSpan(properties), out var props))
            props = _data.ShareRelationshipProperties(NormalizeProperties(properties));
        if (_data.NextRelId >= StoreLimits.MaxIds) throw StoreLimits.Reached("relationship", _data.NextRelId + 1);
        var id = _data.NextRelId++;
        if (overlay.FirstCreatedRelationship < 0) overlay.FirstCreatedRelationship = id;
        // Both ends exist, so they are below StoreLimits.MaxIds and fit the state's 32-bit ends.
        overlay.CreatedRelationships.Add(new RelState { Created = true, Type = type, Start = (int)start, End = (int)end, Properties = props });
        return id;
    }

    private static ReadOnlySpan<KeyValuePair<int, object>> AsSpan(IReadOnlyList<KeyValuePair<int, object>> properties) => properties switch
    {
        KeyValuePair<int, object>[] array => array,
        ArraySegment<KeyValuePair<int, object>> segment => segment,
        List<KeyValuePair<int, object>> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        _ => [], // an empty span never matches: such a list takes the copying path
    };

    public override bool SetRelationshipProperty(long rel, int key, object? value)
    {
        var overlay = Writable();
        ref var state = ref TouchRel(overlay, rel);
        var stored = value is null ? null : StoredValues.Normalize(value, key, _store.Tokens);
        var current = PropertyArrays.Get(state.Properties, key);
        if (current is null && stored is null) return false;
        if (current is not null && stored is not null && StoredValues.SameStored(current, stored)) return false;
        overlay.Undo.Add(new UndoEntry(UndoKind.RelationshipProperties, rel, 0, state.Properties));
        state.Properties = PropertyArrays.With(state.Properties, key, stored);
        return true;
    }

    public override void DeleteRelationship(long rel)
    {
        var overlay = Writable();
        ref var state = ref TouchRel(overlay, rel);
        var startState = Touch(overlay, state.Start);
        var endState = Touch(overlay, state.End);
        overlay.Undo.Add(new UndoEntry(UndoKind.RelationshipDeleted, rel, 0, null));
        state.Deleted = true;
        overlay.Undo.Add(new UndoEntry(UndoKind.RelationshipRemovedFromNode, state.Start, rel, null));
        (startState.RemovedRelationships ??= []).Add(rel);
        if (state.End != state.Start)
        {
            overlay.Undo.Add(new UndoEntry(UndoKind.RelationshipRemovedFromNode, state.End, rel, null));
            (endState.RemovedRelationships ??= []).Add(rel);
        }
    }

    // ------------------------------------------------------------------ unique constraints

    /// <summary>
    /// Throws when the node (id, or -1 for one not yet created) with these labels and properties would share
    /// a constrained value with another node. Only constraints affected by the change are checked
    /// (changedLabel/changedKey -1 = all).
    /// </summary>
    private void CheckUnique(Overlay overlay, long id, int[] labels, KeyValuePair<int, object>[] properties, int changedLabel, int changedKey)
    {
        foreach (var constraint in overlay.Schema.Constraints)
        {
            if (Array.IndexOf(labels, constraint.Label) < 0) continue;
            if (changedLabel >= 0 && constraint.Label != changedLabel) continue;
            if (changedKey >= 0 && !constraint.PropertyKeys.Contains(changedKey)) continue;
            var keys = constraint.PropertyKeys as int[] ?? constraint.PropertyKeys.ToArray();
            var values = new object[keys.Length];
            var complete = true;
            for (var i = 0; i < keys.Length && complete; i++)
            {
                var value = PropertyArrays.Get(properties, keys[i]);
                complete = value is not null;
                if (complete) values[i] = value!;
            }
            if (!complete) continue;
            var other = FindOther(constraint.Label, keys, values, exclude: id);
            if (other >= 0) throw Violation(constraint, keys, values, other);
        }
    }

    private ConstraintViolationException Violation(ConstraintDefinition constraint, int[] keys, object[] values, long existing)
    {
        var tokens = _store.Tokens;
        var label = tokens.LabelName(constraint.Label);
        var described = string.Join(", ", keys.Select((k, i) => $"{tokens.PropertyKeyName(k)} = {Describe(values[i])}"));
        return new ConstraintViolationException(
            $"Node {existing} already exists with label `{label}` and property {described} (constraint '{constraint.Name}' requires it to be unique).");
    }

    private static string Describe(object value) => value switch
    {
        string s => $"'{s}'",
        object[] list => "[" + string.Join(", ", list.Select(Describe)) + "]",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    // ------------------------------------------------------------------ savepoints

    /// <summary>A savepoint costs nothing before the first write and takes no lock.</summary>
    public override int CreateSavepoint()
    {
        EnsureOpen();
        EnsureWritable();
        if (_overlay is not { } overlay) return _savepointsBeforeWrite++;
        overlay.Savepoints.Add(new Savepoint(overlay.Undo.Count, _data.NextNodeId, _data.NextRelId, BeforeFirstWrite: false));
        return overlay.Savepoints.Count - 1;
    }

    public override void RollbackToSavepoint(int savepoint)
    {
        EnsureOpen();
        EnsureWritable();
        var count = _overlay?.Savepoints.Count ?? _savepointsBeforeWrite;
        if ((uint)savepoint >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(savepoint), $"No savepoint {savepoint} in this transaction.");
        if (_overlay is not { } overlay)
        {
            _savepointsBeforeWrite = savepoint + 1;
            return;
        }
        var mark = overlay.Savepoints[savepoint];
        if (mark.BeforeFirstWrite)
        {
            // Back to before the first write: everything is undone, so give the lock back; the transaction reads on.
            _overlay = null;
            _savepointsBeforeWrite = savepoint + 1;
            _store.ExitWriteLock(this, keepSnapshot: _hasRead);
            return;
        }
        overlay.IndexCreated(_data); // so that DropAdded finds every relationship created after the mark
        // Later savepoints are gone; this one stays valid so a statement can be retried against it.
        overlay.Savepoints.RemoveRange(savepoint + 1, overlay.Savepoints.Count - savepoint - 1);

        for (var i = overlay.Undo.Count - 1; i >= mark.UndoCount; i--) Revert(overlay, overlay.Undo[i]);
        overlay.Undo.RemoveRange(mark.UndoCount, overlay.Undo.Count - mark.UndoCount);

        for (var id = mark.NextRelId; id < _data.NextRelId; id++)
        {
            if (!overlay.IsCreatedRelationship(id)) continue;
            ref var rel = ref overlay.RelationshipState(id);
            if (rel.Absent) continue;
            rel.Absent = true;
            DropAdded(overlay, rel.Start, mark.NextRelId);
            DropAdded(overlay, rel.End, mark.NextRelId);
        }
        for (var id = mark.NextNodeId; id < _data.NextNodeId; id++) overlay.Nodes.Remove(id);
        overlay.ForgetEnds();
    }

    private static void DropAdded(Overlay overlay, long node, long firstUndone)
    {
        if (!overlay.Nodes.TryGetValue(node, out var state) || state.AddedRelationships is not { } added) return;
        // Relationships are added in id order, so the ones to drop are at the end.
        while (added.Count > 0 && added[^1] >= firstUndone) added.RemoveAt(added.Count - 1);
    }

    private static void Revert(Overlay overlay, UndoEntry entry)
    {
        switch (entry.Kind)
        {
            case UndoKind.NodeLabels:
                overlay.Nodes[entry.Id].Labels = (int[])entry.Old!;
                break;
            case UndoKind.NodeProperties:
                overlay.Nodes[entry.Id].Properties = (KeyValuePair<int, object>[])entry.Old!;
                break;
            case UndoKind.NodeDeleted:
                overlay.Nodes.SetDeleted(entry.Id, overlay.Nodes[entry.Id], false);
                break;
            case UndoKind.RelationshipRemovedFromNode:
                overlay.Nodes[entry.Id].RemovedRelationships!.Remove(entry.Other);
                break;
            case UndoKind.RelationshipProperties:
                overlay.RelationshipState(entry.Id).Properties = (KeyValuePair<int, object>[])entry.Old!;
                break;
            case UndoKind.RelationshipDeleted:
                overlay.RelationshipState(entry.Id).Deleted = false;
                break;
            case UndoKind.Schema:
                overlay.Schema = (SchemaDraft)entry.Old!;
                break;
        }
    }

    // ------------------------------------------------------------------ commit

    /// <summary>Checks unique constraints once more and turns the overlay into the batch to log and apply.</summary>
    private CommitBatch BuildBatch()
    {
        var overlay = _overlay!;
        var batch = new CommitBatch { NextNodeId = _data.NextNodeId, NextRelId = _data.NextRelId };
        batch.Nodes.Capacity = overlay.Nodes.Count;
        batch.Relationships.Capacity = overlay.Relationships.Count;
        foreach (var (id, state) in overlay.Nodes)
        {
            if (state.Created)
            {
                if (state.Deleted) continue;
                CheckUnique(overlay, id, state.Labels, state.Properties, -1, -1);
                batch.Nodes.Add(new NodeChange(id, ChangeKind.Create, state.Labels, state.Properties));
            }
            else if (state.Deleted)
            {
                batch.Nodes.Add(new NodeChange(id, ChangeKind.Delete, [], []));
            }
            else if (!ReferenceEquals(state.Labels, state.Base!.Labels) || !ReferenceEquals(state.Properties, state.Base.Properties))
            {
                CheckUnique(overlay, id, state.Labels, state.Properties, -1, -1);
                batch.Nodes.Add(new NodeChange(id, ChangeKind.Update, state.Labels, state.Properties));
            }
        }
        // Read in place: a bulk load's created relationships are not copied once more.
        batch.Relationships.AddCreated(overlay.CreatedRelationships, overlay.FirstCreatedRelationship);
        foreach (var (id, state) in overlay.Relationships)
        {
            if (state.Deleted)
                batch.Relationships.Add(new RelChange(id, ChangeKind.Delete, state.Type, state.Start, state.End, []));
            else if (!ReferenceEquals(state.Properties, overlay.BaseProperties[id]))
                batch.Relationships.Add(new RelChange(id, ChangeKind.Update, state.Type, state.Start, state.End, state.Properties));
        }
        batch.Schema.AddRange(overlay.Schema.Ops);
        return batch;
    }
}
