using System.Runtime.CompilerServices;
using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Execution;
using Graph.Engine.Functions;
using Graph.Engine.Runtime;

namespace Graph.Engine.Planning;

/// <summary>Compiles expressions to closures over row slots (no AST walking per row).</summary>
internal sealed partial class QueryPlanner
{
    /// <summary>Expressions already computed into slots (grouping keys, aggregates), by canonical key.</summary>
    private Dictionary<string, int>? _computed;

    public Evaluator Compile(Expression e, SlotLayout layout)
    {
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ClientException(Neo4jStatus.SyntaxError, "The expression is nested too deeply to evaluate; simplify it.")
            { Phase = ErrorPhase.CompileTime, Position = e.Position };
        }
        if (_computed is not null && e is not (Variable or Parameter or IntegerLiteral or StringLiteral or BooleanLiteral or NullLiteral or FloatLiteral))
        {
            // the binder resolved an expression written like an item to its column (ORDER BY after DISTINCT or
            // aggregation; a grouping key inside an aggregating item)
            if (_bound.ColumnOf(e) is { } column)
                return SlotReader(layout.SlotOf(column));
            if (_computed.TryGetValue(ExpressionKey.Of(e), out var computedSlot))
                return SlotReader(computedSlot);
        }
        return e switch
        {
            IntegerLiteral i => Constant(CypherValues.Int(i.Value)),
            FloatLiteral f => Constant(f.Value),
            StringLiteral s => Constant(s.Value),
            BooleanLiteral b => Constant(CypherValues.Bool(b.Value)),
            NullLiteral => Constant(null),
            ListLiteral l => CompileList(l, layout),
            MapLiteral m => CompileMap(m, layout),
            Parameter p => CompileParameter(p),
            Variable v => CompileVariable(v, layout),
            PropertyLookup p => CompileProperty(p, layout),
            IndexExpression i => CompileIndex(i, layout),
            SliceExpression s => CompileSlice(s, layout),
            LabelsPredicate l => CompileLabels(l, layout),
            FunctionInvocation f => CompileFunction(f, layout),
            BinaryExpression b => CompileBinary(b, layout),
            UnaryExpression u => CompileUnary(u, layout),
            IsNullExpression n => CompileIsNull(n, layout),
            CaseExpression c => CompileCase(c, layout),
            ListComprehension lc => CompileListComprehension(lc, layout),
            QuantifierExpression q => CompileQuantifier(q, layout),
            ReduceExpression r => CompileReduce(r, layout),
            MapProjection mp => CompileMapProjection(mp, layout),
            PatternComprehension pc => CompilePatternComprehension(pc, layout),
            PatternExpression pe => CompilePatternExpression(pe, layout),
            ExistsSubquery es => CompileExists(es.Query, layout),
            CountSubquery cs => CompileCountSubquery(cs.Query, layout),
            _ => throw Semantic("UnsupportedExpression", $"The embedded engine does not support {e.GetType().Name} expressions.", e),
        };
    }

    /// <summary>Compiles an expression used as a condition: a bare pattern means "the pattern exists".</summary>
    public Evaluator CompilePredicate(Expression e, SlotLayout layout) => e is PatternExpression { Pattern.Selector: PathSelector.All } pe
        ? CompilePatternExists(pe.Pattern, layout)
        : Compile(e, layout);

    private static Evaluator Constant(object? v) => (_, _) => v;

    internal static ClientException Semantic(string detail, string message, AstNode at) =>
        new(Neo4jStatus.SemanticError, message) { Phase = ErrorPhase.CompileTime, Detail = detail, Position = at.Position };

    private Evaluator CompileList(ListLiteral l, SlotLayout layout)
    {
        var items = l.Items.Select(i => Compile(i, layout)).ToArray();
        var bytes = ValueSize.List(items.Length);
        return (row, ctx) =>
        {
            var list = new List<object?>(items.Length);
            foreach (var i in items) list.Add(i(row, ctx));
            ctx.Memory.ReserveValue(bytes);
            return list;
        };
    }

    private Evaluator CompileMap(MapLiteral m, SlotLayout layout)
    {
        var keys = m.Entries.Select(e => e.Key).ToArray();
        var values = m.Entries.Select(e => Compile(e.Value, layout)).ToArray();
        var bytes = ValueSize.Map(keys.Length);
        return (row, ctx) =>
        {
            var map = new Dictionary<string, object?>(keys.Length);
            for (var i = 0; i < keys.Length; i++) map[keys[i]] = values[i](row, ctx);
            ctx.Memory.ReserveValue(bytes);
            return map;
        };
    }

    private Evaluator CompileParameter(Parameter p)
    {
        var name = p.Name;
        var table = _parameters;
        var number = table.NumberOf(name);
        // the execution's values by number when it bound this statement's (always, for the result cursor's statements)
        return (_, ctx) => ctx.BoundParameter(table, number, out var bound) ? bound
            : ctx.Parameters.TryGetValue(name, out var v) ? v
            : throw Driver.ParameterValues.Missing(name, p.Position);
    }

    private Evaluator CompileVariable(Variable v, SlotLayout layout) => SlotReader(layout.SlotOf(_bound.SymbolOf(v)));

    private Evaluator CompileProperty(PropertyLookup p, SlotLayout layout)
    {
        var subject = Compile(p.Subject, layout);
        var key = new PropertyKey(p.PropertyName);
        return (row, ctx) => PropertyOf(subject(row, ctx), key, ctx);
    }

    internal static object? PropertyOf(object? s, PropertyKey key, QueryContext ctx) => s switch
    {
        null => null,
        NodeValue n => ctx.NodeProperty(n, key),
        RelValue r => ctx.RelProperty(r, key),
        IReadOnlyDictionary<string, object?> m => m.TryGetValue(key.Name, out var v) ? v : null,
        Node virtualNode => virtualNode[key.Name], // a procedure's virtual node (db.schema.visualization)
        Relationship virtualRel => virtualRel[key.Name],
        ITemporalValue temporal => Runtime.Temporal.TemporalAccessors.Get(temporal, key.Name), // d.year, dur.minutes, ...
        _ => throw CypherErrors.TypeError("PropertyAccessOnNonMap",
            $"Cannot read property '{key.Name}' of a {CypherValues.TypeName(s)} ({CypherValues.Describe(s)}); only nodes, relationships and maps have properties."),
    };

    private Evaluator CompileIndex(IndexExpression i, SlotLayout layout)
    {
        var subject = Compile(i.Subject, layout);
        var index = Compile(i.Index, layout);
        return (row, ctx) =>
        {
            var s = subject(row, ctx);
            var idx = index(row, ctx);
            if (s is null || idx is null) return null;
            switch (s)
            {
                case IReadOnlyList<object?> list:
                    if (idx is not long n)
                        throw CypherErrors.TypeError("ListElementAccessByNonInteger", $"A list can only be indexed by an Integer, got {CypherValues.TypeName(idx)} ({CypherValues.Describe(idx)}).");
                    if (n < 0) n += list.Count;
                    return n >= 0 && n < list.Count ? list[(int)n] : null;
                case IReadOnlyDictionary<string, object?> map:
                    if (idx is not string k)
                        throw CypherErrors.TypeError("MapElementAccessByNonString", $"A map can only be indexed by a String, got {CypherValues.TypeName(idx)} ({CypherValues.Describe(idx)}).");
                    return map.TryGetValue(k, out var v) ? v : null;
                case NodeValue or RelValue:
                    if (idx is not string key)
                        throw CypherErrors.TypeError("MapElementAccessByNonString", $"A property name must be a String, got {CypherValues.TypeName(idx)}.");
                    return PropertyOf(s, new PropertyKey(key), ctx);
                default:
                    throw CypherErrors.TypeError("InvalidArgumentType", $"Cannot index into a {CypherValues.TypeName(s)} ({CypherValues.Describe(s)}).");
            }
        };
    }

    private Evaluator CompileSlice(SliceExpression s, SlotLayout layout)
    {
        var subject = Compile(s.Subject, layout);
        var from = s.From is null ? null : Compile(s.From, layout);
        var to = s.To is null ? null : Compile(s.To, layout);
        return (row, ctx) =>
        {
            var v = subject(row, ctx);
            if (v is null) return null;
            if (v is not IReadOnlyList<object?> list)
                throw CypherErrors.TypeError("InvalidArgumentType", $"Only lists can be sliced, got {CypherValues.TypeName(v)}.");
            var f = from?.Invoke(row, ctx);
            var t = to?.Invoke(row, ctx);
            if ((from is not null && f is null) || (to is not null && t is null)) return null;
            long start = f is null ? 0 : f is long fl ? fl : throw CypherErrors.TypeError("InvalidArgumentType", "Slice bounds must be Integers.");
            long end = t is null ? list.Count : t is long tl ? tl : throw CypherErrors.TypeError("InvalidArgumentType", "Slice bounds must be Integers.");
            if (start < 0) start = Math.Max(0, list.Count + start);
            if (end < 0) end = Math.Max(0, list.Count + end);
            start = Math.Min(start, list.Count);
            end = Math.Min(end, list.Count);
            if (end <= start) return new List<object?>();
            ctx.Memory.ReserveValue(ValueSize.List(end - start));
            var result = new List<object?>((int)(end - start));
            for (var i = start; i < end; i++) result.Add(list[(int)i]);
            ctx.Tick((int)((end - start) >> 10));
            return result;
        };
    }

    private Evaluator CompileLabels(LabelsPredicate l, SlotLayout layout)
    {
        var subject = Compile(l.Subject, layout);
        var labels = l.Labels.Select(x => new LabelToken(x)).ToArray();
        var names = l.Labels.ToArray();
        var expression = l.LabelExpression is { } e ? LabelExpressionTest(e) : null;
        return (row, ctx) =>
        {
            var value = subject(row, ctx);
            switch (value)
            {
                case null: return null;
                case NodeValue n:
                    foreach (var label in labels)
                        if (!ctx.NodeHasLabel(n, label)) return CypherValues.False;
                    break;
                case RelValue r:
                    var type = ctx.RelTypeName(r);
                    if (!names.All(x => x == type)) return CypherValues.False;
                    break;
                case Node virtualNode:
                    if (!names.All(virtualNode.Labels.Contains)) return CypherValues.False;
                    break;
                case var other:
                    throw CypherErrors.TypeError("InvalidArgumentType", $"Label predicates need a node, got {CypherValues.TypeName(other)}.");
            }
            return expression is null ? CypherValues.True : CypherValues.Bool(expression(value, ctx));
        };
    }

    private Evaluator CompileFunction(FunctionInvocation f, SlotLayout layout)
    {
        var def = _bound.FunctionOf(f); // resolved, arity checked, by the binder (aggregates never get here: they are computed)
        var args = f.Arguments.Select(a => Compile(a, layout)).ToArray();
        var invoke = def.Invoke;
        if (args.Length == 1 && def.Unary is { } unary)
        {
            var a0 = args[0];
            // type(r) per row of an expand: the name is the registry's, no new string to count
            if (def.ReturnsHeld) return (row, ctx) => a0(row, ctx) is { } held ? unary(held, ctx) : null;
            return (row, ctx) => a0(row, ctx) is { } arg ? Built(unary(arg, ctx), arg, null, ctx) : null;
        }
        if (args.Length == 1)
        {
            var a0 = args[0];
            return (row, ctx) =>
            {
                var arg = a0(row, ctx);
                return Built(invoke([arg], ctx), arg, null, ctx);
            };
        }
        return (row, ctx) =>
        {
            var values = new object?[args.Length];
            for (var i = 0; i < args.Length; i++) values[i] = args[i](row, ctx);
            return Built(invoke(values, ctx), values.Length > 0 ? values[0] : null, values.Length > 1 ? values[1] : null, ctx);
        };
    }

    /// <summary>
    /// Counts a value a function or operator returned: a new string, list or map is held by the statement (its size against
    /// the memory limit, and its length as work between two looks at the clock); one of the arguments passed through is not new.
    /// </summary>
    private static object? Built(object? result, object? arg0, object? arg1, QueryContext ctx)
    {
        if (result is not (string or IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>)
            || ReferenceEquals(result, arg0) || ReferenceEquals(result, arg1)) return result;
        var bytes = ValueSize.Shallow(result);
        ctx.Memory.ReserveValue(bytes);
        ctx.Tick((int)Math.Min(bytes >> 13, int.MaxValue));
        return result;
    }

    private Evaluator CompileBinary(BinaryExpression b, SlotLayout layout)
    {
        switch (b.Operator)
        {
            case BinaryOperator.And:
                {
                    var l = CompilePredicate(b.Left, layout);
                    var r = CompilePredicate(b.Right, layout);
                    return (row, ctx) =>
                    {
                        var lv = Operators.AsBool(l(row, ctx), "AND");
                        if (lv == false) return CypherValues.False;
                        return Operators.And(lv, Operators.AsBool(r(row, ctx), "AND"));
                    };
                }
            case BinaryOperator.Or:
                {
                    var l = CompilePredicate(b.Left, layout);
                    var r = CompilePredicate(b.Right, layout);
                    return (row, ctx) =>
                    {
                        var lv = Operators.AsBool(l(row, ctx), "OR");
                        if (lv == true) return CypherValues.True;
                        return Operators.Or(lv, Operators.AsBool(r(row, ctx), "OR"));
                    };
                }
            case BinaryOperator.Xor:
                {
                    var l = CompilePredicate(b.Left, layout);
                    var r = CompilePredicate(b.Right, layout);
                    return (row, ctx) => Operators.Xor(Operators.AsBool(l(row, ctx), "XOR"), Operators.AsBool(r(row, ctx), "XOR"));
                }
        }
        var left = Compile(b.Left, layout);
        var right = Compile(b.Right, layout);
        // the comparisons through the one map ReachCount's store-read conditions use too
        var op = ComparisonOf(b.Operator) ?? b.Operator switch
        {
            BinaryOperator.Add => Operators.Add,
            BinaryOperator.Subtract => Operators.Subtract,
            BinaryOperator.Multiply => Operators.Multiply,
            BinaryOperator.Divide => Operators.Divide,
            BinaryOperator.Modulo => Operators.Modulo,
            BinaryOperator.Power => Operators.Power,
            BinaryOperator.In => Operators.In,
            BinaryOperator.RegexMatch => Operators.RegexMatch,
            _ => throw Semantic("UnsupportedExpression", $"Operator {b.Operator} is not supported.", b),
        };
        return b.Operator switch
        {
            // concatenation copies both sides: checked before the copy is made
            BinaryOperator.Add => (row, ctx) =>
            {
                var l = left(row, ctx);
                var r = right(row, ctx);
                ctx.Memory.EnsureAvailable(ConcatenationBytes(l, r), "joining strings or lists with +");
                return Built(Operators.Add(l, r), l, r, ctx);
            },
            // a scan of the list on the right: its length is work
            BinaryOperator.In => (row, ctx) =>
            {
                var l = left(row, ctx);
                var r = right(row, ctx);
                if (r is IReadOnlyList<object?> { Count: > 4096 } list and not RangeList) ctx.Tick(list.Count >> 10);
                return Operators.In(l, r);
            },
            _ => (row, ctx) => op(left(row, ctx), right(row, ctx)),
        };
    }

    private static long ConcatenationBytes(object? l, object? r) => (l, r) switch
    {
        (string a, string c) => ValueSize.String(a.Length + c.Length),
        (IReadOnlyList<object?> a, IReadOnlyList<object?> c) => ValueSize.List((long)a.Count + c.Count),
        (IReadOnlyList<object?> a, _) => ValueSize.List(a.Count + 1L),
        (_, IReadOnlyList<object?> c) => ValueSize.List(c.Count + 1L),
        _ => 0,
    };

    private Evaluator CompileUnary(UnaryExpression u, SlotLayout layout)
    {
        if (u.Operator == UnaryOperator.Not)
        {
            var p = CompilePredicate(u.Operand, layout);
            return (row, ctx) => Operators.Not(p(row, ctx));
        }
        // fold -9223372036854775808 (the parser may give Negate(IntegerLiteral))
        var operand = Compile(u.Operand, layout);
        return u.Operator == UnaryOperator.Negate
            ? (row, ctx) => Operators.Negate(operand(row, ctx))
            : (row, ctx) => Operators.UnaryPlus(operand(row, ctx));
    }

    private Evaluator CompileIsNull(IsNullExpression n, SlotLayout layout)
    {
        var operand = Compile(n.Operand, layout);
        return n.Negated
            ? (row, ctx) => CypherValues.Bool(operand(row, ctx) is not null)
            : (row, ctx) => CypherValues.Bool(operand(row, ctx) is null);
    }

    private Evaluator CompileCase(CaseExpression c, SlotLayout layout)
    {
        var subject = c.Subject is null ? null : Compile(c.Subject, layout);
        var whens = c.Alternatives.Select(a => subject is null ? CompilePredicate(a.When, layout) : Compile(a.When, layout)).ToArray();
        var thens = c.Alternatives.Select(a => Compile(a.Then, layout)).ToArray();
        var otherwise = c.Default is null ? null : Compile(c.Default, layout);
        return (row, ctx) =>
        {
            if (subject is not null)
            {
                var s = subject(row, ctx);
                for (var i = 0; i < whens.Length; i++)
                    if (CypherValues.Equal(s, whens[i](row, ctx)) == true) return thens[i](row, ctx);
            }
            else
            {
                for (var i = 0; i < whens.Length; i++)
                    if (whens[i](row, ctx) is true) return thens[i](row, ctx);
            }
            return otherwise?.Invoke(row, ctx);
        };
    }

    /// <summary>A fresh slot for an iteration variable (the binder made it a symbol of its own, shadowing any outer one).</summary>
    private int Inner(SlotLayout layout, Variable v)
    {
        var slot = NewSlot();
        layout.Place(_bound.SymbolOf(v), slot);
        return slot;
    }

    private static IReadOnlyList<object?>? AsList(object? v, string what) => v switch
    {
        null => null,
        IReadOnlyList<object?> l => l,
        _ => throw CypherErrors.TypeError("InvalidArgumentType", $"{what} expects a List, got {CypherValues.TypeName(v)} ({CypherValues.Describe(v)})."),
    };

    private Evaluator CompileListComprehension(ListComprehension lc, SlotLayout layout)
    {
        var source = Compile(lc.Source, layout);
        var slot = Inner(layout, lc.Variable);
        var where = lc.Where is null ? null : CompilePredicate(lc.Where, layout);
        var projection = lc.Projection is null ? null : Compile(lc.Projection, layout);
        return (row, ctx) =>
        {
            var list = AsList(source(row, ctx), "A list comprehension");
            if (list is null) return null;
            var local = Widen(row);
            // without WHERE the result is as long as the source: make sure it fits before allocating it
            var capacity = where is null ? list.Count : Math.Min(list.Count, 1024);
            ctx.Memory.ReserveValue(ValueSize.List(capacity));
            var result = new List<object?>(capacity);
            foreach (var item in list)
            {
                ctx.Tick();
                local[slot] = item;
                // what WHERE and the projection build is garbage once the element is known; the element is kept
                var mark = ctx.Memory.Values;
                if (where is not null && where(local, ctx) is not true)
                {
                    ctx.Memory.ReleaseValuesTo(mark);
                    continue;
                }
                var element = projection is null ? item : projection(local, ctx);
                ctx.Memory.ReleaseValuesTo(mark);
                if (projection is not null) ctx.Memory.ReserveValue(ValueSize.Of(element));
                if (result.Count >= capacity) ctx.Memory.ReserveValue(8);
                result.Add(element);
            }
            return result;
        };
    }

    /// <summary>A private copy of the row (rows are full width) that iteration variables can write into.</summary>
    private static object?[] Widen(object?[] row) => (object?[])row.Clone();

    private Evaluator CompileQuantifier(QuantifierExpression q, SlotLayout layout)
    {
        var source = Compile(q.Source, layout);
        var slot = Inner(layout, q.Variable);
        var where = q.Where is null ? Constant(CypherValues.True) : CompilePredicate(q.Where, layout);
        var kind = q.Quantifier;
        return (row, ctx) =>
        {
            var list = AsList(source(row, ctx), kind.ToString().ToLowerInvariant() + "()");
            if (list is null) return null;
            var local = Widen(row);
            int trues = 0, nulls = 0;
            foreach (var item in list)
            {
                ctx.Tick();
                local[slot] = item;
                var mark = ctx.Memory.Values;
                var v = Operators.AsBool(where(local, ctx), "A quantifier predicate");
                ctx.Memory.ReleaseValuesTo(mark);
                if (v == true)
                {
                    trues++;
                    if (kind == Quantifier.Any) return CypherValues.True;
                    if (kind == Quantifier.None) return CypherValues.False;
                    if (kind == Quantifier.Single && trues > 1) return CypherValues.False;
                }
                else if (v is null) nulls++;
                else if (kind == Quantifier.All) return CypherValues.False;
            }
            return kind switch
            {
                Quantifier.All => nulls > 0 ? null : CypherValues.True,
                Quantifier.Any => nulls > 0 ? null : CypherValues.False,
                Quantifier.None => nulls > 0 ? null : CypherValues.True,
                _ => nulls > 0 ? (trues <= 1 ? null : CypherValues.False) : CypherValues.Bool(trues == 1),
            };
        };
    }

    private Evaluator CompileReduce(ReduceExpression r, SlotLayout layout)
    {
        var initial = Compile(r.Initial, layout);
        var source = Compile(r.Source, layout);
        var accSlot = Inner(layout, r.Accumulator);
        var itemSlot = Inner(layout, r.Variable);
        var step = Compile(r.Expression, layout);
        return (row, ctx) =>
        {
            var acc = initial(row, ctx);
            var list = AsList(source(row, ctx), "reduce()");
            if (list is null) return null;
            var local = Widen(row);
            // each step's accumulator replaces the last: only the current one is held (sized again only when it changed)
            var start = ctx.Memory.Values;
            var accBytes = 0L;
            var sizes = new SizeMemo();
            foreach (var item in list)
            {
                ctx.Tick();
                local[accSlot] = acc;
                local[itemSlot] = item;
                var next = step(local, ctx);
                ctx.Memory.ReleaseValuesTo(start);
                if (!ReferenceEquals(next, acc)) accBytes = sizes.SizeOf(next);
                ctx.Memory.ReserveValue(accBytes);
                acc = next;
            }
            return acc;
        };
    }

    private Evaluator CompileMapProjection(MapProjection mp, SlotLayout layout)
    {
        var subject = Compile(mp.Subject, layout);
        var bytes = ValueSize.Map(mp.Items.Count);
        var items = mp.Items.Select<MapProjectionItem, Action<object?, object?[], QueryContext, Dictionary<string, object?>>>(item => item switch
        {
            PropertySelector ps => CompilePropertySelector(ps),
            AllPropertiesSelector => (s, _, ctx, map) =>
            {
                var all = s switch
                {
                    NodeValue n => ctx.NodeProperties(n),
                    RelValue rel => ctx.RelProperties(rel),
                    IReadOnlyDictionary<string, object?> m => m,
                    _ => throw CypherErrors.TypeError("InvalidArgumentType", "A map projection needs a node, relationship or map."),
                };
                foreach (var (k, v) in all) map[k] = v;
            },
            LiteralEntry le => CompileLiteralEntry(le, layout),
            VariableSelector vs => CompileVariableSelector(vs, layout),
            _ => throw Semantic("UnsupportedExpression", "Unknown map projection item.", item),
        }).ToArray();
        return (row, ctx) =>
        {
            var s = subject(row, ctx);
            if (s is null) return null;
            var map = new Dictionary<string, object?>();
            foreach (var item in items) item(s, row, ctx, map);
            ctx.Memory.ReserveValue(bytes + (map.Count > mp.Items.Count ? ValueSize.DictionaryEntry * (map.Count - mp.Items.Count) : 0));
            return map;
        };
    }

    private static Action<object?, object?[], QueryContext, Dictionary<string, object?>> CompilePropertySelector(PropertySelector ps)
    {
        var key = new PropertyKey(ps.PropertyName);
        return (s, _, ctx, map) => map[key.Name] = PropertyOf(s, key, ctx);
    }

    private Action<object?, object?[], QueryContext, Dictionary<string, object?>> CompileLiteralEntry(LiteralEntry le, SlotLayout layout)
    {
        var value = Compile(le.Value, layout);
        return (_, row, ctx, map) => map[le.Key] = value(row, ctx);
    }

    private Action<object?, object?[], QueryContext, Dictionary<string, object?>> CompileVariableSelector(VariableSelector vs, SlotLayout layout)
    {
        var value = Compile(vs.Variable, layout);
        return (_, row, ctx, map) => map[vs.Variable.Name] = value(row, ctx);
    }

    // ------------------------------------------------------------------ patterns and subqueries in expressions

    private Evaluator CompilePatternExists(PatternPart part, SlotLayout layout)
    {
        var plan = PlanPatternSubquery(part, null, layout, out _);
        return (row, ctx) =>
        {
            using var e = plan.Execute(ctx, row).GetEnumerator();
            return CypherValues.Bool(e.MoveNext());
        };
    }

    private Evaluator CompilePatternExpression(PatternExpression pe, SlotLayout layout)
    {
        var plan = PlanPatternSubquery(pe.Pattern, null, layout, out var pathSlot);
        if (pe.Pattern.Selector == PathSelector.Shortest)
            return (row, ctx) => plan.Execute(ctx, row).Select(r => r[pathSlot]).FirstOrDefault();
        return (row, ctx) =>
        {
            var paths = new List<object?>();
            // held in an account while the pattern's operators run (they release their own values as they go), then as a value
            long bytes;
            using (var kept = ctx.Memory.Open("the paths a pattern expression collects"))
            {
                foreach (var r in plan.Execute(ctx, row))
                {
                    kept.Reserve(8 + ValueSize.Shallow(r[pathSlot]));
                    paths.Add(r[pathSlot]);
                }
                bytes = kept.Held;
            }
            ctx.Memory.ReserveValue(ValueSize.List(0) + bytes);
            return paths;
        };
    }

    private Evaluator CompilePatternComprehension(PatternComprehension pc, SlotLayout layout)
    {
        var plan = PlanPatternSubquery(pc.Pattern, pc.Where, layout, out _);
        var projection = Compile(pc.Projection, layout);
        return (row, ctx) =>
        {
            var result = new List<object?>();
            // held in an account while the pattern's operators run (they release their own values as they go), then as a value
            long bytes;
            using (var kept = ctx.Memory.Open("the list a pattern comprehension builds"))
            {
                foreach (var r in plan.Execute(ctx, row))
                {
                    var mark = ctx.Memory.Values;
                    var element = projection(r, ctx);
                    ctx.Memory.ReleaseValuesTo(mark);
                    kept.Reserve(8 + ValueSize.Of(element));
                    result.Add(element);
                }
                bytes = kept.Held;
            }
            ctx.Memory.ReserveValue(ValueSize.List(0) + bytes);
            return result;
        };
    }

    private Evaluator CompileExists(Query query, SlotLayout layout)
    {
        var plan = PlanSubquery(query, layout, out _);
        return (row, ctx) =>
        {
            using var e = plan.Execute(ctx, row).GetEnumerator();
            return CypherValues.Bool(e.MoveNext());
        };
    }

    private Evaluator CompileCountSubquery(Query query, SlotLayout layout)
    {
        var plan = PlanSubquery(query, layout, out _);
        return (row, ctx) => CypherValues.Int(plan.Execute(ctx, row).LongCount());
    }
}
