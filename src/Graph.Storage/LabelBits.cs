namespace Graph.Storage;

/// <summary>
/// The nodes having one label in a transaction's snapshot, one bit per node id (see
/// <see cref="StorageTransaction.LabelMembers"/>). Immutable: many statements share one.
/// </summary>
public sealed class LabelBits
{
    private readonly ulong[] _words;

    internal LabelBits(ulong[] words, long count, long validFrom)
    {
        _words = words;
        Count = count;
        ValidFrom = validFrom;
    }

    /// <summary>The version of the last commit that changed the label's membership before it was built: it holds from there on until the next one.</summary>
    internal long ValidFrom { get; }

    /// <summary>How many nodes have the label.</summary>
    public long Count { get; }

    public bool Contains(long node)
    {
        var word = node >> 6;
        return (ulong)word < (ulong)_words.Length && (_words[word] & (1UL << (int)(node & 63))) != 0;
    }
}
