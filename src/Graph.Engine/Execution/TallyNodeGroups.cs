using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The tallied nodes of a <see cref="ChainCountOp"/> whose one grouping key is a property of its last hop's far node
/// (<c>b.id</c>) and whose rows an ORDER BY count(*) ... LIMIT above cuts: each node that passed the conjuncts is kept
/// with its count and either its key's value or, when the flush read the store's string codes instead
/// (<see cref="AddCoded"/>), the value's code; nothing is interned until the end (<see cref="Settle"/>), and a coded
/// node's value is read only if the top compares or returns its group.
/// Then, when the store's string codes show that no two of the nodes hold the same value (ids) — or, each node kept once
/// with a string or none, the store knows that no two nodes hold the same string (<see cref="StorageTransaction.NodeStringsDistinct"/>:
/// then the codes are not compared) —, each node is a group of
/// its own (the nodes without a value one group together), and only the groups the sort can return are interned: an
/// expert's thousand allies were a thousand interned id strings for the ten rows returned. Otherwise every value is
/// interned in the order it came, as the flush did before (<see cref="TallyKeyCounts"/>).
/// <para>
/// Why the groups are the same: a group is a key value; nodes with pairwise different values (different string codes
/// mean different strings) make one group each, with the node's count and at the place of its first path; the nodes
/// without a value (null) make one group at the place of the first of them, their counts summed. Strings are only
/// identical or different (never equivalent), so no merging at the end is skipped.
/// </para>
/// A thread keeps one returned table for its next statement, its values cleared over the nodes used.
/// </summary>
internal sealed class TallyNodeGroups
{
    /// <summary>Bytes per node counted against the memory limit: its id, its value's reference, its count, its code, its rank, its place in the lists of better or tied groups.</summary>
    private const long NodeBytes = 8 + 8 + 8 + 4 + 4 + 4 + 4;

    /// <summary>The code kept for a node added with its value (not a code the store gives: even, neither 0 nor 2).</summary>
    private const int HeldValue = 4;

    /// <summary>Tables holding more nodes than this are not kept for the next statement.</summary>
    internal const int MaxKept = 1 << 16;

    [ThreadStatic] private static TallyNodeGroups? t_spare;

    private long[] _nodes = new long[64];
    private object?[] _values = new object?[64];
    private long[] _counts = new long[64];
    private int[] _codes = new int[64];
    // the tied groups' ranks in their values' order, read at the end
    private int[] _ranks = new int[64];
    // at the end: the groups counted better than the cut (all returned), those tied at it, the tied ones chosen
    private int[] _better = new int[64];
    private int[] _tied = new int[64];
    private readonly int[] _pick = new int[ChainCountTop.TiesChosen];
    private int[] _seen = new int[128];
    // the values read at the end, 64 at a time
    private readonly object?[] _read = new object?[TallyFlush.BatchSize];
    private int _count;
    // nodes kept with their values (Add), not their codes only (AddCoded)
    private int _heldValues;
    // of the nodes kept with codes: those without a value, those with a value of another type than string
    private int _noValues, _otherValues;
    // a flush began when nodes were kept already: a node may be kept twice (once per start row)
    private bool _mayRepeat;
    private long _reserved;
    private MemoryAccount? _account;

    private TallyNodeGroups() { }

    /// <summary>Nodes kept so far.</summary>
    public int Count => _count;

    /// <summary>An empty table, the thread's kept one if any; its nodes are counted against <paramref name="account"/>.</summary>
    public static TallyNodeGroups Rent(MemoryAccount account)
    {
        var table = t_spare ?? new TallyNodeGroups();
        t_spare = null;
        table._account = account;
        table._reserved = 0;
        return table;
    }

    /// <summary>Drops the values held and keeps the table for the thread's next <see cref="Rent"/> unless it grew large.</summary>
    public void Return()
    {
        Array.Clear(_values, 0, _count);
        _count = 0;
        _heldValues = 0;
        _noValues = _otherValues = 0;
        _mayRepeat = false;
        _account = null;
        if (_nodes.Length <= MaxKept) t_spare = this;
    }

    /// <summary>Keeps node <paramref name="node"/> with its key's <paramref name="value"/> and its (positive) <paramref name="count"/>.</summary>
    public void Add(long node, object? value, long count)
    {
        var at = Append(node, count);
        _values[at] = value;
        _codes[at] = HeldValue;
        _heldValues++;
    }

