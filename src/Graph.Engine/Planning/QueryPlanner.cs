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
    private readonly StatementParameters _parameters = new();

    private int NewSlot() => _slotCount++;


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
        var visible = names.ToList();
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
        var root = PlanQuery(query, new SlotLayout(), out var columns, out var slots);
        if (_isWrite) ForgetReadOnlyShortcuts(root);
        return new CompiledStatement
        {
            Query = queryText,
            Root = root,
            Columns = columns,
            ColumnSlots = slots,
            SlotCount = _slotCount,
            IsWrite = _isWrite,
            IsSchema = false,
            Parameters = _parameters.NameSet(),
            ParameterTable = _parameters,
        };
    }

    /// <summary>
    /// A write found after a MATCH was planned (a CREATE in a later subquery can run while that MATCH is halfway
    /// through): its expands must not keep what they read (label checks, a repeated end's relationships) for later rows.
    /// </summary>
    private static void ForgetReadOnlyShortcuts(PlanOperator root)
    {
        foreach (var expand in root.Descendants().OfType<ExpandOp>())
        {
            expand.CacheLabelChecks = false;
            expand.IndexFixedEnd = false;
            expand.JoinedTo = null;
            expand.JoinedBelow = null;
        }
        foreach (var chain in root.Descendants().OfType<ChainCountOp>()) chain.RememberReads = false;
        foreach (var varExpand in root.Descendants().OfType<VarExpandOp>()) varExpand.CacheLabelChecks = false;
    }

    // ------------------------------------------------------------------ queries

    private PlanOperator PlanQuery(Query query, SlotLayout layout, out List<string> columns, out int[] slots)
    {
        if (query is SingleQuery single) return PlanSingleQuery(single, layout, out columns, out slots);
        var union = (UnionQuery)query;
        var parts = union.Parts().ToList();
        PlanOperator? result = null;
        columns = [];
        slots = [];
        foreach (var part in parts)
        {
            var op = PlanSingleQuery(part, layout, out var partColumns, out var partSlots);
            if (result is null)
            {
                columns = partColumns;
                slots = partColumns.Select(_ => NewSlot()).ToArray();
            }
            var targetSlots = slots;
            // by name: the binder checked that every part has the same columns, not that it has them in the same order
            var firstColumns = columns;
            var evaluators = firstColumns.Select(c => SlotReader(partSlots[partColumns.IndexOf(c)])).ToArray();
            op = new ProjectOp(op, targetSlots, evaluators, "union columns");
            result = Deep(result is null ? op : new UnionOp(result, op, targetSlots, distinct: !union.All), part);
        }
        // UNION (distinct) of more than two parts: UnionOp only dedups its own pair; apply a final distinct
        if (!union.All && parts.Count > 2) result = new DistinctOp(result!, slots);
        return result!;
    }

    private PlanOperator PlanSingleQuery(SingleQuery query, SlotLayout layout, out List<string> columns, out int[] slots)
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
                    op = PlanMatch(op, m, layout, i + 1 < clauses.Count && IgnoresDuplicates(clauses[i + 1]),
                        i + 1 < clauses.Count && IgnoresRowOrder(clauses[i + 1]));
                    break;
                case UnwindClause u:
                    {
                        var list = Compile(u.Expression, layout);
                        var slot = NewSlot();
                        layout.Place(_bound.SymbolOf(u.Variable), slot);
                        op = new UnwindOp(op, list, slot, u.Variable.Name);
                        break;
                    }
                case WithClause w:
                    {
                        (op, _, _) = PlanProjection(op, w.Body, layout, w.Where);
                        break;
                    }
                case ReturnClause r:
                    {
                        (op, columns, slots) = PlanProjection(op, r.Body, layout, null);
                        if (op is ProjectOp returned) TryRecordWriter(returned, _bound.ProjectionOf(r.Body).Items, slots, layout);
                        break;
                    }
                case CreateClause c:
                    _isWrite = true;
                    op = new CreateOp(Eager(op), BuildCreatePattern(c.Pattern.Parts, layout, rejectNulls: false),
                        string.Join(", ", c.Pattern.Parts.Select(CypherPrinter.Print)));
                    // Later clauses must see every creation; a final CREATE's rows are drained by whoever runs it.
                    if (i < clauses.Count - 1) op = new EagerOp(op);
                    break;
                case MergeClause m:
                    _isWrite = true;
                    op = new EagerOp(PlanMerge(Eager(op), m, layout));
                    break;
                case SetClause s:
                    _isWrite = true;
                    op = new EagerOp(new SetOp(Eager(op), s.Items.Select(item => CompileSetItem(item, layout)).ToArray(), "SET"));
                    break;
                case RemoveClause rc:
                    _isWrite = true;
                    op = new EagerOp(new SetOp(Eager(op), rc.Items.Select(item => CompileRemoveItem(item, layout)).ToArray(), "REMOVE"));
                    break;
                case DeleteClause d:
                    _isWrite = true;
                    op = new DeleteOp(Eager(op), d.Expressions.Select(e => Compile(e, layout)).ToArray(), d.Detach);
                    break;
                case ForeachClause f:
                    {
                        _isWrite = true;
                        var list = Compile(f.List, layout);
                        var slot = NewSlot();
                        layout.Place(_bound.SymbolOf(f.Variable), slot);
                        var body = PlanSingleQuery(new SingleQuery(f.Position, f.Clauses), layout, out _, out _);
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
                            inner = PlanQuery(call.Query, layout, out innerColumns, out innerSlots);
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
                            var outputs = _bound.OutputsOf(call);
                            for (var c = 0; c < innerColumns.Count; c++) layout.Place(outputs[c], innerSlots[c]);
                        }
                        break;
                    }
                case CallClause call:
                    {
                        var standalone = clauses.Count == 1 && _subqueryDepth == 0;
                        op = PlanProcedureCall(op, call, layout, standalone, out var callColumns, out var callSlots);
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
            AssignIdentifiers(op, Visible(_bound.VisibleAfter(clause), layout));
            op = Deep(op, clause);
        }
        _depthBase = outerBase;
        return op;
    }

    /// <summary>The names of the variables visible after a clause, in the order of their slots (the order they were planned in).</summary>
    private static IEnumerable<string> Visible(IReadOnlyList<Symbol> symbols, SlotLayout layout) =>
        symbols.Select(s => (s.Name, Slot: layout.TryGet(s, out var slot) ? slot : int.MaxValue)).OrderBy(s => s.Slot).Select(s => s.Name);

    private static Evaluator SlotReader(int slot) => (row, _) => row[slot];

    /// <summary>Refuses the statement when <paramref name="op"/>, just built for <paramref name="at"/>, is deeper than <see cref="EngineOptions.MaxPlanDepth"/>.</summary>
    private PlanOperator Deep(PlanOperator op, Cypher.Ast.AstNode at) => PlanDepthLimit.Check(op, at, _query, maxPlanDepth);

    /// <summary>Materializes the rows of <paramref name="op"/> once (two adjacent Eagers would copy the same rows twice).</summary>
    private static PlanOperator Eager(PlanOperator op) => op is EagerOp ? op : new EagerOp(op);

    /// <summary>A correlated subquery (EXISTS, COUNT, CALL): planned on top of an Argument holding the outer row.</summary>
    private PlanOperator PlanSubquery(Query query, SlotLayout layout, out List<string> columns)
    {
        _subqueryDepth++;
        try
        {
            return PlanQuery(query, layout, out columns, out _);
        }
        finally
        {
            _subqueryDepth--;
        }
    }

    /// <summary>How many subqueries (EXISTS, COUNT, CALL { }) enclose the clauses being planned: a CALL there is never standalone.</summary>
    private int _subqueryDepth;

    // ------------------------------------------------------------------ projections (WITH / RETURN)

    /// <summary>
    /// WITH / RETURN / YIELD as the binder structured it: the items (with <c>*</c> expanded), grouped by the grouping keys
    /// when some aggregate, then DISTINCT, ORDER BY, SKIP, LIMIT and (WITH) WHERE. Each item's symbol gets its slot.
    /// </summary>
    private (PlanOperator Op, List<string> Columns, int[] Slots) PlanProjection(PlanOperator source, ProjectionBody body, SlotLayout layout, Expression? where)
    {
        var projection = _bound.ProjectionOf(body);
        var items = projection.Items;
        var slots = items.Select(_ => NewSlot()).ToArray();
        // expressions whose value is already in a slot: ORDER BY (and the aggregating items) read them there
        var computed = new Dictionary<string, int>();
        PlanOperator op;
        AggregationOp? aggregation = null;
        PlanOperator? aggregateProjection = null;
        if (projection.IsAggregating)
        {
            var keyIdx = Enumerable.Range(0, items.Count).Where(i => items[i].IsGroupingKey).ToArray();
            var keyEvals = keyIdx.Select(i => ItemValue(items[i], layout)).ToArray();
            var keySlots = keyIdx.Select(i => slots[i]).ToArray();
            var specs = new List<AggregateSpec>();
            foreach (var aggregate in projection.Aggregates)
            {
                var key = ExpressionKey.Of(aggregate);
                if (computed.ContainsKey(key)) continue;
                var slot = NewSlot();
                computed[key] = slot;
                specs.Add(CompileAggregate(aggregate, layout, slot));
            }
            var entityKeys = EntityKeys(keyIdx.Select(i => items[i]).ToList(), keyEvals, layout);
            // count(DISTINCT b) of a variable-length pattern's ends: counted over node ids, without rows
            if (TryReachCount(source, projection, keyIdx.Length, specs.ToArray(), layout, ProjectionText(items)) is { } reachCount)
            {
                op = reachCount;
            }
            // count(*) over a chain of hops, grouped by functions of single entities: counted without rows
            else if (TryChainCount(source, keyIdx.Select(i => items[i]).ToList(), keySlots, keyEvals, specs.ToArray(), layout, ProjectionText(items)) is { } chain)
            {
                op = chain;
            }
            else
            {
                op = aggregation = new AggregationOp(source, keySlots, keyEvals, specs.ToArray(), 0, ProjectionText(items), entityKeys);
                ReuseExpandRows(source);
                // an anonymous last hop nothing reads: each row stands for its number of matches, counted instead of enumerated
                if (source is ExpandOp { CanCount: true } counted)
                {
                    counted.CountSlot = aggregation.WeightSlot = NewSlot();
                }
            }
            // after grouping a row holds the keys and aggregates only: the aggregating items read the variables that are
            // keys, and the key expressions the binder resolved to their columns (n.name in n.name + count(*)), from the keys' slots
            var grouped = new SlotLayout();
            foreach (var i in keyIdx)
            {
                grouped.Place(items[i].Output, slots[i]);
                if (items[i].Source is { } copied) grouped.Place(copied, slots[i]);
                else if (items[i].Expression is Variable v) grouped.Place(_bound.SymbolOf(v), slots[i]);
            }
            var aggItems = Enumerable.Range(0, items.Count).Where(i => !items[i].IsGroupingKey).ToArray();
            var saved = _computed;
            _computed = computed;
            try
            {
                var evals = aggItems.Select(i => Compile(items[i].Expression!, grouped)).ToArray();
                op = aggregateProjection = new ProjectOp(op, aggItems.Select(i => slots[i]).ToArray(), evals, "aggregates", ownsInput: true);
            }
            finally
            {
                _computed = saved;
            }
        }
        else
        {
            var evals = items.Select(i => ItemValue(i, layout)).ToArray();
            op = new ProjectOp(source, slots, evals, ProjectionText(items));
            for (var i = 0; i < items.Count; i++)
                if (items[i].Expression is { } expression) computed[ExpressionKey.Of(expression)] = slots[i];
        }
        for (var i = 0; i < items.Count; i++) layout.Place(items[i].Output, slots[i]);

        if (projection.IsDistinct) op = new DistinctOp(op, slots);

        // ORDER BY and WHERE: the binder resolved each name to a column or (without aggregation) an earlier variable
        var savedComputed = _computed;
        _computed = computed;
        try
        {
            if (body.OrderBy.Count > 0)
            {
                var keys = body.OrderBy.Select(o => Compile(o.Expression, layout)).ToArray();
                var top = TopCount(body, layout);
                var sort = new SortOp(op, keys, body.OrderBy.Select(o => o.Descending).ToArray(), string.Join(", ", body.OrderBy.Select(o => ExpressionKey.Of(o.Expression))), top);
                // top-k right after grouping: most groups are dropped at once, so they share one row and the kept ones are copied
                if (top is not null && aggregation is not null && ReferenceEquals(op, aggregateProjection))
                {
                    sort.CopyKeptRows = true;
                    aggregation.ReuseOutputRow = true;
                }
                if (top is not null && ReferenceEquals(op, aggregateProjection)) KeepTopGroups(op.Children.Single(), body, top, items, slots, layout);
                op = sort;
            }
        }
        finally
        {
            _computed = savedComputed;
        }
        if (body.Skip is not null) op = new SkipOp(op, Compile(body.Skip, layout));
        if (body.Limit is not null) op = new LimitOp(op, Compile(body.Limit, layout), drainWhenZero: _isWrite);
        if (where is not null)
            op = new FilterOp(op, CompilePredicate(where, layout), CypherPrinter.Print(where));
        return (op, items.Select(i => i.Name).ToList(), slots);
    }

    /// <summary>An item's value: its expression, or for a column of <c>*</c> the variable it copies.</summary>
    private Evaluator ItemValue(BoundProjectionItem item, SlotLayout layout) =>
        item.Expression is { } expression ? Compile(expression, layout) : SlotReader(layout.SlotOf(item.Source!));

    /// <summary>"n.name AS name, count(*) AS c" (an item named like its expression is written once).</summary>
    private static string ProjectionText(IReadOnlyList<BoundProjectionItem> items) => string.Join(", ", items.Select(i =>
    {
        var text = i.Expression is null ? CypherPrinter.Name(i.Source!.Name) : CypherPrinter.Print(i.Expression);
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
                case VarExpandOp varExpand:
                    varExpand.ReuseRows = true;
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
    private bool IgnoresDuplicates(Clause next)
    {
        if (ExplicitProjectionOf(next) is not { } projection) return false;
        var aggregates = projection.Aggregates.Concat(projection.OrderByAggregates).ToList();
        return aggregates.Count > 0 && aggregates.All(a => a is FunctionInvocation f && Aggregations.IgnoresRepeatedRows(f.Name, f.Distinct));
    }

    /// <summary>The projection of a WITH/RETURN without `*`; null for other clauses.</summary>
    private BoundProjection? ExplicitProjectionOf(Clause next)
    {
        var body = next switch
        {
            WithClause w => w.Body,
            ReturnClause r => r.Body,
            _ => null,
        };
        return body is null || body.IncludeExisting ? null : _bound.ProjectionOf(body);
    }

    /// <summary>
    /// True for a WITH/RETURN whose aggregates are all counts: their results do not depend on the order of the rows (a sum
    /// or an average of floats does, by rounding; collect keeps the order; min and max return the first of tied values
    /// such as 1 and 1.0). The order of the groups may change with the order of the rows, which Cypher leaves unspecified
    /// without ORDER BY.
    /// </summary>
    private bool IgnoresRowOrder(Clause next)
    {
        if (ExplicitProjectionOf(next) is not { } projection) return false;
        return projection.Aggregates.Concat(projection.OrderByAggregates)
            .All(a => a is CountStar || a is FunctionInvocation f && f.Name.Equals("count", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// SKIP + LIMIT as one count for a top-k sort, when both are literals or parameters (evaluated again by the sort, so
    /// they must give the same value; the SKIP and LIMIT operators above check them first and report bad values).
    /// </summary>
    private Evaluator? TopCount(ProjectionBody body, SlotLayout layout)
    {
        if (body.Limit is not (IntegerLiteral or Parameter) || body.Skip is not (null or IntegerLiteral or Parameter)) return null;
        var limit = Compile(body.Limit, layout);
        var skip = body.Skip is null ? null : Compile(body.Skip, layout);
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
    /// A relationship's property (<c>a.sign</c>) is keyed by its value when that is an integer, boolean or null: every
    /// row usually has a relationship of its own, which would make the tuples finer than the groups.
    /// </summary>
    private EntityKeyPart[]? EntityKeys(List<BoundProjectionItem> keys, Evaluator[] keyEvals, SlotLayout layout)
    {
        if (_isWrite || keys.Count == 0 || keys.Count > 4) return null;
        var parts = new EntityKeyPart[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Source is { } copied)
            {
                if (!MayBeEntity(copied)) return null;
                parts[i] = new EntityKeyPart(layout.SlotOf(copied), false);
                continue;
            }
            Evaluator? value = null;
            var (variable, typeOnly) = keys[i].Expression switch
            {
                Variable v => (v, false),
                PropertyLookup { Subject: Variable v } when _bound.SymbolOf(v).Kind == VariableKind.Relationship && (value = keyEvals[i]) is not null => (v, false),
                PropertyLookup { Subject: Variable v } => (v, false),
                FunctionInvocation { Namespace.Count: 0, Distinct: false, Arguments: [Variable v] } f
                    when _bound.FunctionOf(f).Name == "type" => (v, true),
                _ => ((Variable?)null, false),
            };
            if (variable is null || !MayBeEntity(_bound.SymbolOf(variable))) return null;
            var slot = layout.SlotOf(_bound.SymbolOf(variable));
            parts[i] = new EntityKeyPart(slot, typeOnly, value);
        }
        return parts;
    }

    /// <summary>False for a variable the binder knows holds no node or relationship (UNWIND [1, 2] AS x): its groups are found by value.</summary>
    private static bool MayBeEntity(Symbol symbol) => symbol.Kind is VariableKind.Node or VariableKind.Relationship || !symbol.Type.IsKnown;

    private AggregateSpec CompileAggregate(Expression agg, SlotLayout layout, int slot)
    {
        if (agg is CountStar) return new AggregateSpec("count", false, true, [], slot);
        var f = (FunctionInvocation)agg; // nesting and arity were checked by the binder
        return new AggregateSpec(f.Name, f.Distinct, false, f.Arguments.Select(a => Compile(a, layout)).ToArray(), slot);
    }

    // ------------------------------------------------------------------ SET / REMOVE

    private SetAction CompileSetItem(SetItem item, SlotLayout layout)
    {
        switch (item)
        {
            case SetPropertyItem p:
                {
                    var target = Compile(p.Property.Subject, layout);
                    var value = Compile(p.Value, layout);
                    var key = p.Property.PropertyName;
                    return (row, ctx) => GraphWriter.SetProperty(ctx, target(row, ctx), key, value(row, ctx));
                }
            case SetPropertiesItem p:
                {
                    var target = Compile(p.Variable, layout);
                    var value = Compile(p.Value, layout);
                    var replace = !p.Merge;
                    return (row, ctx) => GraphWriter.SetProperties(ctx, target(row, ctx), value(row, ctx), replace);
                }
            case SetLabelsItem l:
                {
                    var target = Compile(l.Variable, layout);
                    var labels = l.Labels.Select(x => new LabelToken(x)).ToArray();
                    return (row, ctx) => GraphWriter.AddLabels(ctx, target(row, ctx), labels);
                }
            default:
                throw Semantic("UnsupportedClause", $"Unsupported SET item {item.GetType().Name}.", item);
        }
    }

    private SetAction CompileRemoveItem(RemoveItem item, SlotLayout layout)
    {
        switch (item)
        {
            case RemovePropertyItem p:
                {
                    var target = Compile(p.Property.Subject, layout);
                    var key = p.Property.PropertyName;
                    return (row, ctx) => GraphWriter.SetProperty(ctx, target(row, ctx), key, null);
                }
            case RemoveLabelsItem l:
                {
                    var target = Compile(l.Variable, layout);
                    var labels = l.Labels.Select(x => new LabelToken(x)).ToArray();
                    return (row, ctx) => GraphWriter.RemoveLabels(ctx, target(row, ctx), labels);
                }
            default:
                throw Semantic("UnsupportedClause", $"Unsupported REMOVE item {item.GetType().Name}.", item);
        }
    }
}
