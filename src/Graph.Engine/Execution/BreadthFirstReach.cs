using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The distinct end nodes of a variable-length pattern <c>(s)-[:T*min..max]-(b)</c> with min ≤ 1, found breadth-first
/// over node ids: each node's relationships are read once (ids only), and a node is found once, at its first level.
///
/// Why this gives the same set of ends as the depth-first search over trails (paths without a repeated relationship):
/// for a node n other than s, a trail of length 1..max from s to n exists exactly when n is at distance 1..max from s,
/// since a shortest walk repeats no node, so no relationship, and a trail is a walk. For s itself (min = 1) a trail
/// from s back to s is needed, a walk is not enough (s-r-x-r-s uses r twice):
/// <list type="bullet">
/// <item>directed: the last relationship of a shortest closed walk enters s from a node x found at level d, whose
/// shortest path from s never enters s, so that relationship is not on it: s is an end when a node expanded at a level
/// d &lt; max has a relationship to s;</item>
/// <item>both directions, max ≤ 2: a closed trail of length 1 is a self-loop at s, of length 2 two different
/// relationships between s and one node. Longer closed trails in both directions need a cycle search this class does not
/// make (<see cref="Applies"/> is false for them when s could be an end).</item>
/// </list>
/// The ends come out level by level, so in another order than the depth-first search's: only for consumers that
/// ignore the order (count(DISTINCT b)).
///
/// The nodes seen are marked in a bitmap over node ids that is kept from one search to the next (its marked words are
/// zeroed at the next start), and the instance itself comes from a per-thread pool (<see cref="Rent"/>): a statement
/// that searches once allocates nothing for the search after the first.
/// </summary>
internal sealed class BreadthFirstReach : IDisposable
{
    /// <summary>
    /// Node ids below this bound are marked in the bitmap (at most 2 MB, grown to the largest id seen); others, if any, in a
    /// hashed overflow. The bench's 1M scale has ids up to 1.15M.
    /// </summary>
    private const long DenseNodes = 1L << 24;

    [ThreadStatic] private static BreadthFirstReach? _pooled;

    private ulong[] _seen = [];
    /// <summary>
    /// The words of <see cref="_seen"/> marked since the last start (zeroed at the next one), the first
    /// <see cref="_dirtyCount"/> of them. One entry more than <see cref="_seen"/> has words: the marking loop writes
    /// the word's index behind the count for every relationship and counts it only when the word was empty.
    /// </summary>
    private int[] _dirty = [0];
    private int _dirtyCount;
    private HashSet<long>? _seenOverflow;
    private MemoryAccount? _account;
    private bool _rented;

    /// <summary>The thread's pooled instance when free (a nested search gets a new one); give it back with <see cref="Dispose"/>.</summary>
    public static BreadthFirstReach Rent(MemoryAccount account)
    {
        var reach = _pooled ?? new BreadthFirstReach();
        _pooled = null;
        reach._rented = true;
        reach._account = account;
        reach._countedCapacity = 0;
        // the bitmap (and its dirty list) kept from an earlier statement is counted against this one's limit too
        account.Reserve(reach._seen.Length * (long)(sizeof(ulong) + sizeof(int)));
        return reach;
    }

    public void Dispose()
    {
        if (!_rented) return;
        _rented = false;
        _account = null;
        Forget();
        _found.Clear();
        _frontier.Clear();
        if (_found.Capacity > PooledListCapacity) _found = [];
        if (_frontier.Capacity > PooledListCapacity) _frontier = [];
        _pooled = this;
    }

    /// <summary>Found-node lists longer than this are not kept in the pool.</summary>
    private const int PooledListCapacity = 1 << 16;

    /// <summary>True when <paramref name="node"/> had not been seen; marks it seen.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool See(long node)
    {
        if ((ulong)node >= DenseNodes) return (_seenOverflow ??= []).Add(node);
        var word = (int)(node >> 6);
        if (word >= _seen.Length) Grow(word);
        ref var bits = ref _seen[word];
        var bit = 1UL << (int)(node & 63);
        if ((bits & bit) != 0) return false;
        if (bits == 0) _dirty[_dirtyCount++] = word;
        bits |= bit;
        return true;
    }

    private void Grow(int word)
    {
        var size = Math.Max(_seen.Length, 1024);
        while (size <= word) size *= 2;
        size = (int)Math.Min(size, DenseNodes >> 6);
        // the bitmap and its dirty list (an int per word)
        _account?.Reserve((size - _seen.Length) * (long)(sizeof(ulong) + sizeof(int)));
        Array.Resize(ref _seen, size);
        Array.Resize(ref _dirty, size + 1);
    }

