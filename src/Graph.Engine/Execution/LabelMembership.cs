using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The far-node label checks of one expand execution, in read-only statements (labels cannot change meanwhile). Nodes
/// are looked up one at a time and remembered in two bitmaps; once the lookups reach a quarter of the label's size
/// (<paramref name="labelSize"/>, the planner's count of the rarest label, -1 when unknown: never scan), the labels'
/// nodes are scanned once into a membership bitmap instead: a scan reads them in order, a lookup per reached node
/// jumps around the store. A scan that reads more than twice the size (the count was stale) is abandoned for good.
/// Before all that, the store's shared bitmaps answer when it has them (<see cref="SharedLabelBits"/>).
/// </summary>
/// <remarks>
/// <paramref name="memoAfter"/>: lookups made without remembering them first. The bitmaps are dense by node id (16 KB
/// each for 100,000 node ids, zeroed when made), which a statement checking a few dozen nodes does not pay back.
/// </remarks>
internal sealed class LabelMembership(LabelToken[] labels, long labelSize, SharedLabelBits? shared = null, long memoAfter = 0)
{
    /// <summary>Lookups before the first scan: a small expansion never pays for one.</summary>
    private const long FirstScanAt = 4096;

    /// <summary>
    /// The scan starts when the lookups reach the label's size divided by this: a scanned node costs a fraction of a
    /// looked-up one, but a scan of nodes the query never reaches is wasted (the top allies of one expert reach a few
    /// thousand of 100,000 experts; every endorser of every claim reaches all of them).
    /// </summary>
    private const long ScanPerLookup = 4;

    private const long MaxNode = 1L << 36;

    private readonly SharedLabelBits _shared = shared ?? new SharedLabelBits(labels);
    // made at the first lookup: with the store's bitmaps there is none
    private ulong[] _known = [];
    private ulong[] _has = [];
    private bool _complete;
    private long _lookups;
    private long _nextScan = labelSize < 0 ? long.MaxValue : Math.Max(FirstScanAt, labelSize / ScanPerLookup);

    /// <summary>
    /// The store's bitmaps of the labels once <see cref="Check"/> has taken them, else null: a node has the labels when
    /// every one contains it (what <see cref="Check"/> answers, without its calls per node in a hot loop).
    /// </summary>
    public LabelBits[]? SharedBits => _complete ? null : _shared.Bits;

    /// <summary>True once the answer comes from the scanned bitmap (tests and PROFILE reasoning).</summary>
    public bool Scanned => _complete;

    /// <summary>
    /// Checks about to be made (a node's neighbour list): reported to the store's bitmaps before they are made, so that a
    /// statement that will check many nodes asks for the bitmaps before its first few hundred lookups, not after.
    /// </summary>
    public void Expect(long checks)
    {
        if (_complete) return;
        _shared.Expect(checks);
        if (checks >= AskedFor) _shared.AskAtNextCheck();
    }

    /// <summary>Checks expected at once for which the store's bitmaps are asked for at once (a lookup each costs more than its lock).</summary>
    private const long AskedFor = 32;

    public bool Check(long node, QueryContext ctx)
    {
        if (!_complete && _shared.TryCheck(node, ctx, out var shared)) return shared;
        if (node < 0 || node >= MaxNode) return Lookup(node, ctx);
        var word = (int)(node >> 6);
        var bit = 1UL << (int)(node & 63);
        if (_complete) return word < _has.Length && (_has[word] & bit) != 0;
        if (_known.Length == 0 && _lookups < memoAfter)
        {
            _lookups++;
            return Lookup(node, ctx);
        }
        if (word >= _known.Length)
        {
            var size = Grown(_known.Length, word);
            Array.Resize(ref _known, size);
            Array.Resize(ref _has, size);
        }
        if ((_known[word] & bit) != 0) return (_has[word] & bit) != 0;
        var has = Lookup(node, ctx);
        _known[word] |= bit;
        if (has) _has[word] |= bit;
        if (++_lookups >= _nextScan)
        {
            if (TryScan(ctx)) _complete = true;
            else _nextScan = long.MaxValue;
        }
        return has;
    }

    private bool Lookup(long node, QueryContext ctx)
    {
        _shared.Looked();
        foreach (var l in labels)
            if (!ctx.NodeHasLabel(node, l)) return false;
        return true;
    }

    /// <summary>The nodes having every label, as a bitmap; false when that would scan too many nodes.</summary>
    private bool TryScan(QueryContext ctx)
    {
        var budget = 2 * labelSize + FirstScanAt;
        ulong[]? all = null;
        foreach (var label in labels)
        {
            var bits = new ulong[_has.Length];
            var id = label.Id(ctx.Tokens);
            if (id >= 0)
            {
                foreach (var node in ctx.Tx.NodesWithLabel(id))
                {
                    ctx.Tick();
                    if (--budget < 0 || node < 0 || node >= MaxNode) return false;
                    var word = (int)(node >> 6);
                    if (word >= bits.Length) Array.Resize(ref bits, Grown(bits.Length, word));
                    bits[word] |= 1UL << (int)(node & 63);
                }
            }
            if (all is null) all = bits;
            else
            {
                if (bits.Length < all.Length) Array.Resize(ref bits, all.Length);
                for (var i = 0; i < all.Length; i++) all[i] &= bits[i];
            }
        }
        _has = all ?? [];
        _known = [];
        return true;
    }

    private static int Grown(int size, int word)
    {
        size = Math.Max(size, 1024);
        while (size <= word) size *= 2;
        return size;
    }
}