    /// <summary>
    /// Keeps node <paramref name="node"/> with its (positive) <paramref name="count"/> and the store's string code of its
    /// key's value (<see cref="StorageTransaction.TryReadNodeStringCodes"/>), the value not read: <see cref="Settle"/>
    /// reads it for the groups that need it.
    /// </summary>
    public void AddCoded(long node, int code, long count)
    {
        var at = Append(node, count); // (may grow _codes: not read before)
        _codes[at] = code;
        _noValues += NoValue(code);
        _otherValues += OtherValue(code);
    }

    /// <summary>Called as a flush begins: nodes kept by an earlier one may come again.</summary>
    public void BeginFlush() => _mayRepeat |= _count > 0;

    /// <summary>1 for the code of no value, else 0.</summary>
    private static int NoValue(int code) => code == StorageTransaction.NoValueCode ? 1 : 0;

    /// <summary>1 for the code of a value that is not a string (even, not no value's), else 0.</summary>
    private static int OtherValue(int code) => (code & 1) == 0 && code != StorageTransaction.NoValueCode ? 1 : 0;

    /// <summary>
    /// <see cref="AddCoded(long, int, long)"/> for each of <paramref name="nodes"/> that <paramref name="passes"/>, in
    /// order: a flush's batch, room made once.
    /// </summary>
    public void AddCoded(ReadOnlySpan<long> nodes, ReadOnlySpan<int> codes, ReadOnlySpan<long> counts, ReadOnlySpan<bool> passes)
    {
        var n = nodes.Length;
        while (_count + n > _reserved) ReserveMore();
        if (_count + n > _nodes.Length) GrowTo(_count + n);
        var at = _count;
        var kept = _nodes;
        var keptCounts = _counts;
        var keptCodes = _codes;
        int noValues = 0, otherValues = 0;
        for (var j = 0; j < n; j++)
        {
            // every node written, the next one over it when it does not pass (no branch to mispredict)
            var code = codes[j];
            var pass = passes[j] ? 1 : 0;
            kept[at] = nodes[j];
            keptCounts[at] = counts[j];
            keptCodes[at] = code;
            noValues += pass & NoValue(code);
            otherValues += pass & OtherValue(code);
            at += pass;
        }
        _count = at;
        _noValues += noValues;
        _otherValues += otherValues;
    }

    private int Append(long node, long count)
    {
        if (_count == _reserved) ReserveMore();
        if (_count == _nodes.Length) GrowTo(_count + 1);
        _nodes[_count] = node;
        _counts[_count] = count;
        return _count++;
    }

    /// <summary>
    /// Adds the kept nodes' groups to <paramref name="groups"/> (empty): only those the sort above can return when it keeps
    /// <paramref name="kept"/> rows, when the nodes' values of property <paramref name="key"/> are known to differ;
    /// otherwise through <paramref name="byKey"/> as interned values. <paramref name="interner"/>: the key's. Returns
    /// whether the groups were made per node (false: through the interned values).
    /// </summary>
    public bool Settle(QueryContext ctx, int key, TupleCounts groups, ChainCountTop top, long kept, KeyInterner interner, TallyKeyCounts byKey)
    {
        if (_count == 0) return false;
        if (_heldValues == 0 && kept >= 0 && key >= 0)
        {
            // each node kept once, strings only, and the store knows its strings differ: no codes compared
            var noValues = _noValues;
            if ((!_mayRepeat && _otherValues == 0 && ctx.Tx.NodeStringsDistinct(key)) || CodesDiffer(out noValues))
            {
                SettleCoded(ctx, key, groups, top, kept, interner, noValues);
                return true;
            }
        }
        ReadMissingValues(ctx, key);
        if (kept >= 0 && key >= 0 && EachValueOnce(ctx, key))
        {
            var groupCount = GroupInPlace();
            var chosen = top.CandidatesOfOneKey(_counts.AsSpan(0, groupCount), _values.AsSpan(0, groupCount), kept);
            var tuple = new int[1];
            for (var g = 0; g < groupCount; g++)
            {
                if (chosen is not null && !chosen[g]) continue;
                tuple[0] = interner.Intern(_values[g]);
                groups.Add(tuple, _counts[g]);
            }
            return true;
        }
        for (var i = 0; i < _count; i++) byKey.Add(interner.Intern(_values[i]), _counts[i]);
        byKey.MoveTo(groups, top, kept, interner);
        return false;
    }

