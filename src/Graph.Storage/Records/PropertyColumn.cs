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

    public long Bytes => (long)Entries.Length * IntPtr.Size;
}
