using System.Runtime.Intrinsics.X86;

namespace Graph.Storage.Records;

/// <summary>
/// The relationships a commit creates, written straight into their final adjacency lists by a counting sort over
/// (node, type, direction): a bulk load of millions of relationships then reads the store's columns only sequentially
/// (one pass counts, one scatters each relationship into its start's outgoing and its end's incoming list), and the
/// node loop builds each node's groups from slices that are already filled. At a million nodes the earlier way, a
/// sort by node followed by reading each relationship's type and ends back from the columns in node order, was a
/// cache miss per read and most of the commit. Used only when the commit creates many relationships relative to the
/// node id range and has few types (else the tables would cost more than the per-node lists they replace). Built from
/// the columns once the commit has written them, so the transaction's copy is already freed (<see cref="RelChanges.Consume"/>).
/// <para>
/// A node that had no relationships (and loses none in the commit) gets <em>packed</em> groups: slices of large arrays
/// shared by many nodes (see <see cref="RelGroup"/> and <see cref="AdjacencyArena"/>). The lists of the other nodes are
/// laid out in arrays of their own kind, dropped after the commit, and handed over as relationship ids to
/// <see cref="Adjacency.Apply"/>, which merges them with the node's old groups.
/// </para>
/// </summary>
internal sealed class CreatedByEndpoint
{
    private const int MinimumCreated = 4096;
    /// <summary>Distinct types above which the per-(node, type, direction) tables stop paying.</summary>
    private const int MaxTypes = 64;
    /// <summary>Lists a type can have at a node: outgoing, incoming, self-loops (<see cref="SlotLayout"/>).</summary>
    private const int Lists = 3;
    private const int ChunkBits = 19;
    private const int ChunkLength = AdjacencyArena.ArrayLength;
    private const int SharedUpTo = AdjacencyArena.SharedUpTo;

    private readonly int[] _types;
    private readonly SlotLayout _layout;
    private readonly int _slotsPerNode;
    // Per node n and list l of a type (SlotLayout): slot n * slotsPerNode + l holds the list's entry count and its position.
    // A position >= 0 is chunk * ChunkLength + offset into _packedChunks or _looseChunks (the node decides which); a
    // negative one -(i + 1) names _ownArrays[i], a list too long to share an array. Positions are the list's end
    // while the scatter fills it backwards, and its start afterwards.
    private readonly int[] _counts;
    private readonly int[] _positions;
    private readonly bool[] _packs;
    private readonly List<int[]> _packedChunks = [];
    private readonly List<int[]> _looseChunks = [];
    private readonly List<int[]> _ownArrays = [];
    private readonly int[] _ownFill;
    private readonly bool[] _taken;
    private long[] _scratch = new long[16];

    private CreatedByEndpoint(int[] types, SlotLayout layout, long nodeRange, int[] counts, int[] positions, bool[] packs, int ownCount)
    {
        _types = types;
        _layout = layout;
        _slotsPerNode = layout.SlotsPerNode;
        _counts = counts;
        _positions = positions;
        _packs = packs;
        _ownFill = new int[ownCount];
        _taken = new bool[nodeRange];
    }

    /// <summary>Whether grouping pays for a commit creating <paramref name="creates"/> relationships among <paramref name="nodeRange"/> node ids.</summary>
    public static bool Pays(long creates, long nodeRange) => creates >= MinimumCreated && nodeRange <= creates * 4 && nodeRange < int.MaxValue;

