namespace Graph.Storage.Records;

/// <summary>
/// One property of every node, by node id, as it stands at every version from <see cref="ValidFrom"/> until the next
/// commit that changes it (<see cref="GraphData.NodeProperty"/>). Reading a node's property through its record is a
/// chain of four dependent loads (the slot of its id, the version, the property array, the value); through the column
/// it is two (the entry, the value), and the column of a store's ids is small enough to stay in the processor's cache.
/// <para>
/// Entries are filled as readers read them: null is "not read yet", <see cref="Absent"/> "no value" (no such node, or
/// the node lacks the property). Every reader allowed to use the column sees the same values (the state at
/// <see cref="ValidFrom"/>), so concurrent readers filling one entry write the same reference.
/// </para>
/// </summary>
internal sealed class PropertyColumn(int key, long validFrom, int length)
{
    /// <summary>The entry of a node that has no value for the key (or does not exist) at the column's versions.</summary>
    public static readonly object Absent = new();

    public readonly int Key = key;

    /// <summary>The version of the last commit that changed the property before the column was made.</summary>
    public readonly long ValidFrom = validFrom;

    /// <summary>Entries for node ids below the length (the committed ids when it was made); later ids are read from their records.</summary>
    public readonly object?[] Entries = new object?[length];

    /// <summary>
    /// <see cref="StringCode"/> of each filled entry that is a string, 0 for others (set before the entry: a non-zero code
    /// is final). A comparison of a string with thousands of entries then mostly reads 4 bytes per node, not its string.
    /// </summary>
    public readonly int[] Codes = new int[length];

    /// <summary>The strings' order, made when readers ask for it often enough (<see cref="GraphData.TryReadNodeStringRanks"/>).</summary>
    public readonly StringRanks Ranks = new();

    /// <summary>A string's hash code, never 0: equal strings have equal codes.</summary>
    public static int StringCode(string s) => s.GetHashCode() | 1;

    /// <summary>The entry of node <paramref name="id"/> as read from its record (a value, or null for none), and its code.</summary>
    public object Fill(long id, object? value)
    {
        if (value is string s) Codes[id] = StringCode(s);
        var entry = value ?? Absent;
        Volatile.Write(ref Entries[id], entry);
        return entry;
    }
}
