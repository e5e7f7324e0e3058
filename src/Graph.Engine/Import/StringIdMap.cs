using System.Runtime.InteropServices;

namespace Graph.Engine.Import;

/// <summary>
/// String ids of one label to node ids, for resolving the ends of millions of relationship rows. Open addressing over
/// one array of entries that hold the hash code, where the id's characters are (one shared char array) and the node:
/// a lookup reads one entry and the characters, where a dictionary of strings reads a bucket, an entry and the string
/// object (at a million ids each of those is a cache miss; resolving the ends was the largest item of the reading thread).
/// </summary>
internal sealed class StringIdMap
{
    private const int Empty = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        /// <summary>The id's hash code with the lowest bit set (so never <see cref="Empty"/>); 0 = free slot.</summary>
        public int Hash;
        public int Offset;
        public int Length;
        public int Node;
    }

    private readonly Func<ReadOnlySpan<char>, int> _hashCode;
    private Entry[] _entries = new Entry[16];
    private char[] _chars = new char[256];
    private int _charsUsed;

    public StringIdMap() : this(static id => string.GetHashCode(id)) { }

    /// <summary>With a hash function of the caller's (tests force collisions with it).</summary>
    internal StringIdMap(Func<ReadOnlySpan<char>, int> hashCode) => _hashCode = hashCode;

    public int Count { get; private set; }

    /// <summary>The node stored for this id, or -1.</summary>
    public long Find(ReadOnlySpan<char> id)
    {
        var hash = Hash(id);
        var mask = _entries.Length - 1;
        for (var slot = Home(hash, mask); ; slot = (slot + 1) & mask)
        {
            ref var entry = ref _entries[slot];
            if (entry.Hash == Empty) return -1;
            if (entry.Hash == hash && id.SequenceEqual(_chars.AsSpan(entry.Offset, entry.Length))) return entry.Node;
        }
    }

    /// <summary>Stores the node for an id not stored yet (false, changing nothing, when it is).</summary>
    public bool TryAdd(ReadOnlySpan<char> id, long node) => Set(id, node, replace: false);

    /// <summary>Stores the node for the id, replacing what it had.</summary>
    public void Set(ReadOnlySpan<char> id, long node) => Set(id, node, replace: true);

    private bool Set(ReadOnlySpan<char> id, long node, bool replace)
    {
        if ((ulong)(node + 2) > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(node)); // node ids are below StoreLimits.MaxIds
        if ((Count + 1) * 4 > _entries.Length * 3) Grow();
        var hash = Hash(id);
        var mask = _entries.Length - 1;
        var slot = Home(hash, mask);
        for (; _entries[slot].Hash != Empty; slot = (slot + 1) & mask)
        {
            ref var existing = ref _entries[slot];
            if (existing.Hash != hash || !id.SequenceEqual(_chars.AsSpan(existing.Offset, existing.Length))) continue;
            if (replace) existing.Node = (int)node;
            return false;
        }
        if (_charsUsed + id.Length > _chars.Length)
            Array.Resize(ref _chars, (int)Math.Min(Array.MaxLength, Math.Max(_charsUsed + (long)id.Length, _chars.Length * 2L)));
        id.CopyTo(_chars.AsSpan(_charsUsed));
        _entries[slot] = new Entry { Hash = hash, Offset = _charsUsed, Length = id.Length, Node = (int)node };
        _charsUsed += id.Length;
        Count++;
        return true;
    }

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        var mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Hash == Empty) continue;
            var slot = Home(entry.Hash, mask);
            while (_entries[slot].Hash != Empty) slot = (slot + 1) & mask;
            _entries[slot] = entry;
        }
    }

    private int Hash(ReadOnlySpan<char> id) => (_hashCode(id) & int.MaxValue) | 1;

    /// <summary>The first slot to probe: the hash without its forced lowest bit.</summary>
    private static int Home(int hash, int mask) => (hash >> 1) & mask;
}