    private void Forget()
    {
        var seen = _seen;
        foreach (var word in _dirty.AsSpan(0, _dirtyCount)) seen[word] = 0;
        _dirtyCount = 0;
        _seenOverflow = null;
    }

    /// <summary>
    /// Marks <paramref name="others"/> seen and appends those not seen before to <paramref name="found"/> from
    /// <paramref name="at"/> (room for all of them is there); returns the new end of the found ones. Without a branch on
    /// whether a node was seen (the far ids of a level are in no order, so that branch would be mispredicted about as
    /// often as not): every node is written behind the found ones and counted only when new, every word's index behind
    /// the dirty ones and counted only when the word was empty. A node outside the bitmap goes through <see cref="See"/>.
    /// </summary>
    private int MarkNew(ReadOnlySpan<long> others, Span<long> found, int at)
    {
        var seen = _seen;
        var dirty = _dirty;
        var d = _dirtyCount;
        foreach (var other in others)
        {
            if ((ulong)other >= (ulong)seen.Length << 6)
            {
                _dirtyCount = d;
                if (See(other)) found[at++] = other;
                (seen, dirty, d) = (_seen, _dirty, _dirtyCount);
                continue;
            }
            var word = (int)(other >> 6);
            var bits = seen[word];
            dirty[d] = word;
            d += bits == 0 ? 1 : 0;
            found[at] = other;
            at += (int)(~bits >> (int)(other & 63)) & 1;
            seen[word] = bits | 1UL << (int)(other & 63);
        }
        _dirtyCount = d;
        return at;
    }
    /// <summary>The level being expanded: nodes found at the previous level (s at first).</summary>
    private List<long> _frontier = [];

    /// <summary>The nodes found at the level just expanded, in the order found.</summary>
    private List<long> _found = [];

    private readonly NeighbourNodes _neighbours = new();
    private long _start;
    private int _depth;
    private int _max;
    private Direction _direction;
    private bool _startCandidate;
    private int _countedCapacity;

    /// <summary>
    /// True when the breadth-first search gives the depth-first search's set of ends for this start:
    /// <paramref name="startMayEnd"/> is false when s fails the ends' label check (it is then no end whatever its trails).
    /// </summary>
    public static bool Applies(int min, int max, Direction direction, bool startMayEnd) =>
        min <= 1 && max >= 1 && (direction != Direction.Both || max <= 2 || min == 0 || !startMayEnd);

    /// <summary>True when <see cref="Applies"/> does not depend on whether s could be an end (no label check of s needed).</summary>
    public static bool AppliesToAnyStart(int min, int max, Direction direction) => Applies(min, max, direction, startMayEnd: true);

    /// <summary>Found nodes between two prefetch steps for one node.</summary>
    private const int PrefetchGap = 4;

    private const int PrefetchSteps = StorageTransaction.NodePrefetchSteps;

    /// <summary>Fewer found nodes than this are not prefetched (the hints cost more than the misses they hide).</summary>
    private const int MinimumPrefetched = 64;

    /// <summary>
    /// Called as found node <paramref name="current"/> is produced: the records of the nodes a few places ahead are
    /// brought into the cache step by step (as <see cref="FarNodePrefetch"/> does for an expand), so the end's label
    /// check and the filters above it read them from the cache.
    /// </summary>
    public void PrefetchAhead(QueryContext ctx, int current)
    {
        if (_found.Count < MinimumPrefetched) return;
        // before the first node: the steps the first nodes would have had from nodes before them
        if (current == 0)
            for (var before = -PrefetchSteps * PrefetchGap; before < 0; before++) Prefetch(ctx, before);
        Prefetch(ctx, current);
    }

    private void Prefetch(QueryContext ctx, int current)
    {
        for (var step = 0; step < PrefetchSteps; step++)
        {
            var i = current + (PrefetchSteps - step) * PrefetchGap;
            if (i >= 0 && i < _found.Count) ctx.Tx.PrefetchNode(_found[i], step);
        }
    }

    /// <summary>Frontier nodes whose relationships are brought into the cache together, before any of them is read.</summary>
    private const int FrontierWindow = 32;

    /// <summary>Smaller frontiers are not prefetched (the start alone, a few nodes: the hints cost more than they hide).</summary>
    private const int MinimumPrefetchedFrontier = 8;

