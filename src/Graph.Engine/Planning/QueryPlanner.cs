using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Functions;
using Graph.Engine.Procedures;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Planning;

/// <summary>
/// Turns a bound statement (the binder's output: checked, procedures resolved) into a tree of streaming operators.
/// Clauses are planned left to right; every variable gets a slot in the row. Writes are separated from earlier reads by
/// Eager operators so a statement never observes its own later writes (Cypher's clause-by-clause semantics).
/// </summary>
/// <param name="maxPlanDepth">The deepest plan accepted (<see cref="EngineOptions.MaxPlanDepth"/>).</param>
internal sealed partial class QueryPlanner(IGraphStore store, int maxPlanDepth = EngineOptions.DefaultMaxPlanDepth)
{
    private BoundStatement _bound = null!;
    private int _slotCount;
    private string _query = "";

    /// <summary>How deep the operator that will run a subquery being planned now sits (see <see cref="PlanOperator.DepthOffset"/>).</summary>
    private int _depthBase;
    private bool _isWrite;
    private readonly HashSet<string> _parameters = new(StringComparer.Ordinal);

    private int NewSlot() => _slotCount++;

    /// <summary>A hidden variable name for anonymous pattern elements.</summary>
    private int HiddenSlot(Scope scope, string hint)
    {
        var slot = NewSlot();
        scope.Set($" {hint}{slot}", slot);
        return slot;
    }

    /// <summary>What SHOW DATABASES / PROCEDURES / FUNCTIONS / CURRENT USER list (the driver's); without it they fail.</summary>
    internal ShowListings? Listings { get; init; }

    public CompiledStatement Plan(BoundStatement bound, string queryText)
    {
        _bound = bound;
        var statement = bound.Statement;
        _query = queryText;
        var compiled = PlanStatement(statement, queryText);
        AssignIdentifiers(compiled.Root, compiled.Columns);
        compiled.Root.Freeze(); // published: executions on any thread share it from here on
        return statement.Mode == ExecutionMode.Normal
            ? compiled
            : compiled.WithMode(statement.Mode, PlanEstimator.Estimate(compiled.Root, store));
    }

