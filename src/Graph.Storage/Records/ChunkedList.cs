namespace Graph.Storage.Records;

/// <summary>
/// An append-only list in fixed chunks of 65,536 entries (like <see cref="Column{T}"/>): growing never copies the
/// entries, so a bulk load's millions of them never exist twice (a List doubles: up to half its slots unused, and both
/// arrays alive while it grows). Below one chunk it is a single array that doubles, so small transactions stay small.
/// <see cref="ReleaseChunksBelow"/> lets a consumer that reads it front to back free what it has read.
/// </summary>
internal sealed class ChunkedList<T>
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int Mask = ChunkSize - 1;
    private T[]?[] _chunks = [];
    private int _released;

    public int Count { get; private set; }

    /// <summary>The entry by reference: valid until the next <see cref="Add"/> (the first chunk may still be reallocated).</summary>
    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count || index < _released << ChunkBits) throw new ArgumentOutOfRangeException(nameof(index));
            return ref _chunks[index >> ChunkBits]![index & Mask];
        }
    }

    public void Add(in T item)
    {
        var chunk = Count >> ChunkBits;
        var at = Count & Mask;
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, Math.Max(1, _chunks.Length * 2));
        var current = _chunks[chunk];
        if (current is null || at == current.Length)
        {
            // The first chunk doubles up to its full size; later ones are allocated full.
            var grown = new T[chunk > 0 ? ChunkSize : Math.Min(ChunkSize, Math.Max(4, at * 2))];
            if (current is not null) Array.Copy(current, grown, at);
            _chunks[chunk] = current = grown;
        }
        current[at] = item;
        Count++;
    }

    /// <summary>Frees the chunks wholly below <paramref name="index"/>; reading them afterwards throws. Count stays.</summary>
    public void ReleaseChunksBelow(int index)
    {
        var full = Math.Min(index, Count) >> ChunkBits;
        for (; _released < full; _released++) _chunks[_released] = null;
    }
}
