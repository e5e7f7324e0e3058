using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The far-node label checks of one expand execution, in read-only statements (labels cannot change meanwhile). Nodes
/// are looked up one at a time and remembered in two bitmaps; once the lookups are many, the labels' nodes are scanned
/// once into a membership bitmap instead (a scan reads the label's nodes in order, a lookup per reached node jumps
/// around the store), provided the scan stays under <see cref="ScanPerLookup"/> nodes per lookup made so far; a scan
/// that would cost more is abandoned and tried again after twice the lookups.
/// </summary>
internal sealed class LabelMembership(LabelToken[] labels)
{
    /// <summary>Lookups before the first scan: a small expansion never pays for one.</summary>
    private const long FirstScanAt = 4096;

    /// <summary>Nodes a scan may read per lookup made so far (a lookup jumps to a random node, a scan reads them in order).</summary>
    private const long ScanPerLookup = 32;

    private const long MaxNode = 1L << 36;

    private ulong[] _known = new ulong[1024];
    private ulong[] _has = new ulong[1024];
    private bool _complete;
    private long _lookups;
    private long _nextScan = FirstScanAt;

    /// <summary>True once the answer comes from the scanned bitmap (tests and PROFILE reasoning).</summary>
    public bool Scanned => _complete;

    public bool Check(long node, QueryContext ctx)
    {
        if (node < 0 || node >= MaxNode) return Lookup(node, ctx);
        var word = (int)(node >> 6);
        var bit = 1UL << (int)(node & 63);
        if (_complete) return word < _has.Length && (_has[word] & bit) != 0;
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
            else _nextScan *= 2;
        }
        return has;
    }

    private bool Lookup(long node, QueryContext ctx)
    {
        foreach (var l in labels)
            if (!ctx.NodeHasLabel(node, l)) return false;
        return true;
    }

    /// <summary>The nodes having every label, as a bitmap; false when that would scan too many nodes.</summary>
    private bool TryScan(QueryContext ctx)
    {
        var budget = _lookups * ScanPerLookup;
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
        while (size <= word) size *= 2;
        return size;
    }
}
