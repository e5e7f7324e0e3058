using System.Buffers;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The relationships of one node (<see cref="FarNodeJoin"/>), sorted by their far node, for an expand to drop at once
/// the rows its next hop would find no relationship for: a far node not among them costs a binary search instead of its
/// label check, its node and relationship values and the next hop's adjacency read. The next hop, an Expand(Into)
/// between that node and the expand's far node, then finds its relationships here too (<see cref="TryFind"/>) instead
/// of reading an adjacency again: both need the same node's relationships of the same types in the same direction.
/// Built for a node only when that costs no more than a few times what the expand reads anyway (its own adjacency, or
/// the rows that already read as much as the node has while it repeated), and kept while the node repeats from row to
/// row. Read-only statements only: the set does not see relationships created after it was built.
/// </summary>
internal sealed class JoinedFarNodes : IDisposable
{
    /// <summary>A far node id and its relationship's position in the sorted arrays.</summary>
    private const long EntryBytes = 12;

    private const int UncountedEntries = 1024;

    /// <summary>How many times the expand's own adjacency a node's may be to be read for one row.</summary>
    private const int ReadFactor = 4;

    /// <summary>A node this small is always read (its call costs about what a few rows' checks do).</summary>
    private const int AlwaysRead = 64;

    private readonly AdjacencyBuffer _relationships = new();
    // rented (a statement joining one small node would otherwise allocate both per execution); sorted by far node, and
    // within one far node by position in the adjacency, so parallel relationships come out in the order they were read
    private long[] _others = [];
    private int[] _positions = [];
    private int _count;
    private long _node = -1;
    private IReadOnlyList<int>? _types;
    private long _previous = -1;
    private long _readWhileRepeating;
    private MemoryAccount? _account;
    private long _countedEntries;
    private bool _disposed;

    /// <summary>
    /// True when the far nodes joined to <paramref name="node"/> are known, and <see cref="Contains"/> answers for
    /// them; false when reading them would cost more than the expand's <paramref name="expandDegree"/> relationships
    /// are worth (then every row goes on to the next hop as without a join).
    /// </summary>
    public bool Prepare(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types, int expandDegree)
    {
        if (Holds(node, types)) return true;
        if (node != _previous)
        {
            _previous = node;
            _readWhileRepeating = 0;
        }
        var degree = ctx.Tx.Degree(node, direction, types);
        if (degree > (long)ReadFactor * expandDegree + AlwaysRead && _readWhileRepeating < degree)
        {
            // one more for the call: a row that reads nothing still costs a read
            _readWhileRepeating += expandDegree + 1;
            return false;
        }
        Build(ctx, node, direction, types);
        return true;
    }

    /// <summary>Whether <paramref name="far"/> is at the other end of one of the prepared node's relationships.</summary>
    public bool Contains(long far)
    {
        var i = First(far);
        return i < _count && _others[i] == far;
    }

    /// <summary>
    /// When this set holds <paramref name="node"/>'s relationships of <paramref name="types"/> (in the direction of its
    /// join), puts those whose far node is <paramref name="far"/> into <paramref name="into"/>, in the order the node's
    /// adjacency gives them, and returns true; otherwise reads nothing and returns false.
    /// </summary>
    public bool TryFind(QueryContext ctx, long node, IReadOnlyList<int>? types, long far, AdjacencyBuffer into)
    {
        if (_disposed || !Holds(node, types)) return false;
        into.Clear();
        for (var i = First(far); i < _count && _others[i] == far; i++)
        {
            ctx.Tick();
            into.Add(_relationships[_positions[i]]);
        }
        return true;
    }

    private bool Holds(long node, IReadOnlyList<int>? types) => node == _node && SameTypes(types, _types);

    /// <summary>The first index whose far node is not below <paramref name="far"/>.</summary>
    private int First(long far)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_others[mid] < far) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void Build(QueryContext ctx, long node, Direction direction, IReadOnlyList<int>? types)
    {
        _node = -1; // not a valid set while it is rebuilt (a failure half way leaves none)
        _relationships.Read(ctx, node, direction, types);
        _count = _relationships.Count;
        if (_others.Length < _count)
        {
            if (_count > UncountedEntries && _count > _countedEntries)
            {
                _account ??= ctx.Memory.Open("the far nodes of a node a pattern's next hop joins to");
                _account.Reserve((_count - _countedEntries) * EntryBytes);
                _countedEntries = _count;
            }
            ReturnArrays();
            if (_count <= InsertionSorted)
            {
                _others = t_smallOthers ?? new long[InsertionSorted];
                _positions = t_smallPositions ?? new int[InsertionSorted];
                t_smallOthers = null;
                t_smallPositions = null;
            }
            else
            {
                _others = ArrayPool<long>.Shared.Rent(_count);
                _positions = ArrayPool<int>.Shared.Rent(_count);
            }
        }
        var relationships = _relationships.AsSpan();
        for (var i = 0; i < _count; i++)
        {
            ctx.Tick();
            _others[i] = relationships[i].OtherEnd(node);
            _positions[i] = i;
        }
        if (_count <= InsertionSorted) SortSmall();
        else
        {
            Array.Sort(_others, _positions, 0, _count);
            // the sort is not stable: parallel relationships to one far node back in their adjacency order
            for (var start = 0; start < _count;)
            {
                var end = start + 1;
                while (end < _count && _others[end] == _others[start]) end++;
                if (end - start > 1) Array.Sort(_positions, start, end - start);
                start = end;
            }
        }
        _node = node;
        _types = types;
    }

    /// <summary>
    /// Sets of at most this many relationships are sorted here and kept in the thread's spare arrays: most joined nodes
    /// have a few, and the generic sort of keys with items is compiled on its first use (a cold first statement pays it).
    /// </summary>
    private const int InsertionSorted = 32;

    /// <summary>An insertion sort by far node; stable, so parallel relationships keep their adjacency order.</summary>
    private void SortSmall()
    {
        for (var i = 1; i < _count; i++)
        {
            var far = _others[i];
            var position = _positions[i];
            var j = i - 1;
            for (; j >= 0 && _others[j] > far; j--)
            {
                _others[j + 1] = _others[j];
                _positions[j + 1] = _positions[j];
            }
            _others[j + 1] = far;
            _positions[j + 1] = position;
        }
    }

    // A thread's spare arrays for small sets, taken while a set holds them: the shared ArrayPool<long>'s first use costs
    // a process a few milliseconds (a cold first statement of shared positions 7.5 against 14-18 ms), and most joined
    // nodes have few relationships.
    [ThreadStatic] private static long[]? t_smallOthers;
    [ThreadStatic] private static int[]? t_smallPositions;

    /// <summary>The same type filter (a filter naming a type not yet created resolves to a new list each time).</summary>
    private static bool SameTypes(IReadOnlyList<int>? a, IReadOnlyList<int>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    private void ReturnArrays()
    {
        if (_others.Length > InsertionSorted) ArrayPool<long>.Shared.Return(_others);
        else if (_others.Length > 0) t_smallOthers = _others;
        if (_positions.Length > InsertionSorted) ArrayPool<int>.Shared.Return(_positions);
        else if (_positions.Length > 0) t_smallPositions = _positions;
        _others = [];
        _positions = [];
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _node = -1;
        _count = 0;
        ReturnArrays();
        _relationships.Dispose();
        _account?.Dispose();
    }
}
