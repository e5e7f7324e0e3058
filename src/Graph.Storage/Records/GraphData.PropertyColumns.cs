using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Graph.Storage.Records;

/// <summary>
/// Node property reads through <see cref="PropertyColumn"/>s. A key whose reads since its last change would have cost
/// more than a column of every node gets one (at most <see cref="MaxColumns"/>); a commit that changes the key's value
/// of any node drops it before it changes a record, so a reader whose snapshot is at or after the column's
/// <see cref="PropertyColumn.ValidFrom"/> and that can still reach the column sees exactly the values the records give it.
/// <para>
/// Why: a reader at version V reaches a column only if no commit dropped it before V was published. A commit that
/// changes the key, at a version C with ValidFrom &lt; C ≤ V, drops the column (under <see cref="IndexLock"/>) before it
/// changes a record and before it publishes C, so a reader at V ≥ C cannot see that column any more. Hence between
/// ValidFrom and V nothing changed the key: V's values are ValidFrom's, and so are the values every other reader allowed
/// to use the column fills in. Readers older than ValidFrom, and transactions that have written, read the records.
/// </para>
/// </summary>
internal sealed partial class GraphData
{
    /// <summary>Columns kept at most (8 bytes per committed node id each: 9 MB for a store of 1.15M nodes).</summary>
    private const int MaxColumns = 2;

    /// <summary>Keys whose reads are counted at most; reads of later keys never make a column.</summary>
    private const int MaxWatchedKeys = 8;

    /// <summary>
    /// Reads before a column is made: as many as there are committed node ids, at least
    /// <see cref="MinReadsBeforeColumn"/>. A column costs more than its zeroed array: its first fills touch every page of
    /// its two arrays (a page fault each), about what reading every node once costs. Made after fewer reads (one per 32
    /// nodes was tried), a 1M-node store paid those faults inside 20 warm agreement-reach statements that never filled
    /// it: median 0.49 -> 0.82-1.43 ms; a column made after a node count of reads has its cost paid back by then.
    /// </summary>
    private const long NodesPerRead = 1;

    private const long MinReadsBeforeColumn = 1024;

    /// <summary>Per key id, published copy-on-grow under <see cref="IndexLock"/>; a null entry: the key is not watched yet.</summary>
    private PropertyWatch?[] _watches = new PropertyWatch?[16];

    /// <summary>The columns kept (for <see cref="PrefetchNode"/>), published copy-on-change under <see cref="IndexLock"/>.</summary>
    private PropertyColumn[] _columns = [];

    /// <summary>
    /// Under <see cref="IndexLock"/>: the last commit that created, deleted or changed any node (labels or properties).
    /// A key starts being watched with this as its last change, having no record of its own before.
    /// </summary>
    private long _nodesChangedAt;

    private int _watchedKeys;

    private sealed class PropertyWatch(long changedAt, bool counted)
    {
        /// <summary>Under <see cref="IndexLock"/>: the last commit that changed the key's value of some node (or earlier).</summary>
        public long ChangedAt = changedAt;

        /// <summary>False for keys beyond <see cref="MaxWatchedKeys"/>: never a column.</summary>
        public readonly bool Counted = counted;

        /// <summary>Reads since the last change without a column; counted without a lock (a lost count only delays a column).</summary>
        public long Reads;

        public PropertyColumn? Column;
    }

    /// <summary>Property <paramref name="key"/> of node <paramref name="id"/> as a reader at <paramref name="version"/> sees it.</summary>
    public object? NodeProperty(long id, long version, int key)
    {
        var column = ColumnFor(key, version, 1);
        if (column is not null && (ulong)id < (ulong)column.Entries.Length)
        {
            var entry = column.Entries[id] ?? Fill(column, id, version);
            return ReferenceEquals(entry, PropertyColumn.Absent) ? null : entry;
        }
        return RecordProperty(id, version, key);
    }

    /// <summary>Property <paramref name="key"/> of node <paramref name="id"/> read from its record (null: no such node or no value).</summary>
    private object? RecordProperty(long id, long version, int key) =>
        NodeAt(id, version) is { } node ? PropertyArrays.Get(node.Properties, key) : null;

    /// <summary>The entry of node <paramref name="id"/> read from its record (a value, or <see cref="PropertyColumn.Absent"/>) and kept.</summary>
    private object Fill(PropertyColumn column, long id, long version) =>
        column.Fill(id, RecordProperty(id, version, column.Key));

