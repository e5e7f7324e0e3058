namespace Graph.Storage.Records;

/// <summary>
/// The version of the commit that created each relationship (0 = no relationship with this id), indexed by id, in
/// chunks of 65,536 allocated at the first creation in them. A chunk stores its first version as a base and each entry
/// as an int (version - base + 1), 4 bytes per relationship instead of 8: ids are handed out in commit order, so a
/// chunk's versions start at its base and rarely span many commits. A chunk whose versions would not fit (below the
/// base, or more than int.MaxValue commits above it) is widened to longs. Grow returns a new column sharing the chunks,
/// like <see cref="Column{T}"/>; an entry is written before its chunk (or wide array) is published, so lock-free
/// readers see either nothing or the version.
/// </summary>
internal sealed class CreationColumn
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const long Mask = ChunkSize - 1;

    private sealed class Chunk(long first)
    {
        public readonly long Base = first;
        public readonly int[] Narrow = new int[ChunkSize];
        /// <summary>Every entry as a long, once one did not fit <see cref="Narrow"/>; then the only one written.</summary>
        public long[]? Wide;
    }

    private readonly Chunk?[] _chunks;

    public CreationColumn(long capacity) : this(new Chunk?[Chunks(capacity)]) { }

    private CreationColumn(Chunk?[] chunks) => _chunks = chunks;

    public long Capacity => (long)_chunks.Length << ChunkBits;

    /// <summary>The version that created the relationship, or 0 when no relationship has this id (yet).</summary>
    public long this[long id]
    {
        get
        {
            var chunk = Volatile.Read(ref _chunks[id >> ChunkBits]);
            if (chunk is null) return 0;
            if (Volatile.Read(ref chunk.Wide) is { } wide) return Volatile.Read(ref wide[id & Mask]);
            var delta = Volatile.Read(ref chunk.Narrow[id & Mask]);
            return delta == 0 ? 0 : chunk.Base + delta - 1;
        }
    }

    /// <summary>Records that commit <paramref name="version"/> (&gt; 0) created the relationship; only the writer of a commit calls this.</summary>
    public void Set(long id, long version)
    {
        if (version <= 0) throw new ArgumentOutOfRangeException(nameof(version));
        ref var slot = ref _chunks[id >> ChunkBits];
        var chunk = slot;
        if (chunk is null)
        {
            chunk = new Chunk(version);
            chunk.Narrow[id & Mask] = 1;
            Volatile.Write(ref slot, chunk);
            return;
        }
        if (chunk.Wide is { } wide)
        {
            Volatile.Write(ref wide[id & Mask], version);
            return;
        }
        var delta = version - chunk.Base + 1;
        if (delta is > 0 and <= int.MaxValue)
        {
            Volatile.Write(ref chunk.Narrow[id & Mask], (int)delta);
            return;
        }
        var widened = new long[ChunkSize];
        for (var i = 0; i < ChunkSize; i++)
            if (chunk.Narrow[i] != 0) widened[i] = chunk.Base + chunk.Narrow[i] - 1;
        widened[id & Mask] = version;
        Volatile.Write(ref chunk.Wide, widened);
    }

    public CreationColumn Grow(long needed)
    {
        if (needed <= Capacity) return this;
        var chunks = new Chunk?[Chunks(needed)];
        Array.Copy(_chunks, chunks, _chunks.Length);
        return new CreationColumn(chunks);
    }

    private static int Chunks(long capacity) => (int)Math.Max(1, (capacity + Mask) >> ChunkBits);
}
