using System.Diagnostics;

namespace Graph.Engine.Execution;

/// <summary>
/// The per-execution record of a PROFILE run: rows, store accesses and self time of each operator of the plan. It lives
/// in the execution's <see cref="Runtime.QueryContext"/>, so executions of one cached plan on several threads each count
/// their own rows. Store accesses are attributed to the operator running when they happen; operators of expression
/// subqueries (EXISTS { }, pattern comprehensions) are not in the plan tree, so theirs count for the operator evaluating
/// the expression.
/// </summary>
internal sealed class ExecutionProfile
{
    private readonly HashSet<PlanOperator> _tracked;
    private readonly Dictionary<PlanOperator, OperatorStatistics> _statistics = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<OperatorStatistics> _running = new();
    private long _mark;

    /// <param name="plan">The operators of the plan tree to record.</param>
    public ExecutionProfile(IEnumerable<PlanOperator> plan) => _tracked = new HashSet<PlanOperator>(plan, ReferenceEqualityComparer.Instance);

    /// <summary>Store accesses made while no operator of the plan was running (starting the statement).</summary>
    public long UnattributedDbHits { get; private set; }

    public bool Tracks(PlanOperator op) => _tracked.Contains(op);

    public OperatorStatistics For(PlanOperator op)
    {
        if (!_statistics.TryGetValue(op, out var statistics)) _statistics[op] = statistics = new OperatorStatistics();
        return statistics;
    }

    /// <summary>Counts store accesses for the operator running now.</summary>
    public void DbHit(long count = 1)
    {
        if (_running.TryPeek(out var current)) current.DbHits += count;
        else UnattributedDbHits += count;
    }

    /// <summary>The operator's rows, counted; its work (starting, each row, stopping) timed as its own.</summary>
    internal IEnumerable<object?[]> Record(PlanOperator op, Func<IEnumerable<object?[]>> produce)
    {
        var statistics = For(op);
        IEnumerator<object?[]> rows;
        Enter(statistics);
        try
        {
            rows = produce().GetEnumerator();
        }
        finally
        {
            Exit();
        }
        try
        {
            while (true)
            {
                bool more;
                Enter(statistics);
                try
                {
                    more = rows.MoveNext();
                }
                finally
                {
                    Exit();
                }
                if (!more) yield break;
                statistics.Rows++;
                yield return rows.Current;
            }
        }
        finally
        {
            Enter(statistics);
            try
            {
                rows.Dispose();
            }
            finally
            {
                Exit();
            }
        }
    }

    // The time between two switches belongs to the operator on top of the stack: a parent pulling from a child
    // stops its own clock while the child works.
    private void Enter(OperatorStatistics statistics)
    {
        var now = Stopwatch.GetTimestamp();
        if (_running.TryPeek(out var current)) current.ElapsedTicks += now - _mark;
        _running.Push(statistics);
        _mark = now;
    }

    private void Exit()
    {
        var now = Stopwatch.GetTimestamp();
        _running.Pop().ElapsedTicks += now - _mark;
        _mark = now;
    }
}
