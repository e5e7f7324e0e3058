using System.Numerics;

namespace Graph.Storage.Records;

/// <summary>
/// A set of node ids as bits over the range of ids it has seen (one bit per id from the lowest to the highest word
/// touched). For a label's members, which are usually many and close together, it takes 1/8 byte per id in its range
/// where a hash set takes 20–40 bytes per member. Lists its ids in ascending order.
/// </summary>
internal sealed class IdBitmap
{
    private ulong[] _words;
    // The id of bit 0 of _words[0], divided by 64.
    private long _firstWord;

    /// <summary>An empty set with room for the ids from <paramref name="lowest"/> to <paramref name="highest"/>.</summary>
    public IdBitmap(long lowest, long highest)
    {
        _firstWord = lowest >> 6;
        _words = new ulong[(highest >> 6) - _firstWord + 1];
    }

    public int Count { get; private set; }

    /// <summary>Bytes the bits take (for the choice between a bitmap and a hash set).</summary>
    public long Bytes => _words.LongLength * sizeof(ulong);

    public bool Add(long id)
    {
        var word = (id >> 6) - _firstWord;
        if (word < 0 || word >= _words.Length) word = Cover(id >> 6);
        ref var bits = ref _words[word];
        var bit = 1UL << (int)(id & 63);
        if ((bits & bit) != 0) return false;
        bits |= bit;
        Count++;
        return true;
    }

    public bool Remove(long id)
    {
        var word = (id >> 6) - _firstWord;
        if (word < 0 || word >= _words.Length) return false;
        ref var bits = ref _words[word];
        var bit = 1UL << (int)(id & 63);
        if ((bits & bit) == 0) return false;
        bits &= ~bit;
        Count--;
        return true;
    }

    public bool Contains(long id)
    {
        var word = (id >> 6) - _firstWord;
        return word >= 0 && word < _words.Length && (_words[word] & (1UL << (int)(id & 63))) != 0;
    }

    /// <summary>Words a copy of the bits reads (the range covered, not the members).</summary>
    public long WordCount => _words.LongLength;

    /// <summary>The ids as bits numbered from id 0 (word i holds ids 64i to 64i + 63), up to the last word holding one.</summary>
    public ulong[] ToAbsoluteWords()
    {
        var last = _words.Length - 1;
        while (last >= 0 && _words[last] == 0) last--;
        if (last < 0) return [];
        var words = new ulong[_firstWord + last + 1];
        Array.Copy(_words, 0, words, _firstWord, last + 1);
        return words;
    }

    public void CopyTo(List<long> target)
    {
        target.EnsureCapacity(target.Count + Count);
        var words = _words;
        for (var w = 0; w < words.Length; w++)
        {
            var bits = words[w];
            var baseId = (_firstWord + w) << 6;
            while (bits != 0)
            {
                target.Add(baseId + BitOperations.TrailingZeroCount(bits));
                bits &= bits - 1;
            }
        }
    }

    /// <summary>Grows the words to cover <paramref name="absoluteWord"/> (at least doubling) and returns its index.</summary>
    private long Cover(long absoluteWord)
    {
        var first = Math.Min(_firstWord, absoluteWord);
        var end = Math.Max(_firstWord + _words.Length, absoluteWord + 1);
        var length = Math.Max(end - first, Math.Min(2L * _words.Length, Array.MaxLength));
        // grow toward the side that was missed, within the ids a node can have
        if (absoluteWord < _firstWord) first = Math.Max(0, end - length);
        var grown = new ulong[Math.Max(end - first, length)];
        Array.Copy(_words, 0, grown, _firstWord - first, _words.Length);
        _words = grown;
        _firstWord = first;
        return absoluteWord - first;
    }
}