    /// <summary>
    /// The relationships of the frontier's next <see cref="FrontierWindow"/> nodes from <paramref name="from"/> brought into
    /// the cache step by step, each step for every node before the next (<see cref="StorageTransaction.PrefetchRelationships"/>):
    /// each node's read is a chain of dependent loads (slot, record, groups, group, list), so read one node after the
    /// other every link waits for memory, while here the links of the window's nodes overlap.
    /// </summary>
    private void PrefetchFrontier(QueryContext ctx, int from, IReadOnlyList<int>? types)
    {
        var to = Math.Min(_frontier.Count, from + FrontierWindow);
        for (var step = 0; step < StorageTransaction.RelationshipPrefetchSteps; step++)
            for (var i = from; i < to; i++) ctx.Tx.PrefetchRelationships(_frontier[i], step, types);
    }

    /// <summary>The nodes found at the last level <see cref="NextLevel"/> expanded (valid until the next call).</summary>
    public IReadOnlyList<long> Found => _found;

    /// <summary><see cref="Found"/> as a span: read without an interface call per node.</summary>
    public ReadOnlySpan<long> FoundNodes => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_found);

    /// <summary>
    /// True once a trail of length 1..max from s back to s has been seen (only looked for when <c>min = 1</c>; s is then
    /// never among <see cref="Found"/>).
    /// </summary>
    public bool StartIsEnd { get; private set; }

    /// <summary>
    /// Starts a search from <paramref name="start"/>. With <paramref name="min"/> 0 the caller has produced s itself (when
    /// it passed the label check), and s counts as found.
    /// </summary>
    public void Start(long start, int min, int max, Direction direction)
    {
        Forget();
        _start = start;
        _max = max;
        _direction = direction;
        _depth = 0;
        _startCandidate = min == 1;
        StartIsEnd = false;
        _frontier.Clear();
        _frontier.Add(start);
        _found.Clear();
        // s is marked seen whatever min is: with min = 1 it is then never found again, and meeting it is counted apart
        See(start);
    }

    /// <summary>
    /// Expands the frontier by one level: every relationship of its nodes is read, and each far node not seen before is
    /// found. False when there is no further level (the bound is reached or nothing was found).
    /// </summary>
    public bool NextLevel(QueryContext ctx, IReadOnlyList<int>? types)
    {
        if (_depth >= _max || _frontier.Count == 0) return false;
        if (_depth > 0) (_frontier, _found) = (_found, _frontier);
        _found.Clear();
        var first = _depth == 0;
        var prefetch = _frontier.Count >= MinimumPrefetchedFrontier;
        // s is met (and counted) only when it could be an end (min = 1); otherwise it was found at the start
        var skip = _startCandidate ? _start : -1;
        for (var f = 0; f < _frontier.Count; f++)
        {
            if (prefetch && f % FrontierWindow == 0) PrefetchFrontier(ctx, f, types);
            var node = _frontier[f];
            _neighbours.Clear();
            // the far ends only: the search needs neither the relationships' ids nor their types
            ctx.Tx.ReadNeighbourNodes(node, _direction, types, _neighbours);
            var others = _neighbours.Nodes;
            ctx.Tick(others.Length + 1);
            var startMet = skip >= 0 ? others.Count(skip) : 0;
            // s is marked seen: it is never among the new ones
            var at = _found.Count;
            System.Runtime.InteropServices.CollectionsMarshal.SetCount(_found, at + others.Length);
            var end = MarkNew(others, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_found), at);
            System.Runtime.InteropServices.CollectionsMarshal.SetCount(_found, end);
            // both directions: a second relationship between s and the same node closes a trail of length 2. At the first
            // level only s was seen before, so a far node other than s that was not new was met twice.
            if (first && _direction == Direction.Both && _startCandidate && _max >= 2 && others.Length - startMet > end - at)
                StartIsEnd = true;
            // a self-loop at s (length 1), or, directed, a relationship back into s from a node at this level
            if (startMet > 0 && (_direction != Direction.Both || first)) StartIsEnd = true;
        }
        _depth++;
        // the found list, as long as the largest level so far (the bitmap was counted as it grew)
        if (_found.Capacity > _countedCapacity)
        {
            _account?.Reserve((_found.Capacity - _countedCapacity) * sizeof(long) * 2L);
            _countedCapacity = _found.Capacity;
        }
        return true;
    }
}
