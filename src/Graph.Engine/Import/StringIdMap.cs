using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Graph.Engine.Import;

/// <summary>
/// String ids of one label to node ids, for resolving the ends of millions of relationship rows. Open addressing over
/// one array of 24-byte entries. An id of at most 16 ASCII characters (no NUL) — the usual key: "e0001234", "Q42",
/// "user_123456" — is held in the entry itself as 16 bytes, so a lookup reads one entry and nothing else: at a million ids
/// each further read is a cache miss, and with the characters kept apart (one shared char array, as longer ids still are)
/// resolving the ends took ~70% of the reading thread, which bounds the import's reading phase. <see cref="Prefetch"/> lets
/// the reader start the lookups of a few rows before it needs their answers.
/// </summary>
internal sealed class StringIdMap
{
    private const int Empty = 0;
    private const int InlineLength = 16;
    /// <summary>Marks <see cref="Entry.High"/> of an id kept in the char array (inline ids are ASCII: their top bit is 0).</summary>
    private const ulong Spilled = 1UL << 63;

    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        /// <summary>The id's hash code with the lowest bit set (so never <see cref="Empty"/>); 0 = free slot.</summary>
        public int Hash;
        public int Node;
        /// <summary>Inline id: its first 8 bytes (zero-padded). Spilled id: its offset in the char array.</summary>
        public ulong Low;
        /// <summary>Inline id: bytes 8 to 15 (zero-padded). Spilled id: <see cref="Spilled"/> | its length.</summary>
        public ulong High;
    }

    /// <summary>An id as compared: either its 16 inline bytes, or the spilled marker with its length.</summary>
    private readonly struct Key(ulong low, ulong high)
    {
        public readonly ulong Low = low;
        public readonly ulong High = high;
        public bool IsSpilled => (High & Spilled) != 0;
    }

    private readonly Func<ReadOnlySpan<char>, int>? _hashCode;
    // Unknown outside the process, so that crafted ids cannot be made to share one probe chain.
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64();
    private Entry[] _entries = new Entry[16];
    private char[] _chars = [];
    private int _charsUsed;

    public StringIdMap() { }

    /// <summary>With a hash function of the caller's (tests force collisions with it).</summary>
    internal StringIdMap(Func<ReadOnlySpan<char>, int> hashCode) => _hashCode = hashCode;

    public int Count { get; private set; }

    /// <summary>The node stored for this id, or -1.</summary>
    public long Find(ReadOnlySpan<char> id)
    {
        var key = KeyOf(id);
        var hash = Hash(id, key);
        var mask = _entries.Length - 1;
        for (var slot = Home(hash, mask); ; slot = (slot + 1) & mask)
        {
            ref var entry = ref _entries[slot];
            if (entry.Hash == Empty) return -1;
            if (entry.Hash == hash && Matches(entry, id, key)) return entry.Node;
        }
    }

    /// <summary>
    /// Asks the processor to bring the id's first entry into the cache, so that a <see cref="Find"/> of it a few rows later
    /// does not wait for memory: at a million ids every lookup is a miss, and several in flight at once overlap their waits.
    /// </summary>
    public unsafe void Prefetch(ReadOnlySpan<char> id)
    {
        if (!Sse.IsSupported) return;
        var key = KeyOf(id);
        fixed (Entry* entry = &_entries[Home(Hash(id, key), _entries.Length - 1)]) Sse.Prefetch0(entry);
    }

    /// <summary>Stores the node for an id not stored yet (false, changing nothing, when it is).</summary>
    public bool TryAdd(ReadOnlySpan<char> id, long node) => Set(id, node, replace: false);

    /// <summary>Stores the node for the id, replacing what it had.</summary>
    public void Set(ReadOnlySpan<char> id, long node) => Set(id, node, replace: true);

    private bool Set(ReadOnlySpan<char> id, long node, bool replace)
    {
        if ((ulong)(node + 2) > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(node)); // node ids are below StoreLimits.MaxIds
        if ((Count + 1) * 4 > _entries.Length * 3) Grow();
        var key = KeyOf(id);
        var hash = Hash(id, key);
        var mask = _entries.Length - 1;
        var slot = Home(hash, mask);
        for (; _entries[slot].Hash != Empty; slot = (slot + 1) & mask)
        {
            ref var existing = ref _entries[slot];
            if (existing.Hash != hash || !Matches(existing, id, key)) continue;
            if (replace) existing.Node = (int)node;
            return false;
        }
        if (key.IsSpilled) key = Spill(id);
        _entries[slot] = new Entry { Hash = hash, Node = (int)node, Low = key.Low, High = key.High };
        Count++;
        return true;
    }

    /// <summary>Copies a long or non-ASCII id into the char array; its key then names where it is.</summary>
    private Key Spill(ReadOnlySpan<char> id)
    {
        if (_charsUsed + id.Length > _chars.Length)
            Array.Resize(ref _chars, (int)Math.Min(Array.MaxLength, Math.Max(_charsUsed + (long)id.Length, Math.Max(256, _chars.Length * 2L))));
        id.CopyTo(_chars.AsSpan(_charsUsed));
        var key = new Key((ulong)_charsUsed, Spilled | (uint)id.Length);
        _charsUsed += id.Length;
        return key;
    }

    private bool Matches(in Entry entry, ReadOnlySpan<char> id, Key key)
    {
        if (!key.IsSpilled) return entry.Low == key.Low && entry.High == key.High;
        // Both spilled and of one length (High holds the marker and the length): compare the characters.
        return entry.High == key.High && id.SequenceEqual(_chars.AsSpan((int)entry.Low, id.Length));
    }

    /// <summary>
    /// The id's 16 inline bytes when it has at most 16 ASCII characters and no NUL (the zero padding must not be
    /// mistaken for a character); otherwise the spilled marker with its length (the offset is set when it is stored).
    /// </summary>
    private static Key KeyOf(ReadOnlySpan<char> id)
    {
        if (id.Length <= InlineLength)
        {
            Span<byte> bytes = stackalloc byte[InlineLength];
            bytes.Clear();
            if (Ascii.FromUtf16(id, bytes, out _) == System.Buffers.OperationStatus.Done && !id.Contains('\0'))
                return new Key(MemoryMarshal.Read<ulong>(bytes), MemoryMarshal.Read<ulong>(bytes[8..]));
        }
        return new Key(0, Spilled | (uint)id.Length);
    }

    /// <summary>The most slots any stored id lies past its first one (tests check that the hash spreads ids).</summary>
    internal int LongestChain()
    {
        var mask = _entries.Length - 1;
        var longest = 0;
        for (var slot = 0; slot < _entries.Length; slot++)
            if (_entries[slot].Hash != Empty) longest = Math.Max(longest, (slot - Home(_entries[slot].Hash, mask)) & mask);
        return longest;
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

    /// <summary>
    /// Inline ids mix their two words with a random seed of the map's (all 128 bits take part: folding a word to 32 bits
    /// first, as <c>ulong.GetHashCode</c> does, maps "e0001234"-like ids onto few codes and the probe chains grew to ~50);
    /// spilled ids hash their characters like strings do.
    /// </summary>
    private int Hash(ReadOnlySpan<char> id, Key key)
    {
        int code;
        if (_hashCode is not null) code = _hashCode(id);
        else if (key.IsSpilled) code = string.GetHashCode(id);
        else
        {
            var mixed = Mix(Mix(key.Low ^ _seed) ^ key.High);
            code = (int)(mixed ^ (mixed >> 32));
        }
        return (code & int.MaxValue) | 1;
    }

    /// <summary>A 64-bit finalizer (MurmurHash3's): every input bit changes about half of the output bits.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    /// <summary>The first slot to probe: the hash without its forced lowest bit.</summary>
    private static int Home(int hash, int mask) => (hash >> 1) & mask;
}