    /// <summary>
    /// The relationships created by commit <paramref name="version"/> with ids in [<paramref name="first"/>, <paramref name="end"/>),
    /// read from the columns (a commit's created ids lie in the range the transaction was handed; the ones of the range
    /// it rolled back or deleted again were never written), or null when the commit has too many types or too wide a
    /// range for the tables (the caller then files them per node). <paramref name="packs"/> says whether a node gets
    /// packed groups (it had none and loses none).
    /// </summary>
    public static CreatedByEndpoint? FromColumns(RelColumns rels, long version, long first, long end, long nodeRange, Func<long, bool> packs)
    {
        if (end <= first || end - first >= int.MaxValue) return null;
        var found = DistinctTypes(rels, version, first, end);
        if (found is null) return null;
        var (types, loops) = found.Value;
        var slotLayout = new SlotLayout(loops);
        var slots = nodeRange * slotLayout.SlotsPerNode;
        if (slots > Math.Max(1L << 20, 4 * (end - first)) || slots >= Array.MaxLength) return null;
        var slotOf = new int[types.Max() + 1];
        for (var t = 0; t < types.Length; t++) slotOf[types[t]] = t;

        var counts = new int[slots];
        // The two directions touch disjoint slots: with a second core, one thread does the starts, the other the ends.
        Both(end - first, () => Count(rels, version, first, end, slotOf, slotLayout, counts, ends: false),
            () => Count(rels, version, first, end, slotOf, slotLayout, counts, ends: true));

        var packing = new bool[nodeRange];
        for (long n = 0; n < nodeRange; n++) packing[n] = packs(n);
        var positions = new int[slots];
        var layout = Layout(counts, positions, packing, slotLayout);
        if (layout is null) return null;
        var created = new CreatedByEndpoint(types, slotLayout, nodeRange, counts, positions, packing, layout.Value.OwnLengths.Count);
        created._packedChunks.AddRange(layout.Value.Packed);
        created._looseChunks.AddRange(layout.Value.Loose);
        foreach (var length in layout.Value.OwnLengths)
        {
            created._ownFill[created._ownArrays.Count] = length;
            created._ownArrays.Add(new int[length]);
        }
        Both(end - first, () => created.Scatter(rels, version, first, end, slotOf, ends: false),
            () => created.Scatter(rels, version, first, end, slotOf, ends: true));
        return created;
    }

    /// <summary>
    /// The types of the created relationships in order of first occurrence, and per type whether any is a self-loop (only
    /// those types get a slot for loops); null when there are too many types.
    /// </summary>
    private static (int[] Types, bool[] Loops)? DistinctTypes(RelColumns rels, long version, long first, long end)
    {
        var types = new List<int>();
        var loops = new bool[MaxTypes];
        int last = -1, lastIndex = -1;
        for (var id = first; id < end; id++)
        {
            if (rels.Created[id] != version) continue;
            var type = rels.Type[id];
            if (type != last)
            {
                lastIndex = types.IndexOf(type);
                if (lastIndex < 0)
                {
                    if (types.Count == MaxTypes || type < 0 || type >= 1 << 20) return null;
                    lastIndex = types.Count;
                    types.Add(type);
                }
                last = type;
            }
            if (rels.Start[id] == rels.End[id]) loops[lastIndex] = true;
        }
        return types.Count == 0 ? null : (types.ToArray(), loops[..types.Count]);
    }

    private static void Both(long rows, Action first, Action second)
    {
        if (rows < 1 << 16 || Environment.ProcessorCount < 2)
        {
            first();
            second();
        }
        else Parallel.Invoke(first, second);
    }

    /// <summary>Entries per list: the outgoing list (and self-loops) at the start node, or the incoming list at the end node.</summary>
    private static void Count(RelColumns rels, long version, long first, long end, int[] slotOf, SlotLayout layout, int[] counts, bool ends)
    {
        for (var id = first; id < end; id++)
        {
            if (id + Ahead < end) Prefetch(counts, SlotOf(rels, id + Ahead, slotOf, layout, ends));
            if (rels.Created[id] != version) continue;
            long start = rels.Start[id], stop = rels.End[id];
            var type = slotOf[rels.Type[id]];
            if (ends)
            {
                if (stop != start) counts[layout.Slot(stop, type, SlotLayout.Incoming)]++;
            }
            else counts[layout.Slot(start, type, stop == start ? SlotLayout.Loops : SlotLayout.Outgoing)]++;
        }
    }

    /// <summary>
    /// How many relationships ahead of the one being counted or placed its table entry (and list position) is fetched:
    /// at a million nodes every entry of the far end is a cache miss, and the loops would otherwise wait for each in turn.
    /// </summary>
    private const int Ahead = 32;

    private static unsafe void Prefetch(int[] table, long index)
    {
        if (!Sse.IsSupported || (ulong)index >= (ulong)table.Length) return;
        fixed (int* entries = table) Sse.Prefetch0(entries + index);
    }

