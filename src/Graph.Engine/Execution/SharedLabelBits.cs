using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The store's label bitmaps (<see cref="StorageTransaction.LabelMembers"/>) for the label checks of one execution in a
/// read-only statement: asked for after every <see cref="ReportEvery"/> lookups made one node at a time, which are
/// reported to the store (it builds a bitmap once they pay for it); a statement with fewer checks never takes the
/// store's lock for them. Once the store has one for every label, a check is a bit test instead of reading the node's
/// version and labels. Bitmaps the store already keeps are taken at the first check, without its lock
/// (<see cref="StorageTransaction.KnownLabelMembers"/>): an execution then makes no lookups at all.
/// </summary>
internal sealed class SharedLabelBits(LabelToken[] labels)
{
    private const int ReportEvery = 256;

    private LabelBits[]? _bits;

    /// <summary>The store's bitmaps of every label once taken (fixed for the execution), else null.</summary>
    public LabelBits[]? Bits => _bits;
    private long _unreported;
    private bool _askNow;
    // Whether this execution asked for the bitmaps the store already keeps (once, at its first check).
    private bool _askedKnown;

    /// <summary>True (and <paramref name="has"/>) when the bitmaps answer; false: look the node up, then call <see cref="Looked"/>.</summary>
    public bool TryCheck(long node, QueryContext ctx, out bool has)
    {
        has = false;
        if (Take(ctx) is not { } all) return false;
        foreach (var bits in all)
            if (!bits.Contains(node)) return true;
        has = true;
        return true;
    }

    /// <summary>
    /// The store's bitmaps of every label when they answer the next check (what <see cref="TryCheck"/> would test), else
    /// null: the check is a lookup (then call <see cref="Looked"/>). Asks the store as the next <see cref="TryCheck"/> would.
    /// </summary>
    public LabelBits[]? Take(QueryContext ctx)
    {
        if (_bits is not null) return _bits;
        if (!_askedKnown)
        {
            _askedKnown = true;
            TakeKnown(ctx);
            if (_bits is not null) return _bits;
        }
        if (_unreported < ReportEvery && !_askNow) return null;
        _askNow = false;
        Ask(ctx);
        return _bits;
    }

    /// <summary>Lookups about to be made, reported before they are made (the caller knows how many will come).</summary>
    public void Expect(long lookups)
    {
        if (_bits is null && _unreported >= 0) _unreported += lookups;
    }

    /// <summary>
    /// The store is asked at the next check, however few lookups were reported: the caller is about to check enough
    /// nodes (a long neighbour list) that a lookup each would cost more than the lock. Once, unless the caller asks again.
    /// </summary>
    public void AskAtNextCheck()
    {
        if (_bits is null && _unreported >= 0) _askNow = true;
    }

    /// <summary>One lookup made one node at a time.</summary>
    public void Looked() => _unreported++;

    /// <summary>The bitmaps the store keeps for this snapshot, if it keeps one for every label (no lock, nothing counted).</summary>
    private void TakeKnown(QueryContext ctx)
    {
        LabelBits[]? found = null; // made only once the first label has one
        for (var i = 0; i < labels.Length; i++)
        {
            var id = labels[i].Id(ctx.Tokens);
            if (id < 0 || ctx.Tx.KnownLabelMembers(id, 0) is not { } bits) return;
            (found ??= new LabelBits[labels.Length])[i] = bits;
        }
        _bits = found;
    }

    private void Ask(QueryContext ctx)
    {
        var found = new LabelBits[labels.Length];
        var complete = true;
        for (var i = 0; i < labels.Length; i++)
        {
            var id = labels[i].Id(ctx.Tokens);
            // a label no node ever had: the lookups answer at once, nothing to build
            if (id < 0)
            {
                _unreported = long.MinValue;
                return;
            }
            var bits = ctx.Tx.LabelMembers(id, _unreported);
            if (bits is null) complete = false;
            else found[i] = bits;
        }
        _unreported = 0;
        if (complete) _bits = found;
    }
}
