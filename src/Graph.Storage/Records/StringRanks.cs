namespace Graph.Storage.Records;

/// <summary>
/// The order of a <see cref="PropertyColumn"/>'s strings, made once the column's readers asked for it about as often as
/// the column has entries: per node id the rank of its string among the column's distinct strings in ordinal order
/// (1 the smallest; equal strings one rank), <see cref="StorageTransaction.NoValueRank"/> for no value and
/// <see cref="OtherValue"/> for a value of another type. A top-k that compares thousands of tied ids then compares
/// 4-byte ranks and reads only the strings it returns. 4 bytes per entry (4.6 MB for a store of 1.15M nodes), kept as
/// long as the column: the column's values do not change while a reader can reach it, so neither do the ranks.
/// </summary>
internal sealed class StringRanks
{
    /// <summary>The rank of an entry whose value is not a string (no rank: the reader reads the values).</summary>
    public const int OtherValue = -1;

    /// <summary>Ranks asked for since the column was made, counted without a lock (a lost count only delays the ranks).</summary>
    public long Asked;

    /// <summary>1 while one reader makes the ranks (others read the values meanwhile).</summary>
    public int Making;

    /// <summary>The ranks by node id below the column's length, once made.</summary>
    public int[]? ByNode;

    /// <summary>Whether no two entries hold the same string: set before <see cref="ByNode"/> is published, read after it.</summary>
    public bool Distinct;

    /// <summary>
    /// The ranks of <paramref name="entries"/> (every one filled: a value or <see cref="PropertyColumn.Absent"/>): the
    /// strings sorted ordinally with their ids, as <c>string.CompareOrdinal</c> orders them (UTF-16 code units).
    /// </summary>
    public static int[] Make(object?[] entries) => Make(entries, out _);

    /// <summary>As <see cref="Make(object?[])"/>; <paramref name="distinct"/>: whether no two entries hold the same string.</summary>
    public static int[] Make(object?[] entries, out bool distinct)
    {
        var ranks = new int[entries.Length];
        var strings = 0;
        for (var id = 0; id < entries.Length; id++)
        {
            if (entries[id] is string) strings++;
            else ranks[id] = ReferenceEquals(entries[id], PropertyColumn.Absent) ? StorageTransaction.NoValueRank : OtherValue;
        }
        var keys = new string[strings];
        var ids = new int[strings];
        for (int id = 0, n = 0; id < entries.Length; id++)
        {
            if (entries[id] is not string s) continue;
            keys[n] = s;
            ids[n++] = id;
        }
        Array.Sort(keys, ids, StringComparer.Ordinal);
        var rank = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i == 0 || !string.Equals(keys[i], keys[i - 1], StringComparison.Ordinal)) rank++;
            ranks[ids[i]] = rank;
        }
        distinct = rank == keys.Length;
        return ranks;
    }
}
