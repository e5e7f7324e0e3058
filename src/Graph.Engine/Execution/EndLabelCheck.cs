using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The label check of a variable-length expand's end nodes during one execution: a direct lookup per end, or, in a
/// read-only statement, through a <see cref="LabelMembership"/> created once the ends are many (a few lookups cost less
/// than its two bitmaps). With distinct ends, an end that passes is never checked again for the same input row, so the
/// membership only pays from the second input row on. In a read-only statement the store's shared bitmaps answer
/// from the first check on when it has them (<see cref="SharedLabelBits"/>).
/// </summary>
internal sealed class EndLabelCheck(LabelToken[] labels, long? cachedLabelSize, bool distinctEnds)
{
    /// <summary>Lookups made one by one before the checks are remembered.</summary>
    private const int UncachedLookups = 256;

    private readonly SharedLabelBits? _shared = cachedLabelSize is null ? null : new SharedLabelBits(labels);
    private LabelMembership? _membership;
    private int _lookups;
    private int _rows;

    /// <summary>Called for every input row, before its ends are checked.</summary>
    public void NextRow() => _rows++;

    /// <summary>
    /// <paramref name="checks"/> ends are about to be checked (a level of a breadth-first search): when they are many,
    /// they are reported to the store's bitmaps at once, so that the first of them need not be looked up one by one.
    /// </summary>
    public void Expect(int checks)
    {
        if (_membership is null && _shared is not null && checks >= UncachedLookups) _shared.Expect(checks);
    }

    /// <summary>
    /// Writes to <paramref name="into"/> the nodes of <paramref name="nodes"/> that have every label, in their order, and
    /// returns how many; -1 (nothing written) when the store's bitmaps do not answer (check each node with <see cref="Has"/>).
    /// The same answers as <see cref="Has"/>: once the bitmaps are taken every check is theirs (a membership asks them
    /// first), and a scanned membership holds what they hold. <paramref name="into"/> may start where <paramref name="nodes"/> does.
    /// </summary>
    public int Filter(ReadOnlySpan<long> nodes, Span<long> into, QueryContext ctx)
    {
        if (Bits(ctx) is not { } bits) return -1;
        var kept = bits[0].Filter(nodes, into);
        for (var i = 1; i < bits.Length; i++) kept = bits[i].Filter(into[..kept], into);
        return kept;
    }

    /// <summary>The store's bitmaps of every label when they answer the checks (see <see cref="Filter"/>), else null.</summary>
    public LabelBits[]? Bits(QueryContext ctx) => _shared?.Take(ctx);

    public bool Has(long node, QueryContext ctx)
    {
        if (_membership is null && cachedLabelSize is { } size && ++_lookups > UncachedLookups && (!distinctEnds || _rows > 1))
            _membership = new LabelMembership(labels, size, _shared);
        if (_membership is not null) return _membership.Check(node, ctx);
        if (_shared is not null)
        {
            if (_shared.TryCheck(node, ctx, out var shared)) return shared;
            _shared.Looked();
        }
        foreach (var l in labels)
            if (!ctx.NodeHasLabel(node, l)) return false;
        return true;
    }
}