    /// <summary>
    /// <see cref="Settle"/> for nodes kept with their codes only, pairwise different strings or no value
    /// (<paramref name="noValues"/> of them): the groups as <see cref="GroupInPlace"/> makes them, and the values read only
    /// of the groups tied at the count the top cuts at (the sort compares those) and of the groups returned. One pass over
    /// the groups after the cut's count: the better ones (all returned) and the tied ones listed; the tied ones' choice
    /// and the reads then go over those lists only (an expert's thousand allies at count 1 or 2 are not scanned again).
    /// </summary>
    private void SettleCoded(QueryContext ctx, int key, TupleCounts groups, ChainCountTop top, long kept, KeyInterner interner, int noValues)
    {
        // the nodes without a value are one group: moved together only when there are two of them or more
        var groupCount = noValues > 1 ? GroupCodedInPlace() : _count;
        if (kept >= groupCount)
        {
            ReadAllValues(ctx, key, groupCount);
            var tuple = new int[1];
            for (var g = 0; g < groupCount; g++)
            {
                tuple[0] = interner.Intern(_values[g]);
                groups.Add(tuple, _counts[g]);
            }
            return;
        }
        if (kept == 0) return;
        var counts = _counts.AsSpan(0, groupCount);
        var threshold = top.KeptBestCount(counts, kept);
        if (_better.Length < groupCount) _better = new int[_nodes.Length];
        if (_tied.Length < groupCount) _tied = new int[_nodes.Length];
        var betterCount = 0;
        var tiedCount = 0;
        for (var g = 0; g < counts.Length; g++)
        {
            var count = counts[g];
            if (count == threshold) _tied[tiedCount++] = g;
            else if (top.Worse(threshold, count)) _better[betterCount++] = g;
        }
        var better = _better.AsSpan(0, betterCount);
        var tied = _tied.AsSpan(0, tiedCount);
        // fewer are better than kept (the threshold is the kept-th best count), so at least one tied group is wanted
        var wanted = (int)Math.Min(kept - betterCount, int.MaxValue);
        ReadOnlySpan<int> chosenTied;
        if (top.TieKeys is null || wanted > ChainCountTop.TiesChosen) chosenTied = tied; // all of them go to the sort
        else if (top.TieKeys.Length == 0) chosenTied = tied[..Math.Min(wanted, tiedCount)]; // the first to come
        else if (ReadRanks(ctx, key, groupCount, tied)) chosenTied = _pick.AsSpan(0, top.ChooseTiedByRank(tied, _ranks, wanted, _pick));
        else
        {
            ReadValues(ctx, key, groupCount, threshold);
            var chosen = top.CandidatesOfOneKey(counts, _values.AsSpan(0, groupCount), kept, threshold);
            var picked = 0;
            foreach (var g in tied)
                if (chosen[g]) _pick[picked++] = g;
            chosenTied = _pick.AsSpan(0, picked);
        }
        // the returned groups' values not read yet, in batched reads (one by one, each waited for the store's two
        // dependent loads: the 16 allies of a small expert took longer than comparing all their ids)
        ReadChosenValues(ctx, key, better);
        ReadChosenValues(ctx, key, chosenTied);
        AddGroups(groups, interner, better, chosenTied);
    }

    /// <summary>Adds the groups numbered in <paramref name="first"/> and <paramref name="second"/> (each ascending) in the groups' order.</summary>
    private void AddGroups(TupleCounts groups, KeyInterner interner, ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        var tuple = new int[1];
        int i = 0, j = 0;
        while (i < first.Length || j < second.Length)
        {
            var g = j >= second.Length || (i < first.Length && first[i] < second[j]) ? first[i++] : second[j++];
            tuple[0] = interner.Intern(_values[g]);
            groups.Add(tuple, _counts[g]);
        }
    }

    /// <summary>
    /// The values of the groups whose count is <paramref name="count"/> (none without a value), read 64 at a time; when
    /// three quarters or more are tied, every group's.
    /// </summary>
    private void ReadValues(QueryContext ctx, int key, int groupCount, long count)
    {
        var tied = 0;
        for (var g = 0; g < groupCount; g++)
            if (_counts[g] == count) tied++;
        if (tied * 4L >= groupCount * 3L)
        {
            // nearly every group tied (an expert whose allies share one claim each): every group's value read in one
            // call, straight into place (a node without a value reads as null)
            ctx.Tx.ReadNodeProperty(_nodes.AsSpan(0, groupCount), key, _values.AsSpan(0, groupCount));
            return;
        }
        ReadValuesWhere(ctx, key, groupCount, g => _counts[g] == count && _codes[g] != StorageTransaction.NoValueCode);
    }

