namespace Graph.Storage.Records;

/// <summary>
/// The properties of committed relationships by id: 4 bytes per relationship whose record is pooled (the number of a
/// <see cref="PropertyPool"/> record, or 0 for none), instead of an 8-byte reference per relationship (at a million
/// experts, 26 million relationships: 104 MB less). Properties the pool does not hold (large or unusual values, a full
/// pool, a <see cref="PropertyHistory"/> kept for open readers) are references in a second column whose chunks exist
/// only where such a relationship does.
/// <para>
/// Written only by the committing thread; read by any. A writer stores a reference before the number that points at it,
/// and a reference stays valid after its relationship changes to a pooled record, so a reader that read either sees a
/// consistent value. <see cref="Grow"/> returns a new instance sharing the chunks, the pool and the references.
/// </para>
/// </summary>
internal sealed class RelPropertyColumn
{
    /// <summary>The reference column holds the value.</summary>
    private const int InReferences = -1;

    private readonly Column<int> _numbers;
    private readonly SparseReferences _references;

    public RelPropertyColumn(long capacity) : this(new Column<int>(capacity), new PropertyPool(), new SparseReferences()) { }

    private RelPropertyColumn(Column<int> numbers, PropertyPool pool, SparseReferences references)
    {
        _numbers = numbers;
        Pool = pool;
        _references = references;
    }

    /// <summary>The pool whose records the column numbers: the store's for relationship properties.</summary>
    public PropertyPool Pool { get; }

    public RelPropertyColumn Grow(long needed) => needed <= _numbers.Capacity ? this : new(_numbers.Grow(needed), Pool, _references);

    /// <summary>A property array (empty for none) or a <see cref="PropertyHistory"/>.</summary>
    public object Read(long id)
    {
        var number = Volatile.Read(ref _numbers[id]);
        if (number > 0) return Pool.Record(number);
        if (number == 0) return Array.Empty<KeyValuePair<int, object>>();
        return _references.Read(id) ?? Array.Empty<KeyValuePair<int, object>>();
    }

    /// <summary>Stores a property array (pooled here when it qualifies) or a <see cref="PropertyHistory"/>.</summary>
    public void Write(long id, object? stored)
    {
        var number = 0;
        if (stored is KeyValuePair<int, object>[] properties) stored = Pool.Share(properties, out number);
        if (number == 0 && stored is not KeyValuePair<int, object>[] { Length: 0 } && stored is not null)
        {
            _references.Write(id, stored);
            Volatile.Write(ref _numbers[id], InReferences);
            return;
        }
        // A reader that read InReferences before this write still finds a value there: the new one, not a stale one.
        if (_references.Has(id)) _references.Write(id, stored ?? Array.Empty<KeyValuePair<int, object>>());
        Volatile.Write(ref _numbers[id], number);
    }

    /// <summary>Chunks of the reference column that exist (tests: a load of pooled records allocates none).</summary>
    internal int ReferenceChunks => _references.ChunkCount;

    /// <summary>References by id in chunks of 65,536 allocated on first use, shared by every grown instance of the column.</summary>
    private sealed class SparseReferences
    {
        private const int ChunkBits = 16;
        private const int ChunkSize = 1 << ChunkBits;
        private object?[]?[] _chunks = [];

        public int ChunkCount => Volatile.Read(ref _chunks).Count(c => c is not null);

        public bool Has(long id)
        {
            var chunks = Volatile.Read(ref _chunks);
            var c = id >> ChunkBits;
            return c < chunks.Length && chunks[c] is { } chunk && chunk[id & (ChunkSize - 1)] is not null;
        }

        public object? Read(long id)
        {
            var chunks = Volatile.Read(ref _chunks);
            var c = id >> ChunkBits;
            return c < chunks.Length && Volatile.Read(ref chunks[c]) is { } chunk ? Volatile.Read(ref chunk[id & (ChunkSize - 1)]) : null;
        }

        public void Write(long id, object value)
        {
            var c = (int)(id >> ChunkBits);
            var chunks = _chunks;
            if (c >= chunks.Length)
            {
                var grown = new object?[]?[Math.Max(c + 1, chunks.Length * 2)];
                Array.Copy(chunks, grown, chunks.Length);
                Volatile.Write(ref _chunks, chunks = grown);
            }
            var chunk = chunks[c];
            if (chunk is null) Volatile.Write(ref chunks[c], chunk = new object?[ChunkSize]);
            Volatile.Write(ref chunk[id & (ChunkSize - 1)], value);
        }
    }
}