    private readonly record struct Layouts(List<int[]> Packed, List<int[]> Loose, List<int> OwnLengths);

    /// <summary>
    /// Gives every non-empty list a place, node by node (a node's lists next to each other, as <see cref="AdjacencyArena"/>
    /// would), and sets its position to the list's end. Null when the positions do not fit an int.
    /// </summary>
    private static Layouts? Layout(int[] counts, int[] positions, bool[] packing, SlotLayout layout)
    {
        var packed = new List<int[]>();
        var loose = new List<int[]>();
        var own = new List<int>();
        int packedUsed = ChunkLength, looseUsed = ChunkLength; // full: the first list opens a chunk
        var slotsPerNode = layout.SlotsPerNode;
        for (var n = 0; n < packing.Length; n++)
        {
            var chunks = packing[n] ? packed : loose;
            ref var used = ref packing[n] ? ref packedUsed : ref looseUsed;
            for (var index = 0; index < slotsPerNode; index++)
            {
                var slot = n * slotsPerNode + index;
                var count = counts[slot];
                if (count == 0) continue;
                var ints = count * layout.IntsPerEntry(index);
                if (ints > SharedUpTo)
                {
                    own.Add(ints);
                    positions[slot] = -own.Count;
                    continue;
                }
                if (used + ints > ChunkLength)
                {
                    if (chunks.Count >= int.MaxValue >> ChunkBits) return null;
                    chunks.Add(new int[ChunkLength]);
                    used = 0;
                }
                used += ints;
                positions[slot] = ((chunks.Count - 1) << ChunkBits) + used;
            }
        }
        return new Layouts(packed, loose, own);
    }

    /// <summary>
    /// Writes each relationship into its list, from the highest id down and each list from its end, so every list ends
    /// in id order (creation order, as the per-node lists kept it) and its position ends at its start.
    /// </summary>
    private void Scatter(RelColumns rels, long version, long first, long end, int[] slotOf, bool ends)
    {
        var layout = _layout;
        for (var id = end - 1; id >= first; id--)
        {
            // The list's position ahead (fetching where the list is written too, a second stage, measured slower).
            if (id - Ahead >= first) Prefetch(_positions, SlotOf(rels, id - Ahead, slotOf, layout, ends));
            if (rels.Created[id] != version) continue;
            long start = rels.Start[id], stop = rels.End[id];
            var type = slotOf[rels.Type[id]];
            if (ends)
            {
                if (stop == start) continue;
                var node = stop;
                var at = Claim(node, layout.Slot(node, type, SlotLayout.Incoming), 2, out var array);
                array[at] = (int)id;
                array[at + 1] = (int)start;
            }
            else if (stop == start)
            {
                var at = Claim(start, layout.Slot(start, type, SlotLayout.Loops), 1, out var array);
                array[at] = (int)id;
            }
            else
            {
                var at = Claim(start, layout.Slot(start, type, SlotLayout.Outgoing), 2, out var array);
                array[at] = (int)id;
                array[at + 1] = (int)stop;
            }
        }
    }

    /// <summary>The slot a relationship goes to at its start (or at its end), self-loops in the start's loop list.</summary>
    private static long SlotOf(RelColumns rels, long id, int[] slotOf, SlotLayout layout, bool ends)
    {
        long start = rels.Start[id], stop = rels.End[id];
        var node = ends ? stop : start;
        return layout.Slot(node, slotOf[rels.Type[id]], ends ? SlotLayout.Incoming : stop == start ? SlotLayout.Loops : SlotLayout.Outgoing);
    }

    /// <summary>Moves the list's position back by <paramref name="ints"/>: the array and offset to write them at.</summary>
    private int Claim(long node, long slot, int ints, out int[] array)
    {
        ref var position = ref _positions[slot];
        if (position < 0)
        {
            var own = -position - 1;
            array = _ownArrays[own];
            return _ownFill[own] -= ints;
        }
        position -= ints;
        array = (_packs[node] ? _packedChunks : _looseChunks)[position >> ChunkBits];
        return position & (ChunkLength - 1);
    }

