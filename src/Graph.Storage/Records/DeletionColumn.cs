namespace Graph.Storage.Records;

/// <summary>
/// The version that deleted each relationship, indexed by id, in chunks of 65,536 allocated at the first deletion in
/// them: most relationships are never deleted, so a store that only grows costs no memory here (a full column of
/// long.MaxValue was 8 bytes per relationship). Grow returns a new column sharing the chunks, like <see cref="Column{T}"/>;
/// a chunk is published after its entry is written, so lock-free readers see either nothing or the deletion.
/// </summary>
internal sealed class DeletionColumn
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const long Mask = ChunkSize - 1;
    // 0 in a chunk, or no chunk: not deleted.
    private readonly long[]?[] _chunks;

    public DeletionColumn(long capacity) : this(new long[]?[Chunks(capacity)]) { }

    private DeletionColumn(long[]?[] chunks) => _chunks = chunks;

    public long Capacity => (long)_chunks.Length << ChunkBits;

    /// <summary>The version that deleted the relationship, or long.MaxValue while it exists.</summary>
    public long this[long id]
    {
        get
        {
            var chunk = Volatile.Read(ref _chunks[id >> ChunkBits]);
            var version = chunk is null ? 0 : Volatile.Read(ref chunk[id & Mask]);
            return version == 0 ? long.MaxValue : version;
        }
    }

    /// <summary>Marks the relationship deleted by <paramref name="version"/> (&gt; 0); only the writer of a commit calls this.</summary>
    public void Delete(long id, long version)
    {
        if (version <= 0) throw new ArgumentOutOfRangeException(nameof(version));
        ref var slot = ref _chunks[id >> ChunkBits];
        if (slot is { } chunk)
        {
            Volatile.Write(ref chunk[id & Mask], version);
            return;
        }
        var fresh = new long[ChunkSize];
        fresh[id & Mask] = version;
        Volatile.Write(ref slot, fresh);
    }

    public DeletionColumn Grow(long needed)
    {
        if (needed <= Capacity) return this;
        var chunks = new long[]?[Chunks(needed)];
        Array.Copy(_chunks, chunks, _chunks.Length);
        return new DeletionColumn(chunks);
    }

    private static int Chunks(long capacity) => (int)Math.Max(1, (capacity + Mask) >> ChunkBits);
}
