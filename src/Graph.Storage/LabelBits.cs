namespace Graph.Storage;

/// <summary>
/// The nodes having one label in a transaction's snapshot, one bit per node id (see
/// <see cref="StorageTransaction.LabelMembers"/>), or the nodes having a value for a property key
/// (<see cref="StorageTransaction.KnownPropertyPresence"/>). Immutable: many statements share one.
/// </summary>
public sealed partial class LabelBits
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

    /// <summary>
    /// Appends the members to <paramref name="into"/> (not cleared), ids ascending: the nodes
    /// <see cref="StorageTransaction.ReadNodesWithLabel"/> gives a reader this bitmap holds for (that in the label index's
    /// order), without a node lookup each.
    /// </summary>
    public void AppendMembers(List<long> into)
    {
        into.EnsureCapacity(into.Count + (int)Math.Min(Count, int.MaxValue));
        for (var w = 0; w < _words.Length; w++)
        {
            var word = _words[w];
            while (word != 0)
            {
                into.Add(((long)w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
    }
}
