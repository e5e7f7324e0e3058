using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// Decides <c>b.k = s</c> or <c>b.k &lt;&gt; s</c> for a batch of ends that all have a label L, s a string, without reading
/// any end's value: the ends holding s are the L-nodes an index seek on (L, k) finds for s ("holders", looked up once per
/// input row), and an end has some value for k when the store's presence bitmap of k says so
/// (<see cref="Graph.Storage.StorageTransaction.KnownPropertyPresence"/>). So <c>=</c> is true exactly for the holders
/// (false for every other end: another string, another type, or no value, which gives null), and <c>&lt;&gt;</c> is true
/// exactly for the ends with a value that are not holders (a value of another type differs from a string; no value gives
/// null). Neither comparison raises an error, so deciding a batch at once skips nothing the filter would raise.
/// Not used (the caller reads the values) when the store has no bitmap or no such index, or when s is held by more than
/// <see cref="MaxHolders"/> nodes. One per execution; not shared between threads.
/// </summary>
internal sealed class EndsByPresence(LabelToken[] labels, PropertyKey key, bool negated)
{
    /// <summary>Holders beyond this: the values are read (each end would be tested against a long list).</summary>
    private const int MaxHolders = 8;

    private readonly List<long> _holders = [];
    // for the current input row: 0 not looked up, 1 the holders are known, -1 no index (decided through the values)
    private int _row;

    // the store's bitmap once taken: it holds for the transaction's snapshot, which a read-only statement keeps
    private LabelBits? _present;

    /// <summary>Called for every input row: its string may differ.</summary>
    public void NextRow() => _row = 0;

    /// <summary>
    /// Once <see cref="Decide"/> has decided a batch of the current input row: writes to <paramref name="passed"/> the ends
    /// of <paramref name="found"/> (not yet label-checked) that have every label of <paramref name="labelBits"/> and pass
    /// the comparison, in one pass over them when one label and at most one holder; returns how many, -1 before that.
    /// </summary>
    public int DecideLabelled(ReadOnlySpan<long> found, LabelBits[] labelBits, Span<long> passed)
    {
        if (_row != 1 || _present is not { } present || !negated || _holders.Count > 1) return -1;
        var holder = _holders.Count == 1 ? _holders[0] : -1;
        var kept = labelBits[0].Filter(found, passed, present, holder);
        for (var i = 1; i < labelBits.Length; i++) kept = labelBits[i].Filter(passed[..kept], passed);
        return kept;
    }

    /// <summary>
    /// Writes to <paramref name="passed"/> the ends of <paramref name="ends"/> (each having every label of the pattern) for
    /// which the comparison with <paramref name="other"/> is true, in their order, and returns how many; -1 when it cannot
    /// decide them (nothing written).
    /// </summary>
    public int Decide(ReadOnlySpan<long> ends, string other, Span<long> passed, QueryContext ctx)
    {
        var id = key.Id(ctx.Tokens);
        if (id < 0 || _row < 0) return -1;
        if ((_present ??= ctx.Tx.KnownPropertyPresence(id, ends.Length)) is not { } present) return -1;
        if (_row == 0 && !LookUp(id, other, ctx)) return -1;
        var holders = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_holders);
        var kept = 0;
        if (!negated)
        {
            // =: the holders among the ends
            foreach (var end in ends)
                if (Holds(holders, end)) passed[kept++] = end;
            return kept;
        }
        // <>: the ends with a value, then the holders taken out
        kept = present.Filter(ends, passed);
        if (holders.Length == 0) return kept;
        var left = 0;
        if (holders.Length == 1)
        {
            var holder = holders[0];
            for (var i = 0; i < kept; i++)
            {
                var end = passed[i];
                passed[left] = end;
                left += end == holder ? 0 : 1;
            }
            return left;
        }
        for (var i = 0; i < kept; i++)
        {
            var end = passed[i];
            passed[left] = end;
            left += Holds(holders, end) ? 0 : 1;
        }
        return left;
    }

    // a few holders: a loop, not a call per end
    private static bool Holds(ReadOnlySpan<long> holders, long end)
    {
        foreach (var holder in holders)
            if (holder == end) return true;
        return false;
    }

    /// <summary>The holders of <paramref name="value"/> through the first of the labels indexed on the key; false without one.</summary>
    private bool LookUp(int id, string value, QueryContext ctx)
    {
        _row = -1;
        foreach (var label in labels)
        {
            var labelId = label.Id(ctx.Tokens);
            if (labelId < 0 || !ctx.Tx.HasIndex(labelId, id)) continue;
            ctx.Tx.ReadNodesByProperty(labelId, id, value, _holders);
            if (_holders.Count > MaxHolders) return false;
            _row = 1;
            return true;
        }
        return false;
    }
}