    /// <summary>
    /// See <see cref="StorageTransaction.TryMatchNodeStrings"/>: through the key's column, false without one. A node whose
    /// entry holds a string is decided by its code alone unless the codes are equal; the strings are compared only then.
    /// </summary>
    public unsafe bool TryMatchNodeStrings(ReadOnlySpan<long> ids, long version, int key, string value, Span<sbyte> matches)
    {
        if (ColumnFor(key, version, ids.Length) is not { } column) return false;
        var entries = column.Entries;
        var codes = column.Codes;
        var code = PropertyColumn.StringCode(value);
        if (Sse.IsSupported)
            foreach (var id in ids)
                if ((ulong)id < (ulong)codes.Length) Sse.Prefetch0(Unsafe.AsPointer(ref codes[id]));
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            object? entry;
            if ((ulong)id >= (ulong)entries.Length) entry = RecordProperty(id, version, key);
            else
            {
                var known = codes[id];
                if (known != 0 && known != code)
                {
                    matches[i] = 0; // a string (the code is set for strings only) that differs
                    continue;
                }
                entry = entries[id] ?? Fill(column, id, version);
            }
            matches[i] = entry is string s ? string.Equals(s, value, StringComparison.Ordinal) ? (sbyte)1 : (sbyte)0 : (sbyte)-1;
        }
        return true;
    }

    /// <summary>
    /// See <see cref="StorageTransaction.TryReadNodeStringCodes"/>: through the key's column (its codes, set for strings
    /// only and final once set), false without one. An entry not read yet is filled; a node the column does not cover is
    /// read from its record.
    /// </summary>
    public unsafe bool TryReadNodeStringCodes(ReadOnlySpan<long> ids, long version, int key, Span<int> codes)
    {
        if (ColumnFor(key, version, ids.Length) is not { } column) return false;
        var entries = column.Entries;
        var known = column.Codes;
        if (Sse.IsSupported)
            foreach (var id in ids)
                if ((ulong)id < (ulong)known.Length) Sse.Prefetch0(Unsafe.AsPointer(ref known[id]));
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if ((ulong)id < (ulong)entries.Length && known[id] != 0)
            {
                codes[i] = known[id];
                continue;
            }
            object? entry = (ulong)id < (ulong)entries.Length ? entries[id] ?? Fill(column, id, version) : RecordProperty(id, version, key) ?? PropertyColumn.Absent;
            codes[i] = entry switch
            {
                string s => PropertyColumn.StringCode(s),
                _ when ReferenceEquals(entry, PropertyColumn.Absent) => StorageTransaction.NoValueCode,
                _ => StorageTransaction.OtherValueCode,
            };
        }
        return true;
    }

    /// <summary>
    /// The key's column if a reader at <paramref name="version"/> may use it; otherwise null, after counting
    /// <paramref name="reads"/> more reads of the key (which may make a column for later reads).
    /// </summary>
    private PropertyColumn? ColumnFor(int key, long version, int reads)
    {
        var watches = Volatile.Read(ref _watches);
        var watch = (uint)key < (uint)watches.Length ? watches[key] : null;
        if (watch is null)
        {
            if (key < 0) return null;
            watch = Watch(key);
        }
        var column = Volatile.Read(ref watch.Column);
        if (column is not null) return column.ValidFrom <= version ? column : null;
        if (!watch.Counted) return null;
        watch.Reads += reads;
        if (watch.Reads >= Math.Max(MinReadsBeforeColumn, NodeHighWater / NodesPerRead)) MakeColumn(watch, key);
        return null;
    }

    private PropertyWatch Watch(int key)
    {
        lock (IndexLock)
        {
            var watches = _watches;
            if (key < watches.Length && watches[key] is { } existing) return existing;
            if (key >= watches.Length)
            {
                var grown = new PropertyWatch?[Math.Max(key + 1, watches.Length * 2)];
                Array.Copy(watches, grown, watches.Length);
                watches = grown;
            }
            var watch = new PropertyWatch(_nodesChangedAt, counted: _watchedKeys < MaxWatchedKeys);
            if (watch.Counted) _watchedKeys++;
            watches[key] = watch;
            Volatile.Write(ref _watches, watches);
            return watch;
        }
    }

    /// <summary>Makes the key's column unless the maximum is kept; readers fill it from then on.</summary>
    private void MakeColumn(PropertyWatch watch, int key)
    {
        long changedAt, length;
        lock (IndexLock)
        {
            watch.Reads = 0; // counted again from here, whatever happens below
            if (watch.Column is not null || _columns.Length >= MaxColumns) return;
            changedAt = watch.ChangedAt;
            length = NodeHighWater;
        }
        var column = new PropertyColumn(key, changedAt, (int)length);
        lock (IndexLock)
        {
            // a commit that changed the key meanwhile makes the column's values another version's
            if (watch.ChangedAt != changedAt || watch.Column is not null || _columns.Length >= MaxColumns) return;
            Volatile.Write(ref watch.Column, column);
            Volatile.Write(ref _columns, [.. _columns, column]);
        }
    }

    /// <summary>
    /// Called holding <see cref="IndexLock"/> by a commit at <paramref name="version"/>, before it changes any node
    /// record: notes the change of every watched key the commit's node changes touch, and drops their columns.
    /// </summary>
    private void NodesChanging(List<NodeChange> changes, NodeVersion?[] nodes, long version)
    {
        if (changes.Count == 0) return;
        _nodesChangedAt = version;
        var watches = _watches;
        for (var key = 0; key < watches.Length; key++)
        {
            if (watches[key] is not { Counted: true } watch || !Touches(changes, nodes, key)) continue;
            watch.ChangedAt = version;
            watch.Reads = 0;
            if (watch.Column is not { } column) continue;
            Volatile.Write(ref watch.Column, null);
            Volatile.Write(ref _columns, _columns.Where(c => c != column).ToArray());
            DropPresence(column);
        }
    }

    /// <summary>True when some change gives key <paramref name="key"/> of its node another value (by reference: a conservative test).</summary>
    private static bool Touches(List<NodeChange> changes, NodeVersion?[] nodes, int key)
    {
        foreach (var change in changes)
        {
            var head = change.Id < nodes.Length ? nodes[change.Id] : null;
            var before = head is null || head.Deleted ? null : PropertyArrays.Get(head.Properties, key);
            var after = change.Kind == ChangeKind.Delete ? null : PropertyArrays.Get(change.Properties, key);
            if (!ReferenceEquals(before, after)) return true;
        }
        return false;
    }

    /// <summary>
    /// <see cref="ReadNodeProperty"/> through a column: every node's entry first (a hint each, then the values the filled
    /// entries hold), then the entries themselves; an entry not filled yet is read from the node's record and kept.
    /// </summary>
    private unsafe void ReadThroughColumn(PropertyColumn column, ReadOnlySpan<long> ids, long version, Span<object?> values)
    {
        var entries = column.Entries;
        if (Sse.IsSupported)
        {
            foreach (var id in ids)
                if ((ulong)id < (ulong)entries.Length) Sse.Prefetch0(Unsafe.AsPointer(ref entries[id]));
            // the values' own memory (a string's length and characters) is what the caller reads next
            foreach (var id in ids)
                if ((ulong)id < (ulong)entries.Length) Prefetch(entries[id]);
        }
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if ((ulong)id >= (ulong)entries.Length)
            {
                values[i] = RecordProperty(id, version, column.Key);
                continue;
            }
            var entry = entries[id] ?? Fill(column, id, version);
            values[i] = ReferenceEquals(entry, PropertyColumn.Absent) ? null : entry;
        }
    }

    /// <summary>The first steps of <see cref="PrefetchNode"/> for the columns kept: 0 the node's entries, 1 the values they hold.</summary>
    private unsafe void PrefetchColumns(long id, int step)
    {
        foreach (var column in Volatile.Read(ref _columns))
        {
            var entries = column.Entries;
            if ((ulong)id >= (ulong)entries.Length) continue;
            if (step == 0) Sse.Prefetch0(Unsafe.AsPointer(ref entries[id]));
            else Prefetch(entries[id]);
        }
    }

    /// <summary>The columns kept (tests).</summary>
    internal int ColumnCount => Volatile.Read(ref _columns).Length;

    /// <summary>Whether key <paramref name="key"/> has a column (tests).</summary>
    internal bool HasColumn(int key) => Volatile.Read(ref _columns).Any(c => c.Key == key);
}
