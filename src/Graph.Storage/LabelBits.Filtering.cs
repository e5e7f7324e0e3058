namespace Graph.Storage;

public sealed partial class LabelBits
{
    /// <summary>
    /// Writes to <paramref name="into"/> the nodes of <paramref name="nodes"/> that have the label, in their order, and
    /// returns how many (<paramref name="into"/> at least as long as <paramref name="nodes"/>; it may be the same span, or
    /// start where <paramref name="nodes"/> starts: a node is written at or before the place it was read from). One call
    /// per list for a caller in another assembly, as <see cref="CountMembers"/>; each node is written and the count
    /// advanced by its bit, with no branch on whether it has the label (the answers of a search's ends are unpredictable).
    /// </summary>
    public int Filter(ReadOnlySpan<long> nodes, Span<long> into)
    {
        if (into.Length < nodes.Length) throw new ArgumentException("The output is shorter than the nodes.", nameof(into));
        var words = _words;
        var kept = 0;
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var word = (ulong)(node >> 6);
            // a node beyond the bitmap (or a negative id) has no bit: 0
            var bit = word < (ulong)words.Length ? (words[word] >> (int)(node & 63)) & 1 : 0;
            into[kept] = node;
            kept += (int)bit;
        }
        return kept;
    }

    /// <summary>
    /// As <see cref="Filter(ReadOnlySpan{long}, Span{long})"/>, keeping the nodes in this bitmap and in
    /// <paramref name="also"/> other than <paramref name="except"/> (-1: none): two bitmaps tested in one pass (a label's
    /// members and the nodes having a property, say).
    /// </summary>
    public int Filter(ReadOnlySpan<long> nodes, Span<long> into, LabelBits also, long except)
    {
        if (into.Length < nodes.Length) throw new ArgumentException("The output is shorter than the nodes.", nameof(into));
        var words = _words;
        var others = also._words;
        var kept = 0;
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            var word = (ulong)(node >> 6);
            var both = (word < (ulong)words.Length ? words[word] : 0) & (word < (ulong)others.Length ? others[word] : 0);
            into[kept] = node;
            kept += (int)((both >> (int)(node & 63)) & 1) & (node != except ? 1 : 0);
        }
        return kept;
    }
}