    /// <summary>
    /// The ranks of the values of the <paramref name="tied"/> groups in the values' order
    /// (<see cref="StorageTransaction.TryReadNodeStringRanks"/>) at their numbers in <see cref="_ranks"/>, 64 at a time;
    /// when three quarters or more are tied, every group's in one call. False when the store has no ranks at hand (then
    /// the values are read).
    /// </summary>
    private bool ReadRanks(QueryContext ctx, int key, int groupCount, ReadOnlySpan<int> tied)
    {
        if (_ranks.Length < groupCount) _ranks = new int[_nodes.Length];
        if (tied.Length * 4L >= groupCount * 3L) return ctx.Tx.TryReadNodeStringRanks(_nodes.AsSpan(0, groupCount), key, _ranks.AsSpan(0, groupCount));
        Span<long> nodes = stackalloc long[TallyFlush.BatchSize];
        Span<int> ranks = stackalloc int[TallyFlush.BatchSize];
        for (var start = 0; start < tied.Length; start += nodes.Length)
        {
            var at = tied.Slice(start, Math.Min(nodes.Length, tied.Length - start));
            for (var i = 0; i < at.Length; i++) nodes[i] = _nodes[at[i]];
            if (!ctx.Tx.TryReadNodeStringRanks(nodes[..at.Length], key, ranks[..at.Length])) return false;
            for (var i = 0; i < at.Length; i++) _ranks[at[i]] = ranks[i];
        }
        return true;
    }

    /// <summary>The values not read yet of the groups numbered in <paramref name="chosen"/>, 64 at a time.</summary>
    private void ReadChosenValues(QueryContext ctx, int key, ReadOnlySpan<int> chosen)
    {
        var reads = new BatchedReads(this, ctx, key, stackalloc long[TallyFlush.BatchSize], stackalloc int[TallyFlush.BatchSize]);
        foreach (var g in chosen)
            if (NotRead(g)) reads.Add(g);
        reads.Finish();
    }

    /// <summary>The values not read yet of the first <paramref name="groupCount"/> groups, 64 at a time.</summary>
    private void ReadAllValues(QueryContext ctx, int key, int groupCount)
    {
        var reads = new BatchedReads(this, ctx, key, stackalloc long[TallyFlush.BatchSize], stackalloc int[TallyFlush.BatchSize]);
        for (var g = 0; g < groupCount; g++)
            if (NotRead(g)) reads.Add(g);
        reads.Finish();
    }

    /// <summary>Whether group <paramref name="g"/> has a value that is not read yet.</summary>
    private bool NotRead(int g) => _values[g] is null && _codes[g] != StorageTransaction.NoValueCode;

    /// <summary>The values of the nodes kept with their codes only (before settling through the values).</summary>
    private void ReadMissingValues(QueryContext ctx, int key)
    {
        if (_heldValues == _count) return;
        ReadValuesWhere(ctx, key, _count, i => _codes[i] != HeldValue);
    }

    /// <summary>The values of the entries below <paramref name="count"/> that are <paramref name="wanted"/>, read 64 at a time into place.</summary>
    private void ReadValuesWhere(QueryContext ctx, int key, int count, Func<int, bool> wanted)
    {
        var reads = new BatchedReads(this, ctx, key, stackalloc long[TallyFlush.BatchSize], stackalloc int[TallyFlush.BatchSize]);
        for (var i = 0; i < count; i++)
            if (wanted(i)) reads.Add(i);
        reads.Finish();
    }

    /// <summary>
    /// Entries' values read into place in batches (one store call per batch, not one per node: each read waits for the
    /// store's two dependent loads): <see cref="Add"/> the entries, then <see cref="Finish"/>.
    /// </summary>
    private ref struct BatchedReads(TallyNodeGroups owner, QueryContext ctx, int key, Span<long> nodes, Span<int> at)
    {
        private readonly Span<long> _nodes = nodes;
        private readonly Span<int> _at = at;
        private int _n;

        public void Add(int entry)
        {
            _nodes[_n] = owner._nodes[entry];
            _at[_n++] = entry;
            if (_n < _nodes.Length) return;
            owner.ReadInto(ctx, key, _nodes, _at);
            _n = 0;
        }

        public void Finish()
        {
            if (_n > 0) owner.ReadInto(ctx, key, _nodes[.._n], _at[.._n]);
            _n = 0;
        }
    }

    private void ReadInto(QueryContext ctx, int key, ReadOnlySpan<long> nodes, ReadOnlySpan<int> at)
    {
        var values = _read.AsSpan(0, nodes.Length);
        if (key < 0) values.Clear();
        else ctx.Tx.ReadNodeProperty(nodes, key, values);
        for (var i = 0; i < at.Length; i++) _values[at[i]] = values[i];
        values.Clear();
    }

