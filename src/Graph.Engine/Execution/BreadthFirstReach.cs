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
    [ThreadStatic] private static BreadthFirstReach? _pooled;

    /// <summary>The nodes seen (a bitmap over ids, its marked words zeroed at the next start) and the level's found ones.</summary>
    private readonly SeenNodes _seen = new();
    /// <summary>Bytes of <see cref="_seen"/> and <see cref="_frontier"/> counted against the statement's memory so far.</summary>
    private long _counted;
    private MemoryAccount? _account;
    private bool _rented;

    /// <summary>The thread's pooled instance when free (a nested search gets a new one); give it back with <see cref="Dispose"/>.</summary>
    public static BreadthFirstReach Rent(MemoryAccount account)
    {
        var reach = _pooled ?? new BreadthFirstReach();
        _pooled = null;
        reach._rented = true;
        reach._account = account;
        // the bitmap and lists kept from an earlier statement are counted against this one's limit too
        reach._counted = reach.Held;
        account.Reserve(reach._counted);
        return reach;
    }

    public void Dispose()
    {
        if (!_rented) return;
        _rented = false;
        _account = null;
        _seen.Clear();
        _seen.ShrinkFound(PooledListCapacity);
        if (_frontier.Length > PooledListCapacity) _frontier = new long[16];
        _frontierCount = 0;
        _pooled = this;
    }

    /// <summary>Found-node lists longer than this are not kept in the pool.</summary>
    private const int PooledListCapacity = 1 << 16;

    private long Held => _seen.Bytes + _frontier.Length * (long)sizeof(long);

    /// <summary>What the search holds beyond what was counted, counted (the bitmap and the lists grow as nodes are found).</summary>
    private void CountHeld()
    {
        var held = Held;
        if (held <= _counted) return;
        _account?.Reserve(held - _counted);
        _counted = held;
    }

    /// <summary>The level being expanded: nodes found at the previous level (s at first), the first <see cref="_frontierCount"/>.</summary>
    private long[] _frontier = new long[16];
    private int _frontierCount;

    private long _start;
    private int _depth;
    private int _max;
    private Direction _direction;
    private bool _startCandidate;

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
        var found = _seen.Found;
        if (found.Count < MinimumPrefetched) return;
        // before the first node: the steps the first nodes would have had from nodes before them
        if (current == 0)
            for (var before = -PrefetchSteps * PrefetchGap; before < 0; before++) Prefetch(ctx, found, before);
        Prefetch(ctx, found, current);
    }

    private static void Prefetch(QueryContext ctx, ArraySegment<long> found, int current)
    {
        for (var step = 0; step < PrefetchSteps; step++)
        {
            var i = current + (PrefetchSteps - step) * PrefetchGap;
            if (i >= 0 && i < found.Count) ctx.Tx.PrefetchNode(found[i], step);
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
        var to = Math.Min(_frontierCount, from + FrontierWindow);
        for (var step = 0; step < StorageTransaction.RelationshipPrefetchSteps; step++)
            for (var i = from; i < to; i++) ctx.Tx.PrefetchRelationships(_frontier[i], step, types);
    }

    /// <summary>The nodes found at the last level <see cref="NextLevel"/> expanded (valid until the next call).</summary>
    public ArraySegment<long> Found => _seen.Found;

    /// <summary><see cref="Found"/> as a span.</summary>
    public ReadOnlySpan<long> FoundNodes => _seen.Found.AsSpan();

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
        _seen.Clear();
        _start = start;
        _max = max;
        _direction = direction;
        _depth = 0;
        _startCandidate = min == 1;
        StartIsEnd = false;
        _frontier[0] = start;
        _frontierCount = 1;
        // s is marked seen whatever min is: with min = 1 it is then never found, and meeting it is counted apart
        _seen.Mark(start);
    }

    /// <summary>
    /// Expands the frontier by one level: every relationship of its nodes is read, and each far node not seen before is
    /// found. False when there is no further level (the bound is reached or nothing was found).
    /// </summary>
    public bool NextLevel(QueryContext ctx, IReadOnlyList<int>? types)
    {
        if (_depth >= _max || _frontierCount == 0) return false;
        // the last level's found nodes are the frontier; the old frontier's array takes the found ones
        if (_depth > 0) _frontier = _seen.TakeFound(_frontier, out _frontierCount);
        var first = _depth == 0;
        var prefetch = _frontierCount >= MinimumPrefetchedFrontier;
        // s is met (and counted) only when it could be an end (min = 1); otherwise it was found at the start
        var counted = _startCandidate ? _start : -1;
        for (var f = 0; f < _frontierCount; f++)
        {
            if (prefetch && f % FrontierWindow == 0) PrefetchFrontier(ctx, f, types);
            var before = _seen.FoundCount;
            // the far ends marked straight from the store's lists: the search needs neither the relationships' ids nor
            // their types, and s, marked at the start, is never among the new ones
            var read = ctx.Tx.MarkNeighbourNodes(_frontier[f], _direction, types, _seen, counted, out var startMet);
            ctx.Tick(read + 1);
            CountHeld();
            // both directions: a second relationship between s and the same node closes a trail of length 2. At the first
            // level only s was seen before, so a far node other than s that was not new was met twice.
            if (first && _direction == Direction.Both && _startCandidate && _max >= 2 && read - startMet > _seen.FoundCount - before)
                StartIsEnd = true;
            // a self-loop at s (length 1), or, directed, a relationship back into s from a node at this level
            if (startMet > 0 && (_direction != Direction.Both || first)) StartIsEnd = true;
        }
        _depth++;
        return true;
    }
}
