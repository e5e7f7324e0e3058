using Graph.Storage.Transactions;

namespace Graph.Storage.Records;

/// <summary>
/// The relationship changes of a commit batch, in order: the relationships the transaction created, read in place from
/// its overlay (a bulk load's millions of them are not copied once more at commit), then every other change.
/// </summary>
internal sealed class RelChanges
{
    private readonly List<RelChange> _changes = [];
    private ChunkedList<RelState>? _created;
    private long _firstCreated;
    private int _createdCount;

    private int _createsInChanges;

    public int Count => _createdCount + _changes.Count;

    /// <summary>How many of the changes create a relationship.</summary>
    public int CreateCount => _createdCount + _createsInChanges;

    /// <summary>Room for the changes other than the created relationships.</summary>
    public int Capacity
    {
        get => _changes.Capacity;
        set => _changes.Capacity = value;
    }

    public void Add(RelChange change)
    {
        _changes.Add(change);
        if (change.Kind == ChangeKind.Create) _createsInChanges++;
    }

    /// <summary>
    /// The overlay's created relationships (ids from <paramref name="firstId"/>), first and once; those rolled back to a
    /// savepoint or deleted again are skipped. The list must not change afterwards.
    /// </summary>
    public void AddCreated(ChunkedList<RelState> created, long firstId)
    {
        if (_created is not null || _changes.Count > 0) throw new InvalidOperationException("Created relationships come first, and once.");
        _created = created;
        _firstCreated = firstId;
        for (var i = 0; i < created.Count; i++)
            if (created[i] is { Absent: false, Deleted: false }) _createdCount++;
    }

    public Enumerator GetEnumerator() => new(this, release: false);

    /// <summary>
    /// The changes, freeing the created relationships behind the reader chunk by chunk: for the last pass over the batch
    /// (applying it), so that the overlay's copy shrinks as the store's columns fill. Nothing can enumerate them again.
    /// </summary>
    public Consumed Consume() => new(this);

    public readonly struct Consumed(RelChanges changes)
    {
        public Enumerator GetEnumerator() => new(changes, release: true);
    }

    public struct Enumerator(RelChanges changes, bool release)
    {
        private int _created = -1;
        private int _change = -1;

        public RelChange Current { get; private set; }

        public bool MoveNext()
        {
            if (changes._created is { } created)
            {
                while (_created + 1 < created.Count)
                {
                    _created++;
                    if (release) created.ReleaseChunksBelow(_created);
                    ref readonly var state = ref created[_created];
                    if (state.Absent || state.Deleted) continue;
                    Current = new RelChange(changes._firstCreated + _created, ChangeKind.Create, state.Type, state.Start, state.End, state.Properties);
                    return true;
                }
            }
            if (release && changes._created is { } done) done.ReleaseChunksBelow(done.Count);
            if (_change + 1 >= changes._changes.Count) return false;
            Current = changes._changes[++_change];
            return true;
        }
    }
}
