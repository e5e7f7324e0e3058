namespace Graph.Storage.Records;

/// <summary>
/// Which nodes have a value for a key, as a bitmap over node ids, made from the key's <see cref="PropertyColumn"/> (see
/// <see cref="StorageTransaction.KnownPropertyPresence"/>). A column's entries are the values of every version from its
/// <see cref="PropertyColumn.ValidFrom"/> until a commit that changes the key drops it, so a bitmap made from them holds
/// exactly as long as the column does: it is kept with its column and found through it, and a dropped column takes its
/// bitmap along. Made only once the ends readers reported (decided through the column one by one) add up to the column's
/// length: the build fills every entry not filled yet (a record read each), which only pays once it is reused.
/// </summary>
internal sealed partial class GraphData
{
    /// <summary>The bitmaps made or counted for, one per column; published copy-on-change under <see cref="IndexLock"/>.</summary>
    private PresenceWatch[] _presence = [];

    private sealed class PresenceWatch(PropertyColumn column)
    {
        public readonly PropertyColumn Column = column;

        /// <summary>Nodes reported since the column was made (counted without a lock: a lost count only delays the build).</summary>
        public long Reads;

        public LabelBits? Bits;
    }

    /// <summary>See <see cref="StorageTransaction.KnownPropertyPresence"/>: through the key's column, null without one.</summary>
    public LabelBits? PropertyPresence(int key, long version, int lookups)
    {
        if (ColumnFor(key, version, 0) is not { } column) return null;
        var watch = PresenceOf(column);
        if (Volatile.Read(ref watch.Bits) is { } bits) return bits;
        if (Interlocked.Add(ref watch.Reads, lookups) < Math.Max(MinReadsBeforeColumn, column.Entries.Length)) return null;
        lock (watch)
        {
            // a reader at or after ValidFrom that reached the column sees the column's values (see the columns' remarks)
            if (watch.Bits is null) Volatile.Write(ref watch.Bits, BuildPresence(column, version));
            return watch.Bits;
        }
    }

    private PresenceWatch PresenceOf(PropertyColumn column)
    {
        foreach (var watch in Volatile.Read(ref _presence))
            if (ReferenceEquals(watch.Column, column)) return watch;
        lock (IndexLock)
        {
            foreach (var watch in _presence)
                if (ReferenceEquals(watch.Column, column)) return watch;
            // a column dropped meanwhile gets no watch kept (the reader still counts through this one)
            var added = new PresenceWatch(column);
            if (_columns.Contains(column)) Volatile.Write(ref _presence, [.. _presence, added]);
            return added;
        }
    }

    /// <summary>Called holding <see cref="IndexLock"/> by a commit that drops <paramref name="column"/>: its bitmap goes with it.</summary>
    private void DropPresence(PropertyColumn column)
    {
        if (_presence.Any(w => ReferenceEquals(w.Column, column)))
            Volatile.Write(ref _presence, _presence.Where(w => !ReferenceEquals(w.Column, column)).ToArray());
    }

    /// <summary>The nodes whose entry in <paramref name="column"/> is a value, filling each entry not read yet from its record.</summary>
    private LabelBits BuildPresence(PropertyColumn column, long version)
    {
        var entries = column.Entries;
        var words = new ulong[(entries.Length + 63) >> 6];
        long count = 0;
        for (var id = 0; id < entries.Length; id++)
        {
            var entry = entries[id] ?? Fill(column, id, version);
            if (ReferenceEquals(entry, PropertyColumn.Absent)) continue;
            words[id >> 6] |= 1UL << (id & 63);
            count++;
        }
        // nodes past the column's length were created after it was made: one with the key would have dropped it
        return new LabelBits(words, count, column.ValidFrom);
    }

    /// <summary>Whether key <paramref name="key"/>'s column has its presence bitmap (tests).</summary>
    internal bool HasPresence(int key) => Volatile.Read(ref _presence).Any(w => w.Column.Key == key && w.Bits is not null);
}
