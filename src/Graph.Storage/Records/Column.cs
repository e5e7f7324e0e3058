namespace Graph.Storage.Records;

/// <summary>
/// A growable array indexed by id, stored in fixed chunks of 65,536 entries: growing adds chunks and copies only the
/// chunk directory, so a column of millions never exists twice during a grow and never has more than one chunk of
/// slack (a doubling array had up to half its length unused and, while growing, both copies alive). Below one chunk
/// it is a single array that doubles, so small stores stay small. Grow returns a new column sharing the chunks:
/// readers holding the old one still read every id below its capacity.
/// </summary>
internal sealed class Column<T>
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const long Mask = ChunkSize - 1;
    private readonly T[][] _chunks;

    public Column(long capacity) : this(Allocate(capacity), capacity) { }

    private Column(T[][] chunks, long capacity)
    {
        _chunks = chunks;
        Capacity = capacity;
    }

    public long Capacity { get; }

    public ref T this[long index] => ref _chunks[index >> ChunkBits][index & Mask];

    /// <summary>A column of at least <paramref name="needed"/> entries with the same contents.</summary>
    public Column<T> Grow(long needed)
    {
        if (needed <= Capacity) return this;
        if (needed <= ChunkSize)
        {
            var size = Math.Min(ChunkSize, Math.Max(needed, Capacity * 2));
            var single = new T[size];
            Array.Copy(_chunks[0], single, _chunks[0].Length);
            return new Column<T>([single], size);
        }
        var count = (int)((needed + Mask) >> ChunkBits);
        var chunks = new T[count][];
        Array.Copy(_chunks, chunks, _chunks.Length);
        if (chunks[0].Length < ChunkSize)
        {
            var first = new T[ChunkSize];
            Array.Copy(_chunks[0], first, _chunks[0].Length);
            chunks[0] = first;
        }
        for (var i = _chunks.Length; i < count; i++) chunks[i] = new T[ChunkSize];
        return new Column<T>(chunks, (long)count << ChunkBits);
    }

    private static T[][] Allocate(long capacity)
    {
        if (capacity <= ChunkSize) return [new T[Math.Max(capacity, 1)]];
        var count = (int)((capacity + Mask) >> ChunkBits);
        var chunks = new T[count][];
        for (var i = 0; i < count; i++) chunks[i] = new T[ChunkSize];
        return chunks;
    }
}