    /// <summary>The list of a slot: its array, where it starts and its length in ints.</summary>
    private (int[] Array, int Start, int Length) List(long node, long slot)
    {
        if (slot < 0) return ([], 0, 0);
        var count = _counts[slot];
        if (count == 0) return ([], 0, 0);
        var ints = count * _layout.IntsPerEntry((int)(slot - node * _slotsPerNode));
        var position = _positions[slot];
        if (position < 0) return (_ownArrays[-position - 1], 0, ints);
        return ((_packs[node] ? _packedChunks : _looseChunks)[position >> ChunkBits], position & (ChunkLength - 1), ints);
    }

    /// <summary>Whether the node gets packed groups from <see cref="TakeGroups"/> (else its relationships come from <see cref="Take"/>).</summary>
    public bool Packs(long node) => node >= 0 && node < _packs.Length && _packs[node];

    /// <summary>
    /// The packed groups of a node that had none (empty when nothing was created at it), marking the node as applied; the
    /// groups in the order their types first occur in its relationships, as <see cref="Adjacency.Packed"/> orders them.
    /// </summary>
    public RelGroup[] TakeGroups(long node)
    {
        if (node < 0 || node >= _taken.Length) return [];
        _taken[node] = true;
        var typeCount = _types.Length;
        Span<int> firsts = stackalloc int[MaxTypes];
        Span<int> order = stackalloc int[MaxTypes];
        var groups = 0;
        for (var t = 0; t < typeCount; t++)
        {
            var lowest = int.MaxValue;
            for (var k = 0; k < Lists; k++)
            {
                var (array, start, length) = List(node, _layout.SlotOrNone(node, t, k));
                if (length > 0) lowest = Math.Min(lowest, array[start]);
            }
            if (lowest == int.MaxValue) continue;
            // Insertion by the type's first relationship id: a node has few types.
            var at = groups++;
            while (at > 0 && firsts[at - 1] > lowest)
            {
                firsts[at] = firsts[at - 1];
                order[at] = order[at - 1];
                at--;
            }
            firsts[at] = lowest;
            order[at] = t;
        }
        if (groups == 0) return [];
        var result = new RelGroup[groups];
        for (var g = 0; g < groups; g++)
        {
            var (o, oStart, oLength) = List(node, _layout.SlotOrNone(node, order[g], SlotLayout.Outgoing));
            var (i, iStart, iLength) = List(node, _layout.SlotOrNone(node, order[g], SlotLayout.Incoming));
            var (l, lStart, lLength) = List(node, _layout.SlotOrNone(node, order[g], SlotLayout.Loops));
            result[g] = new RelGroup(_types[order[g]], o, oStart, oLength, i, iStart, iLength, l, lStart, lLength, packed: true);
        }
        return result;
    }

    /// <summary>The ids of the relationships created at the node, in id order (empty for none), marking the node as applied; valid until the next call.</summary>
    public ReadOnlySpan<long> Take(long node)
    {
        if (node < 0 || node >= _taken.Length) return [];
        _taken[node] = true;
        var count = 0;
        for (var slot = node * _slotsPerNode; slot < (node + 1) * _slotsPerNode; slot++) count += _counts[slot];
        if (count > _scratch.Length) _scratch = new long[Math.Max(count, _scratch.Length * 2)];
        var at = 0;
        for (var slot = node * _slotsPerNode; slot < (node + 1) * _slotsPerNode; slot++)
        {
            var (array, start, length) = List(node, slot);
            var stride = _layout.IntsPerEntry((int)(slot - node * _slotsPerNode));
            for (var k = 0; k < length; k += stride) _scratch[at++] = array[start + k];
        }
        var ids = _scratch.AsSpan(0, count);
        ids.Sort();
        return ids;
    }

    /// <summary>Nodes that gained relationships and were not taken yet, in id order.</summary>
    public IEnumerable<long> Remaining()
    {
        for (long n = 0; n < _taken.Length; n++)
        {
            if (_taken[n]) continue;
            for (var slot = n * _slotsPerNode; slot < (n + 1) * _slotsPerNode; slot++)
                if (_counts[slot] > 0) { yield return n; break; }
        }
    }
}
