using System.Collections;

namespace Graph.Storage.Transactions;

/// <summary>
/// The write transaction's node states by id. Nodes it created have consecutive ids (the store's single writer hands
/// them out in order), so their states sit in an array indexed by id - first created id: a bulk load that touches
/// both ends of millions of relationships then looks each end up by an array read instead of a dictionary probe.
/// Committed nodes the transaction changed are in a dictionary. Enumerates the committed ones, then the created ones in
/// id order.
/// </summary>
internal sealed class NodeStates : IEnumerable<KeyValuePair<long, NodeState>>
{
    private readonly Dictionary<long, NodeState> _committed = new();
    private NodeState?[] _created = [];
    /// <summary>Per created node: whether it exists (not deleted, not rolled back). A byte each, so checking an end of a
    /// bulk load's relationship reads a small array that stays in cache, not the node's state.</summary>
    private bool[] _createdLive = [];
    private long _firstCreated = -1;
    /// <summary>Slots used in <see cref="_created"/> (removed states leave null behind: ids are never reused).</summary>
    private int _createdSlots;
    private int _createdCount;

    public int Count => _committed.Count + _createdCount;

    public bool TryGetValue(long id, out NodeState state)
    {
        var index = id - _firstCreated;
        if (_firstCreated >= 0 && (ulong)index < (ulong)_createdSlots)
        {
            state = _created[index]!;
            return state is not null;
        }
        return _committed.TryGetValue(id, out state!);
    }

    /// <summary>Whether the node was created in this transaction and still exists.</summary>
    public bool IsLiveCreated(long id)
    {
        var index = id - _firstCreated;
        return _firstCreated >= 0 && (ulong)index < (ulong)_createdSlots && _createdLive[index];
    }

    /// <summary>Marks a node's state deleted or not (keeps <see cref="IsLiveCreated"/> in step with <see cref="NodeState.Deleted"/>).</summary>
    public void SetDeleted(long id, NodeState state, bool deleted)
    {
        state.Deleted = deleted;
        var index = id - _firstCreated;
        if (_firstCreated >= 0 && (ulong)index < (ulong)_createdSlots) _createdLive[index] = !deleted;
    }

    public NodeState this[long id] => TryGetValue(id, out var state) ? state : throw new KeyNotFoundException($"Node {id} is not in the transaction.");

    /// <summary>Adds the state of a node not yet in the transaction; a created node's id must follow the last created one.</summary>
    public void Add(long id, NodeState state)
    {
        if (!state.Created)
        {
            if (_firstCreated >= 0 && id >= _firstCreated && id - _firstCreated < _createdSlots)
                throw new ArgumentException($"Node {id} was created in this transaction.", nameof(id));
            _committed.Add(id, state);
            return;
        }
        if (_firstCreated < 0) _firstCreated = id;
        if (id - _firstCreated != _createdSlots)
            throw new ArgumentException($"Created node {id} does not follow the last created node ({_firstCreated + _createdSlots - 1}).", nameof(id));
        if (_createdSlots == _created.Length)
        {
            Array.Resize(ref _created, Math.Max(16, _created.Length * 2));
            Array.Resize(ref _createdLive, _created.Length);
        }
        _createdLive[_createdSlots] = !state.Deleted;
        _created[_createdSlots++] = state;
        _createdCount++;
    }

    public bool Remove(long id)
    {
        var index = id - _firstCreated;
        if (_firstCreated >= 0 && (ulong)index < (ulong)_createdSlots)
        {
            if (_created[index] is null) return false;
            _created[index] = null;
            _createdLive[index] = false;
            _createdCount--;
            return true;
        }
        return _committed.Remove(id);
    }

    public void Clear()
    {
        _committed.Clear();
        _committed.TrimExcess();
        _created = [];
        _createdLive = [];
        _firstCreated = -1;
        _createdSlots = 0;
        _createdCount = 0;
    }

    public IEnumerator<KeyValuePair<long, NodeState>> GetEnumerator()
    {
        foreach (var entry in _committed) yield return entry;
        for (var i = 0; i < _createdSlots; i++)
            if (_created[i] is { } state) yield return new(_firstCreated + i, state);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
