using System.Runtime.CompilerServices;

namespace Graph.Storage;

/// <summary>
/// A set of node ids for a breadth-first search (<see cref="StorageTransaction.MarkNeighbourNodes"/>): a bitmap over ids,
/// kept from one search to the next (only its marked words are zeroed by <see cref="Clear"/>), and the ids newly marked
/// since <see cref="TakeFound"/>, in the order marked. The store marks the far ends of a node's relationships straight
/// from its adjacency lists, with no list of far ids in between.
/// <para>
/// A level's far ids are in no order, so whether one was seen is a branch mispredicted about as often as not: the
/// store's marking of its adjacency pairs (<see cref="MarkOthers"/>) has no such branch. Every id is written behind the
/// found ones and counted only when new; every word's index behind the marked words and counted only when the word was
/// empty.
/// </para>
/// </summary>
public sealed class SeenNodes
{
    /// <summary>
    /// Ids below this bound are marked in the bitmap (at most 2 MB, grown to the largest id seen); others, if any, in a
    /// hashed set.
    /// </summary>
    public const long DenseNodes = 1L << 24;

    private ulong[] _bits = [];
    /// <summary>The words of <see cref="_bits"/> marked since <see cref="Clear"/>, the first <see cref="_markedWords"/>; one entry more than there are words (see the type's remarks).</summary>
    private int[] _words = [0];
    private int _markedWords;
    private HashSet<long>? _sparse;
    private long[] _found = new long[16];
    private int _foundCount;

    /// <summary>Bytes held by the bitmap, its word list and the found list (for a caller that counts memory).</summary>
    public long Bytes => _bits.Length * (long)(sizeof(ulong) + sizeof(int)) + _found.Length * (long)sizeof(long);

    /// <summary>The ids marked new since the last <see cref="TakeFound"/>, in the order marked (valid until the next mark).</summary>
    public ArraySegment<long> Found => new(_found, 0, _foundCount);

    /// <summary>How many ids are in <see cref="Found"/>.</summary>
    public int FoundCount => _foundCount;

    /// <summary>Drops a found list longer than <paramref name="length"/> (a pooled instance keeps no huge array).</summary>
    public void ShrinkFound(int length)
    {
        if (_found.Length > length) _found = new long[16];
        _foundCount = 0;
    }

    /// <summary>Unmarks every id and forgets the found ones.</summary>
    public void Clear()
    {
        var bits = _bits;
        foreach (var word in _words.AsSpan(0, _markedWords)) bits[word] = 0;
        _markedWords = 0;
        _sparse = null;
        _foundCount = 0;
    }

    /// <summary>
    /// Hands the found ids over: returns the array that holds them (the first <paramref name="count"/>) and takes
    /// <paramref name="empty"/> as the next found list (its contents are overwritten).
    /// </summary>
    public long[] TakeFound(long[] empty, out int count)
    {
        var found = _found;
        count = _foundCount;
        _found = empty.Length > 0 ? empty : new long[16];
        _foundCount = 0;
        return found;
    }

    /// <summary>True when <paramref name="node"/> had not been marked; marks it (not counted as found).</summary>
    public bool Mark(long node)
    {
        if ((ulong)node >= DenseNodes) return (_sparse ??= []).Add(node);
        var word = (int)(node >> 6);
        if (word >= _bits.Length) Grow(word);
        ref var bits = ref _bits[word];
        var bit = 1UL << (int)(node & 63);
        if ((bits & bit) != 0) return false;
        if (bits == 0) _words[_markedWords++] = word;
        bits |= bit;
        return true;
    }

    /// <summary>
    /// Marks <paramref name="nodes"/>, appending each one not marked before to <see cref="Found"/>; returns how many of
    /// them equal <paramref name="counted"/> (which is marked like any other).
    /// </summary>
    public int MarkAll(ReadOnlySpan<long> nodes, long counted)
    {
        // one by one: a writer's merged view and self-loops come here; the store's hot loop is MarkOthers
        Room(nodes.Length);
        var met = 0;
        foreach (var node in nodes)
        {
            met += node == counted ? 1 : 0;
            MarkOne(node);
        }
        return met;
    }

    /// <summary>
    /// <see cref="MarkAll(ReadOnlySpan{long}, long)"/>, without a branch per id, for the far ids of a list of pairs
    /// (relationship id, other node id): the odd entries of <paramref name="pairs"/>.
    /// </summary>
    internal int MarkOthers(ReadOnlySpan<int> pairs, long counted)
    {
        Room(pairs.Length / 2);
        var met = 0;
        var bits = _bits;
        var words = _words;
        var found = _found;
        int w = _markedWords, f = _foundCount;
        for (var p = 1; p < pairs.Length; p += 2)
        {
            long node = pairs[p];
            met += node == counted ? 1 : 0;
            if ((ulong)node >= (ulong)bits.Length << 6)
            {
                (_markedWords, _foundCount) = (w, f);
                MarkOne(node);
                (bits, words, w, f) = (_bits, _words, _markedWords, _foundCount);
                continue;
            }
            var word = (int)(node >> 6);
            var old = bits[word];
            words[w] = word;
            w += old == 0 ? 1 : 0;
            found[f] = node;
            f += (int)(~old >> (int)(node & 63)) & 1;
            bits[word] = old | 1UL << (int)(node & 63);
        }
        (_markedWords, _foundCount) = (w, f);
        return met;
    }

    /// <summary>One id marked, appended to <see cref="Found"/> when new (room made by the caller); the branch-free loop's
    /// way for an id outside the bitmap as it is (the bitmap grown, or the hashed set).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MarkOne(long node)
    {
        if (Mark(node)) _found[_foundCount++] = node;
    }

    /// <summary>Room in the found list for <paramref name="count"/> more ids.</summary>
    private void Room(int count)
    {
        if (_foundCount + count <= _found.Length) return;
        var size = _found.Length;
        while (size < _foundCount + count) size *= 2;
        Array.Resize(ref _found, size);
    }

    private void Grow(int word)
    {
        var size = Math.Max(_bits.Length, 1024);
        while (size <= word) size *= 2;
        size = (int)Math.Min(size, DenseNodes >> 6);
        Array.Resize(ref _bits, size);
        Array.Resize(ref _words, size + 1);
    }
}