    /// <summary>
    /// Records on operators that have none yet the variables visible after them (called after each clause, so an
    /// operator lists what its clause bound; plan descriptions show them).
    /// </summary>
    private static void AssignIdentifiers(PlanOperator op, IEnumerable<string> names)
    {
        var visible = names.Where(n => !n.StartsWith(' ')).ToList();
        var pending = new Stack<PlanOperator>();
        pending.Push(op);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current.Identifiers is not null) continue;
            current.Identifiers = visible;
            foreach (var child in current.Children) pending.Push(child);
        }
    }

    private CompiledStatement PlanStatement(Statement statement, string queryText)
    {
        if (statement is SchemaCommand command) return PlanSchema(command, queryText);
        if (statement is ShowCommand show) return PlanShowCommand(show, queryText);
        var query = (Query)statement;
        var root = PlanQuery(query, new Scope(), out var columns, out var slots);
        return new CompiledStatement
        {
            Query = queryText,
            Root = root,
            Columns = columns,
            ColumnSlots = slots,
            SlotCount = _slotCount,
            IsWrite = _isWrite,
            IsSchema = false,
            Parameters = _parameters,
        };
    }

    // ------------------------------------------------------------------ queries

    private PlanOperator PlanQuery(Query query, Scope outer, out List<string> columns, out int[] slots)
    {
        if (query is SingleQuery single) return PlanSingleQuery(single, outer.Clone(), out columns, out slots);
        var union = (UnionQuery)query;
        var parts = union.Parts().ToList();
        PlanOperator? result = null;
        columns = [];
        slots = [];
        foreach (var part in parts)
        {
            var op = PlanSingleQuery(part, outer.Clone(), out var partColumns, out var partSlots);
            if (result is null)
            {
                columns = partColumns;
                slots = partColumns.Select(_ => NewSlot()).ToArray();
            }
            var targetSlots = slots;
            var evaluators = partSlots.Select(s => (Evaluator)((row, _) => row[s])).ToArray();
            op = new ProjectOp(op, targetSlots, evaluators, "union columns");
            result = Deep(result is null ? op : new UnionOp(result, op, targetSlots, distinct: !union.All), part);
        }
        // UNION (distinct) of more than two parts: UnionOp only dedups its own pair; apply a final distinct
        if (!union.All && parts.Count > 2) result = new DistinctOp(result!, slots);
        return result!;
    }

    private PlanOperator PlanSingleQuery(SingleQuery query, Scope scope, out List<string> columns, out int[] slots)
    {
        var outerBase = _depthBase;
        PlanOperator op = new ArgumentOp { DepthOffset = outerBase };
        columns = [];
        slots = [];
        var clauses = query.Clauses;
        for (var i = 0; i < clauses.Count; i++)
        {
            var clause = clauses[i];
            _depthBase = op.Depth;
            switch (clause)
            {
                case MatchClause m:
                    op = PlanMatch(op, m, scope, i + 1 < clauses.Count && IgnoresDuplicates(clauses[i + 1]));
                    break;
                case UnwindClause u:
                    {
                        var list = Compile(u.Expression, scope);
                        var slot = NewSlot();
                        scope.Set(u.Variable.Name, slot);
                        op = new UnwindOp(op, list, slot, u.Variable.Name);
                        break;
                    }
                case WithClause w:
                    {
                        var (next, nextScope, _, _) = PlanProjection(op, w.Body, scope, isReturn: false, w.Where);
                        op = next;
                        scope = nextScope;
                        break;
                    }
                case ReturnClause r:
                    {
                        var (next, nextScope, cols, colSlots) = PlanProjection(op, r.Body, scope, isReturn: true, null);
                        op = next;
                        scope = nextScope;
                        columns = cols;
                        slots = colSlots;
                        break;
                    }
                case CreateClause c:
                    _isWrite = true;
                    op = new CreateOp(Eager(op), BuildCreatePattern(c.Pattern.Parts, scope, rejectNulls: false),
                        string.Join(", ", c.Pattern.Parts.Select(CypherPrinter.Print)));
                    // Later clauses must see every creation; a final CREATE's rows are drained by whoever runs it.
                    if (i < clauses.Count - 1) op = new EagerOp(op);
                    break;
                case MergeClause m:
                    _isWrite = true;
                    op = new EagerOp(PlanMerge(Eager(op), m, scope));
                    break;
                case SetClause s:
                    _isWrite = true;
                    op = new EagerOp(new SetOp(Eager(op), s.Items.Select(item => CompileSetItem(item, scope)).ToArray(), "SET"));
                    break;
                case RemoveClause rc:
                    _isWrite = true;
                    op = new EagerOp(new SetOp(Eager(op), rc.Items.Select(item => CompileRemoveItem(item, scope)).ToArray(), "REMOVE"));
                    break;
                case DeleteClause d:
                    _isWrite = true;
                    op = new DeleteOp(Eager(op), d.Expressions.Select(e => Compile(e, scope)).ToArray(), d.Detach);
                    break;
                case ForeachClause f:
                    {
                        _isWrite = true;
                        var list = Compile(f.List, scope);
                        var inner = scope.Clone();
                        var slot = NewSlot();
                        inner.Set(f.Variable.Name, slot);
                        var body = PlanSingleQuery(new SingleQuery(f.Position, f.Clauses), inner, out _, out _);
                        op = new ForeachOp(Eager(op), list, slot, body);
                        break;
                    }
                case CallSubqueryClause call:
                    {
                        _subqueryDepth++;
                        PlanOperator inner;
                        List<string> innerColumns;
                        int[] innerSlots;
                        try
                        {
                            inner = PlanQuery(call.Query, scope, out innerColumns, out innerSlots);
                        }
                        finally
                        {
                            _subqueryDepth--;
                        }
                        if (innerColumns.Count == 0)
                        {
                            op = new UnitSubqueryOp(Eager(op), inner);
                        }
                        else
                        {
                            op = new ApplyOp(op, inner);
                            for (var c = 0; c < innerColumns.Count; c++) scope.Set(innerColumns[c], innerSlots[c]);
                        }
                        break;
                    }
                case CallClause call:
                    {
                        var standalone = clauses.Count == 1 && _subqueryDepth == 0;
                        op = PlanProcedureCall(op, call, scope, standalone, out var callColumns, out var callSlots);
                        if (standalone)
                        {
                            columns = callColumns;
                            slots = callSlots;
                        }
                        break;
                    }
                default:
                    throw Semantic("UnsupportedClause", $"The embedded engine does not support {clause.GetType().Name}.", clause);
            }
            AssignIdentifiers(op, scope.Names);
            op = Deep(op, clause);
        }
        _depthBase = outerBase;
        return op;
    }

    /// <summary>Refuses the statement when <paramref name="op"/>, just built for <paramref name="at"/>, is deeper than <see cref="EngineOptions.MaxPlanDepth"/>.</summary>
    private PlanOperator Deep(PlanOperator op, Cypher.Ast.AstNode at) => PlanDepthLimit.Check(op, at, _query, maxPlanDepth);

    /// <summary>Materializes the rows of <paramref name="op"/> once (two adjacent Eagers would copy the same rows twice).</summary>
    private static PlanOperator Eager(PlanOperator op) => op is EagerOp ? op : new EagerOp(op);

    /// <summary>A correlated subquery (EXISTS, COUNT, CALL): planned on top of an Argument holding the outer row.</summary>
    private PlanOperator PlanSubquery(Query query, Scope outer, out List<string> columns)
    {
        _subqueryDepth++;
        try
        {
            return PlanQuery(query, outer, out columns, out _);
        }
        finally
        {
            _subqueryDepth--;
        }
    }

    /// <summary>How many subqueries (EXISTS, COUNT, CALL { }) enclose the clauses being planned: a CALL there is never standalone.</summary>
    private int _subqueryDepth;

    // ------------------------------------------------------------------ projections (WITH / RETURN)

    private (PlanOperator Op, Scope Scope, List<string> Columns, int[] Slots) PlanProjection(
        PlanOperator source, ProjectionBody body, Scope scope, bool isReturn, Expression? where)
    {
        var items = new List<(string Name, Expression Expr)>();
        if (body.IncludeExisting)
        {
            var names = scope.Names.ToList();
            if (isReturn) names.Sort(StringComparer.Ordinal);
            foreach (var n in names) items.Add((n, new Variable(body.Position, n)));
        }
        foreach (var item in body.Items) items.Add((item.Name, item.Expression));

        var slots = items.Select(_ => NewSlot()).ToArray();
        var newScope = new Scope();
        var computed = new Dictionary<string, int>();
        var aggregating = items.Any(i => ExpressionTree.ContainsAggregate(i.Expr));
        PlanOperator op;
        AggregationOp? aggregation = null;
        PlanOperator? aggregateProjection = null;
        if (aggregating)
        {
            var keyIdx = Enumerable.Range(0, items.Count).Where(i => !ExpressionTree.ContainsAggregate(items[i].Expr)).ToArray();
            var keyEvals = keyIdx.Select(i => Compile(items[i].Expr, scope)).ToArray();
            var keySlots = keyIdx.Select(i => slots[i]).ToArray();
            var specs = new List<AggregateSpec>();
            var aggComputed = new Dictionary<string, int>();
            foreach (var i in Enumerable.Range(0, items.Count).Except(keyIdx))
            {
                foreach (var agg in ExpressionTree.Aggregates(items[i].Expr))
                {
                    var key = ExpressionKey.Of(agg);
                    if (aggComputed.ContainsKey(key)) continue;
                    var slot = NewSlot();
                    aggComputed[key] = slot;
                    specs.Add(CompileAggregate(agg, scope, slot));
                }
            }
            op = aggregation = new AggregationOp(source, keySlots, keyEvals, specs.ToArray(), 0, ProjectionText(items),
                EntityKeys(keyIdx.Select(i => items[i].Expr).ToList(), scope));
            ReuseExpandRows(source);
            // after grouping only the keys (and variables that are keys) are visible
            var postScope = new Scope();
            foreach (var i in keyIdx)
            {
                postScope.Set(items[i].Name, slots[i]);
                if (items[i].Expr is Variable v) postScope.Set(v.Name, slots[i]);
                computed[ExpressionKey.Of(items[i].Expr)] = slots[i];
            }
            foreach (var (k, s) in aggComputed) computed[k] = s;
            var aggItems = Enumerable.Range(0, items.Count).Except(keyIdx).ToArray();
            var saved = _computed;
            _computed = computed;
            try
            {
                var evals = aggItems.Select(i => Compile(items[i].Expr, postScope)).ToArray();
                op = aggregateProjection = new ProjectOp(op, aggItems.Select(i => slots[i]).ToArray(), evals, "aggregates", ownsInput: true);
            }
            finally
            {
                _computed = saved;
            }
        }
        else
        {
            var evals = items.Select(i => Compile(i.Expr, scope)).ToArray();
            op = new ProjectOp(source, slots, evals, ProjectionText(items));
            for (var i = 0; i < items.Count; i++) computed[ExpressionKey.Of(items[i].Expr)] = slots[i];
        }
        for (var i = 0; i < items.Count; i++) newScope.Set(items[i].Name, slots[i]);

        if (body.Distinct) op = new DistinctOp(op, slots);

        // ORDER BY and WHERE see the projected names; without aggregation/DISTINCT also the old variables
        Scope sortScope;
        if (aggregating || body.Distinct)
        {
            sortScope = newScope.Clone();
        }
        else
        {
            sortScope = scope.Clone();
            foreach (var name in newScope.Names)
                if (newScope.TryGet(name, out var s)) sortScope.Set(name, s);
        }
        var savedComputed = _computed;
        _computed = computed;
        try
        {
            if (body.OrderBy.Count > 0)
            {
                var keys = body.OrderBy.Select(o => Compile(o.Expression, sortScope)).ToArray();
                var top = TopCount(body);
                var sort = new SortOp(op, keys, body.OrderBy.Select(o => o.Descending).ToArray(), string.Join(", ", body.OrderBy.Select(o => ExpressionKey.Of(o.Expression))), top);
                // top-k right after grouping: most groups are dropped at once, so they share one row and the kept ones are copied
                if (top is not null && aggregation is not null && ReferenceEquals(op, aggregateProjection))
                {
                    sort.CopyKeptRows = true;
                    aggregation.ReuseOutputRow = true;
                }
                op = sort;
            }
        }
        finally
        {
            _computed = savedComputed;
        }
        if (body.Skip is not null) op = new SkipOp(op, Compile(body.Skip, new Scope()));
        if (body.Limit is not null) op = new LimitOp(op, Compile(body.Limit, new Scope()), drainWhenZero: _isWrite);
        if (where is not null)
        {
            // WITH DISTINCT ... WHERE may still read the variables of the rows kept
            var whereScope = sortScope;
            if (body.Distinct && !aggregating)
            {
                whereScope = scope.Clone();
                foreach (var name in newScope.Names)
                    if (newScope.TryGet(name, out var s)) whereScope.Set(name, s);
            }
            op = new FilterOp(op, CompilePredicate(where, whereScope), CypherPrinter.Print(where));
        }
        return (op, newScope, items.Select(i => i.Name).ToList(), slots);
    }

    /// <summary>"n.name AS name, count(*) AS c" (an item named like its expression is written once).</summary>
    private static string ProjectionText(List<(string Name, Expression Expr)> items) => string.Join(", ", items.Select(i =>
    {
        var text = CypherPrinter.Print(i.Expr);
        return text == i.Name ? text : $"{text} AS {CypherPrinter.Name(i.Name)}";
    }));

    /// <summary>
    /// Below an aggregation (which keeps values, never rows) a chain of expands, filters and label checks can pass one
    /// buffer along instead of a copy per row: each of them is done with a row before it asks for the next.
    /// </summary>
    private static void ReuseExpandRows(PlanOperator op)
    {
        while (true)
        {
            switch (op)
            {
                case ExpandOp expand:
                    expand.ReuseRows = true;
                    break;
                case FilterOp or NodeCheckOp:
                    break;
                default:
                    return;
            }
            op = op.Children.Single();
        }
    }

    /// <summary>
    /// True for a WITH/RETURN that aggregates, and only with aggregates whose result does not change when an input row
    /// is repeated (DISTINCT ones, min, max): the rows before it may then be produced once instead of once per path.
    /// </summary>
    private static bool IgnoresDuplicates(Clause next)
    {
        var body = next switch
        {
            WithClause w => w.Body,
            ReturnClause r => r.Body,
            _ => null,
        };
        if (body is null || body.IncludeExisting) return false;
        var aggregates = body.Items.Select(i => i.Expression).Concat(body.OrderBy.Select(o => o.Expression)).SelectMany(ExpressionTree.Aggregates).ToList();
        return aggregates.Count > 0 && aggregates.All(a => a is FunctionInvocation f
            && (f.Distinct || f.Name.Equals("min", StringComparison.OrdinalIgnoreCase) || f.Name.Equals("max", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// SKIP + LIMIT as one count for a top-k sort, when both are literals or parameters (evaluated again by the sort, so
    /// they must give the same value; the SKIP and LIMIT operators above check them first and report bad values).
    /// </summary>
    private Evaluator? TopCount(ProjectionBody body)
    {
        if (body.Limit is not (IntegerLiteral or Parameter) || body.Skip is not (null or IntegerLiteral or Parameter)) return null;
        var limit = Compile(body.Limit, new Scope());
        var skip = body.Skip is null ? null : Compile(body.Skip, new Scope());
        return (row, ctx) =>
        {
            var l = limit(row, ctx);
            var s = skip?.Invoke(row, ctx);
            if (l is not long n || (s is not (null or long))) return l; // the LIMIT/SKIP operators have rejected it already
            var sum = n + (s is long m ? m : 0);
            return sum < n ? long.MaxValue : sum;
        };
    }

    /// <summary>
    /// When every grouping key is a function of one entity variable (n, n.prop, type(r)), the aggregation can find a
    /// row's group by the entity ids. Only in statements that have not written: the keys must not change during the scan.
    /// </summary>
    private EntityKeyPart[]? EntityKeys(List<Expression> keys, Scope scope)
    {
        if (_isWrite || keys.Count == 0 || keys.Count > 4) return null;
        var parts = new EntityKeyPart[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var (variable, typeOnly) = keys[i] switch
            {
                Variable v => (v, false),
                PropertyLookup { Subject: Variable v } => (v, false),
                FunctionInvocation { Namespace.Count: 0, Distinct: false, Arguments: [Variable v] } f
                    when string.Equals(f.Name, "type", StringComparison.OrdinalIgnoreCase) => (v, true),
                _ => ((Variable?)null, false),
            };
            if (variable is null || !scope.TryGet(variable.Name, out var slot)) return null;
            parts[i] = new EntityKeyPart(slot, typeOnly);
        }
        return parts;
    }

    private AggregateSpec CompileAggregate(Expression agg, Scope scope, int slot)
    {
        if (agg is CountStar) return new AggregateSpec("count", false, true, [], slot);
        var f = (FunctionInvocation)agg; // nested aggregates were refused by the semantic pass
        var expected = f.Name.ToLowerInvariant() is "percentilecont" or "percentiledisc" ? 2 : 1;
        if (f.Arguments.Count != expected)
            throw new ClientException(Neo4jStatus.SyntaxError, $"{f.Name}() takes {expected} argument(s) ({f.Position}).")
            { Phase = ErrorPhase.CompileTime, Detail = "InvalidNumberOfArguments", Position = f.Position };
        return new AggregateSpec(f.Name, f.Distinct, false, f.Arguments.Select(a => Compile(a, scope)).ToArray(), slot);
    }

    // ------------------------------------------------------------------ SET / REMOVE

    private SetAction CompileSetItem(SetItem item, Scope scope)
    {
        switch (item)
        {
            case SetPropertyItem p:
                {
                    var target = Compile(p.Property.Subject, scope);
                    var value = Compile(p.Value, scope);
                    var key = p.Property.PropertyName;
                    return (row, ctx) => GraphWriter.SetProperty(ctx, target(row, ctx), key, value(row, ctx));
                }
            case SetPropertiesItem p:
                {
                    var target = Compile(p.Variable, scope);
                    var value = Compile(p.Value, scope);
                    var replace = !p.Merge;
                    return (row, ctx) => GraphWriter.SetProperties(ctx, target(row, ctx), value(row, ctx), replace);
                }
            case SetLabelsItem l:
                {
                    var target = Compile(l.Variable, scope);
                    var labels = l.Labels.Select(x => new LabelToken(x)).ToArray();
                    return (row, ctx) => GraphWriter.AddLabels(ctx, target(row, ctx), labels);
                }
            default:
                throw Semantic("UnsupportedClause", $"Unsupported SET item {item.GetType().Name}.", item);
        }
    }

    private SetAction CompileRemoveItem(RemoveItem item, Scope scope)
    {
        switch (item)
        {
            case RemovePropertyItem p:
                {
                    var target = Compile(p.Property.Subject, scope);
                    var key = p.Property.PropertyName;
                    return (row, ctx) => GraphWriter.SetProperty(ctx, target(row, ctx), key, null);
                }
            case RemoveLabelsItem l:
                {
                    var target = Compile(l.Variable, scope);
                    var labels = l.Labels.Select(x => new LabelToken(x)).ToArray();
                    return (row, ctx) => GraphWriter.RemoveLabels(ctx, target(row, ctx), labels);
                }
            default:
                throw Semantic("UnsupportedClause", $"Unsupported REMOVE item {item.GetType().Name}.", item);
        }
    }
}
