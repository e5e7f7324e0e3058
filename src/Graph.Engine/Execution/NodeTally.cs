using System.Runtime.CompilerServices;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// Counts per node id, in the order the nodes first came: the last hop of a <see cref="ChainCountOp"/> whose groups are
/// functions of its far node counts its paths here, one add per path, and evaluates the node's WHERE conjuncts and keys
/// once per distinct node afterwards (an ally reached through forty shared claims is read once, not forty times).
/// Open addressing over node ids; <see cref="Clear"/> costs the entries, not the table. A thread keeps one returned
/// tally for the next statement (<see cref="Rent"/>): an anchored walk's tally of a few thousand nodes would otherwise
/// be allocated, through its doublings, in every statement, and its larger arrays on the large-object heap.
/// </summary>
internal sealed class NodeTally
{
    /// <summary>Bytes per entry: the node, its count, and two buckets (at half load at most).</summary>
    private const long EntryBytes = 8 + 8 + 2 * 4;

    /// <summary>A tally with more entries than this is not kept for the next statement (1.5 MB).</summary>
    internal const int MaxKept = 1 << 16;

    [ThreadStatic] private static NodeTally? t_spare;

    private MemoryAccount? _account;

    private long[] _nodes = new long[16];
    private long[] _counts = new long[16];
    private int[] _buckets = new int[32]; // entry index + 1; 0: empty
    private int _count;
    // entries counted against the statement's memory limit: as a fresh tally would grow, whatever a kept one holds, so a
    // statement's limit does not depend on the statement before it
    private int _reservedEntries;

    public int Count => _count;

    /// <summary>The entries the arrays hold (tests).</summary>
    internal int Capacity => _nodes.Length;

    private NodeTally() { }

    /// <summary>An empty tally, the thread's kept one if any; its entries are counted against <paramref name="account"/> as they come.</summary>
    public static NodeTally Rent(MemoryAccount account)
    {
        var tally = t_spare ?? new NodeTally();
        t_spare = null;
        tally._account = account;
        tally._reservedEntries = 0;
        return tally;
    }

    /// <summary>Empties the tally and keeps it for the thread's next <see cref="Rent"/> unless it grew large; not used after.</summary>
    public void Return()
    {
        Clear();
        _account = null;
        if (_nodes.Length <= MaxKept) t_spare = this;
    }

    public long NodeAt(int index) => _nodes[index];

    public long CountAt(int index) => _counts[index];

    /// <summary>The nodes in the order they first came (valid until the next add or clear).</summary>
    public ReadOnlySpan<long> Nodes => _nodes.AsSpan(0, _count);

    /// <summary>The counts in the nodes' order (valid until the next add or clear).</summary>
    public ReadOnlySpan<long> Counts => _counts.AsSpan(0, _count);

    /// <summary>Adds <paramref name="count"/> to the node's entry: inlined into the walk's loop (a path each), a new node's entry made apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long node, long count)
    {
        var buckets = _buckets;
        var mask = buckets.Length - 1;
        var b = Home(node, mask);
        while (true)
        {
            var at = buckets[b] - 1;
            if (at < 0) break;
            if (_nodes[at] == node)
            {
                _counts[at] += count;
                return;
            }
            b = (b + 1) & mask;
        }
        Insert(node, count, b);
    }

    /// <summary>A node's first entry, at empty bucket <paramref name="b"/>.</summary>
    private void Insert(long node, long count, int b)
    {
        if (_count == _reservedEntries) ReserveMore();
        if (_count == _nodes.Length) Grow();
        _nodes[_count] = node;
        _counts[_count] = count;
        _count++;
        if (_count * 2 > _buckets.Length) Rehash(_buckets.Length * 2);
        else _buckets[b] = _count;
    }

    /// <summary>Forgets every entry; keeps the arrays (the next start row's walk reuses them).</summary>
    public void Clear()
    {
        if (_count * 8L < _buckets.Length)
        {
            // only the buckets in use: each entry is at or after its home bucket (never past an empty one when it was
            // placed), and clearing another entry's bucket first does not move it
            var mask = _buckets.Length - 1;
            for (var i = 0; i < _count; i++)
            {
                var b = Home(_nodes[i], mask);
                while (_buckets[b] != i + 1) b = (b + 1) & mask;
                _buckets[b] = 0;
            }
        }
        else Array.Clear(_buckets);
        _count = 0;
    }

    private static int Home(long node, int mask) => (int)(((ulong)node * 0x9E3779B97F4A7C15UL) >> 33) & mask;

    private void Grow()
    {
        var size = _nodes.Length * 2;
        Array.Resize(ref _nodes, size);
        Array.Resize(ref _counts, size);
    }

    private void ReserveMore()
    {
        var more = Math.Max(16, _reservedEntries);
        _account!.Reserve(EntryBytes * more);
        _reservedEntries += more;
    }

    private void Rehash(int buckets)
    {
        _buckets = new int[buckets];
        var mask = buckets - 1;
        for (var i = 0; i < _count; i++)
        {
            var b = Home(_nodes[i], mask);
            while (_buckets[b] != 0) b = (b + 1) & mask;
            _buckets[b] = i + 1;
        }
    }
}