    /// <summary>
    /// Whether the codes kept say that the nodes hold pairwise different strings or no value: a node kept twice (flushed
    /// for two start rows) has one code twice, a value of another type an even code.
    /// </summary>
    private bool CodesDiffer(out int noValues)
    {
        noValues = 0;
        var seen = Seen();
        var shift = 32 - System.Numerics.BitOperations.Log2((uint)seen.Length);
        for (var i = 0; i < _count; i++)
        {
            var code = _codes[i];
            if (code == StorageTransaction.NoValueCode)
            {
                noValues++;
                continue;
            }
            if ((code & 1) == 0) return false;
            if (!FirstSeen(seen, shift, code)) return false;
        }
        return true;
    }

    /// <summary>The table of codes seen, cleared, at least twice the nodes' number of slots.</summary>
    private Span<int> Seen()
    {
        var size = 128;
        while (size < 2 * _count) size *= 2;
        if (_seen.Length < size) _seen = new int[size];
        var seen = _seen.AsSpan(0, size);
        seen.Clear();
        return seen;
    }

    /// <summary>Records the odd <paramref name="code"/> in <paramref name="seen"/>; false when it was there already.</summary>
    private static bool FirstSeen(Span<int> seen, int shift, int code)
    {
        // codes are odd, never 0 (an empty slot); the hash code spreads them already, the multiply mixes its high bits
        var slot = (int)((uint)(code * -1640531535) >> shift);
        while (seen[slot] != 0)
        {
            if (seen[slot] == code) return false;
            slot = (slot + 1) & (seen.Length - 1);
        }
        seen[slot] = code;
        return true;
    }

    /// <summary>As <see cref="GroupInPlace"/> for nodes kept with their codes: the nodes, counts and codes moved in place.</summary>
    private int GroupCodedInPlace()
    {
        var groups = 0;
        var nullGroup = -1;
        for (var i = 0; i < _count; i++)
        {
            var noValue = _codes[i] == StorageTransaction.NoValueCode;
            if (noValue && nullGroup >= 0)
            {
                _counts[nullGroup] += _counts[i];
                continue;
            }
            if (noValue) nullGroup = groups;
            _nodes[groups] = _nodes[i];
            _counts[groups] = _counts[i];
            _codes[groups] = _codes[i];
            groups++;
        }
        return groups;
    }

    /// <summary>
    /// Whether every kept node holds a string or no value, and no two of the strings can be equal (their codes differ):
    /// a node kept twice (flushed for two start rows) has one code twice and answers false.
    /// </summary>
    private bool EachValueOnce(QueryContext ctx, int key)
    {
        var codes = _codes.AsSpan(0, _count);
        if (!ctx.Tx.TryReadNodeStringCodes(_nodes.AsSpan(0, _count), key, codes)) return false;
        var seen = Seen();
        var shift = 32 - System.Numerics.BitOperations.Log2((uint)seen.Length);
        for (var i = 0; i < _count; i++)
        {
            var code = codes[i];
            // the value read by the flush decides what the node holds; a code only tells strings apart
            if (_values[i] is null) continue;
            if ((code & 1) == 0) return false; // not a string (or not the value read)
            if (!FirstSeen(seen, shift, code)) return false;
        }
        return true;
    }

    /// <summary>
    /// Makes the kept nodes their groups, in place and in order: each node with a value its own, the nodes without one a
    /// single group where the first of them came, its count their sum. Returns the number of groups.
    /// </summary>
    private int GroupInPlace()
    {
        var groups = 0;
        var nullGroup = -1;
        for (var i = 0; i < _count; i++)
        {
            if (_values[i] is null && nullGroup >= 0)
            {
                _counts[nullGroup] += _counts[i];
                continue;
            }
            if (_values[i] is null) nullGroup = groups;
            _values[groups] = _values[i];
            _counts[groups] = _counts[i];
            groups++;
        }
        Array.Clear(_values, groups, _count - groups);
        return groups;
    }

    /// <summary>Room for at least <paramref name="entries"/> nodes (doubling).</summary>
    private void GrowTo(int entries)
    {
        var size = _nodes.Length;
        while (size < entries) size *= 2;
        Array.Resize(ref _nodes, size);
        Array.Resize(ref _values, size);
        Array.Resize(ref _counts, size);
        Array.Resize(ref _codes, size);
    }

    private void ReserveMore()
    {
        var more = Math.Max(64, _reserved);
        _account!.Reserve(NodeBytes * more);
        _reserved += more;
    }
}
