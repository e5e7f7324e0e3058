using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Driver;

/// <summary>
/// The rows of an index seek over the plan's argument row (<see cref="NodeIndexSeekOp.SeeksArgument"/>), or of a second
/// seek over such a seek, for a result cursor that evaluates the root projection's columns itself (a point lookup) or
/// whose root projection writes its records itself (<see cref="IRecordWriter.ArgumentSeeks"/>): what the seeks'
/// iterators yield, made without them. The nodes are read into lists the cursor keeps and each is bound, in turn, into
/// the argument row itself (only this plan reads it, and the cursor clears it when the statement ends); one node value
/// per seek is moved from node to node, as a transient consumer allows (<see cref="PlanOperator.ExecuteTransient"/> with
/// reuseValues), and kept for the cursor's next statement (it holds only an id; the cursor's records hold the client's
/// values, never it). The second seek looks its value up once per node of the first, with that node bound, as it does
/// over the first's rows. Not for PROFILE, which counts the seeks' rows and seeks. Kept by the cursor and started again
/// for its next statement.
/// </summary>
internal sealed class IndexSeekRows : IEnumerator<object?[]>
{
    // a seek that found this many nodes gives its list up when the statement ends (a kept cursor holds no large list)
    private const int KeptCapacity = 1024;

    private List<long> _nodes = [];
    private List<long> _secondNodes = [];
    private NodeIndexSeekOp? _seek;
    private NodeIndexSeekOp? _second;
    private QueryContext? _ctx;
    private object?[] _row = [];
    private NodeValue? _node;
    private NodeValue? _secondNode;
    private int _next = -1;
    private int _secondNext;

    /// <summary>
    /// Starts the rows of <paramref name="seek"/> for <paramref name="argument"/>, and of <paramref name="second"/> over
    /// them when given (nothing is read before the first MoveNext, as with the seeks' iterators).
    /// </summary>
    public IndexSeekRows Start(NodeIndexSeekOp seek, QueryContext ctx, object?[] argument, NodeIndexSeekOp? second = null)
    {
        // a kept object is old: a reference is stored only when it changed, so a repeated statement pays no write barrier
        if (!ReferenceEquals(_seek, seek)) _seek = seek;
        if (!ReferenceEquals(_second, second)) _second = second;
        if (!ReferenceEquals(_ctx, ctx)) _ctx = ctx;
        if (!ReferenceEquals(_row, argument)) _row = argument;
        _next = -1;
        _secondNext = 0;
        _secondNodes.Clear();
        return this;
    }

    public object?[] Current => _row;

    object System.Collections.IEnumerator.Current => _row;

    public bool MoveNext()
    {
        var ctx = _ctx!;
        if (_next < 0)
        {
            StackGuard.Ensure();
            _next = 0;
            _seek!.FindNodes(ctx, _row, _nodes);
        }
        if (_second is not { } second) return NextFirst(ctx);
        while (true)
        {
            if (_secondNext < _secondNodes.Count)
            {
                var id = _secondNodes[_secondNext++];
                ctx.Tick();
                var node = _secondNode ??= new NodeValue(id);
                node.MoveTo(id);
                if (!ReferenceEquals(_row[second.Slot], node)) _row[second.Slot] = node;
                return true;
            }
            if (!NextFirst(ctx)) return false;
            _secondNext = 0;
            second.FindNodes(ctx, _row, _secondNodes);
        }
    }

    /// <summary>Binds the first seek's next node, if any.</summary>
    private bool NextFirst(QueryContext ctx)
    {
        if (_next >= _nodes.Count) return false;
        var id = _nodes[_next++];
        ctx.Tick();
        var node = _node ??= new NodeValue(id);
        node.MoveTo(id);
        if (_next == 1) _row[_seek!.Slot] = node; // the statement's first row (the row is cleared between statements)
        return true;
    }

    public void Reset() => throw new NotSupportedException();

    /// <summary>Ends the statement's rows: nothing of them stays reachable (the ids go, a large list with them).</summary>
    public void Dispose()
    {
        _next = int.MaxValue;
        _secondNext = int.MaxValue;
        if (_nodes.Capacity > KeptCapacity) _nodes = [];
        else _nodes.Clear();
        if (_secondNodes.Capacity > KeptCapacity) _secondNodes = [];
        else _secondNodes.Clear();
    }
}
