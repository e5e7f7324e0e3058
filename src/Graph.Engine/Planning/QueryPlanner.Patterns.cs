using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;
using StorageDirection = Graph.Storage.Direction;

namespace Graph.Engine.Planning;

/// <summary>Planning of MATCH patterns: anchor choice (bound node, index seek, label scan), expansion and filters.</summary>
internal sealed partial class QueryPlanner
{
    /// <summary>Set while planning a MATCH whose single variable-length hop may produce each end node once (see <see cref="PlanMatch"/>).</summary>
    private bool _distinctEnds;

    /// <summary>Set with <see cref="_distinctEnds"/> when the aggregates also ignore the order of their rows (see <see cref="VarExpandOp.EndOrderIgnored"/>).</summary>
    private bool _endOrderIgnored;

    /// <param name="duplicatesIgnored">The clause after this MATCH aggregates with duplicate-insensitive aggregates only.</param>
    /// <param name="orderIgnored">Those aggregates give the same result whatever the order of their rows.</param>
    private PlanOperator PlanMatch(PlanOperator source, MatchClause m, SlotLayout layout, bool duplicatesIgnored = false, bool orderIgnored = false)
    {
        // (a)-[:T*1..2]-(b) with an anonymous relationship, no path variable and nothing else in the pattern: when only
        // distinct rows matter downstream, the paths to the same b are interchangeable, so b is produced once
        _distinctEnds = duplicatesIgnored && !m.Optional && m.Pattern.Parts is [{ PathVariable: null, Selector: PathSelector.All } part]
            && part.Element.Relationships is [{ Length: not null, Variable: null }];
        _endOrderIgnored = _distinctEnds && orderIgnored;
        try
        {
            return PlanMatchPattern(source, m, layout);
        }
        finally
        {
            _distinctEnds = false;
            _endOrderIgnored = false;
        }
    }

    private PlanOperator PlanMatchPattern(PlanOperator source, MatchClause m, SlotLayout layout)
    {
        if (!m.Optional) return PlanPattern(source, m.Pattern.Parts, m.Where, layout, requirePathSlot: false, out _, isMatch: true);
        var before = _slotCount;
        var inner = PlanPattern(new ArgumentOp { DepthOffset = _depthBase }, m.Pattern.Parts, m.Where, layout, requirePathSlot: false, out _, isMatch: true);
        // every slot the optional part may have set (its variables, anonymous elements, temporaries) is null without a match
        var introduced = Enumerable.Range(before, _slotCount - before).ToArray();
        return new OptionalApplyOp(source, inner, introduced);
    }

    /// <summary>A pattern used inside an expression (EXISTS, pattern comprehension, shortestPath(...)): runs on the outer row.</summary>
    private PlanOperator PlanPatternSubquery(PatternPart part, Expression? where, SlotLayout layout, out int pathSlot)
    {
        var op = PlanPattern(new ArgumentOp { DepthOffset = _depthBase }, [part], where, layout, requirePathSlot: true, out var pathSlots);
        pathSlot = pathSlots[0];
        return op;
    }

    /// <summary>The single-relationship hops planned for the pattern being planned, in order (nested patterns have their own).</summary>
    private List<(PlanOperator Op, RelationshipPattern Rel, NodePattern To)> _hops = [];

    private PlanOperator PlanPattern(PlanOperator source, IReadOnlyList<PatternPart> parts, Expression? where, SlotLayout layout,
        bool requirePathSlot, out List<int> pathSlots, bool isMatch = false)
    {
        var boundBefore = layout.Placed();
        var bound = new HashSet<int>();
        foreach (var variable in parts.SelectMany(PatternVariables))
            if (layout.TryGet(_bound.SymbolOf(variable), out var slot)) bound.Add(slot);
        var relSlots = new List<int>();
        var equalities = ExtractEqualities(where, boundBefore);
        var (pushable, rest) = SplitWhere(where, parts, boundBefore);
        pathSlots = [];
        var op = source;
        var saved = _pending;
        var savedHops = _hops;
        _pending = pushable;
        _hops = [];
        try
        {
            foreach (var part in parts)
            {
                op = PlanPart(op, part, layout, bound, relSlots, equalities, boundBefore, requirePathSlot, out var pathSlot);
                pathSlots.Add(pathSlot);
            }
            // Relationship uniqueness makes each hop read the relationships bound by the hops before it; nothing reads an
            // anonymous relationship of the last hop of a MATCH without path variables, so it need not be materialized.
            if (isMatch && _hops.Count > 0 && parts.All(p => p.PathVariable is null && p.Selector == PathSelector.All))
            {
                var hop = _hops[^1];
                if (hop is { Op: ExpandOp last })
                {
                    if (hop.Rel is { Variable: null, Properties: null }) last.BindRelationship = false;
                    if (hop.To is { Variable: null, Properties: null, LabelExpression: null } && !last.TargetBound && hop.To.Labels.Count == last.TargetLabels.Length) last.BindTarget = false;
                }
                else if (hop is { Op: VarExpandOp lastVar, Rel: { Variable: null, Properties: null } }) lastVar.BindPath = false;
            }
        }
        finally
        {
            _pending = saved;
            _hops = savedHops;
        }
        foreach (var conjunct in rest.Concat(pushable.Where(p => !p.Applied).Select(p => p.Predicate)))
            op = Deep(new FilterOp(op, CompilePredicate(conjunct, layout), CypherPrinter.Print(conjunct)) { Condition = conjunct }, conjunct);
        return op;
    }

    private static IEnumerable<Variable> PatternVariables(PatternPart part) =>
        part.Element.Nodes.Select(n => n.Variable).Concat(part.Element.Relationships.Select(r => r.Variable)).Append(part.PathVariable).OfType<Variable>();

    /// <summary>A WHERE conjunct about one node of the pattern: filtered as soon as that node is bound.</summary>
    private sealed class PendingFilter(Symbol variable, Expression predicate)
    {
        public Symbol Variable { get; } = variable;
        public Expression Predicate { get; } = predicate;
        public bool Applied { get; set; }
    }

    private List<PendingFilter>? _pending;

    private (List<PendingFilter> Pushable, List<Expression> Others) SplitWhere(Expression? where, IReadOnlyList<PatternPart> parts, HashSet<Symbol> boundBefore)
    {
        var pushable = new List<PendingFilter>();
        var rest = new List<Expression>();
        if (where is null) return (pushable, rest);
        var nodeVars = parts.Where(p => p.Selector == PathSelector.All)
            .SelectMany(p => p.Element.Nodes).Select(n => n.Variable).OfType<Variable>().Select(_bound.SymbolOf).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var c in Conjuncts(where))
        {
            var vars = new HashSet<Symbol>(ReferenceEqualityComparer.Instance);
            if (CollectVariables(c, vars))
            {
                var fresh = vars.Where(v => !boundBefore.Contains(v)).ToList();
                if (fresh.Count == 1 && nodeVars.Contains(fresh[0]))
                {
                    pushable.Add(new PendingFilter(fresh[0], c));
                    continue;
                }
            }
            rest.Add(c);
        }
        return (pushable, rest);
    }

    /// <summary>Collects the variables an expression reads; false for constructs that introduce their own scope.</summary>
    private bool CollectVariables(Expression e, HashSet<Symbol> vars)
    {
        switch (e)
        {
            case Variable v:
                vars.Add(_bound.SymbolOf(v));
                return true;
            case IntegerLiteral or FloatLiteral or StringLiteral or BooleanLiteral or NullLiteral or Parameter:
                return true;
            case PropertyLookup or BinaryExpression or UnaryExpression or IsNullExpression or FunctionInvocation or ListLiteral or MapLiteral
                or IndexExpression or SliceExpression or LabelsPredicate or CaseExpression:
                return ExpressionTree.Children(e).All(c => CollectVariables(c, vars));
            default:
                return false;
        }
    }

    /// <summary>Filters the pending WHERE conjuncts about a node right after the node is bound.</summary>
    private PlanOperator ApplyPending(PlanOperator op, NodePattern node, SlotLayout layout)
    {
        if (_pending is null || node.Variable is null) return op;
        var symbol = _bound.SymbolOf(node.Variable);
        foreach (var p in _pending)
        {
            if (p.Applied || p.Variable != symbol) continue;
            p.Applied = true;
            op = Deep(new FilterOp(op, CompilePredicate(p.Predicate, layout), CypherPrinter.Print(p.Predicate)) { Condition = p.Predicate }, p.Predicate);
        }
        return op;
    }

    /// <summary>The slot of a pattern element: its variable's (given now if the variable is new), or a fresh one for an anonymous element.</summary>
    private int DeclareVariable(Variable? v, SlotLayout layout)
    {
        if (v is null) return NewSlot();
        var symbol = _bound.SymbolOf(v);
        if (layout.TryGet(symbol, out var slot)) return slot;
        slot = NewSlot();
        layout.Place(symbol, slot);
        return slot;
    }

    private PlanOperator PlanPart(PlanOperator op, PatternPart part, SlotLayout layout, HashSet<int> bound, List<int> relSlotsInClause,
        Dictionary<Symbol, List<(string Key, Expression Value)>> equalities, HashSet<Symbol> boundBefore, bool requirePathSlot, out int pathSlot)
    {
        var element = part.Element;
        var nodeSlots = element.Nodes.Select(n => DeclareVariable(n.Variable, layout)).ToArray();
        var relWasBound = element.Relationships.Select(r => r.Variable is not null && layout.TryGet(_bound.SymbolOf(r.Variable), out var s) && bound.Contains(s)).ToArray();
        var relSlots = element.Relationships.Select(r => DeclareVariable(r.Variable, layout)).ToArray();
        pathSlot = part.PathVariable is not null ? DeclareVariable(part.PathVariable, layout) : requirePathSlot ? NewSlot() : -1;

        if (part.Selector != PathSelector.All)
            return PlanShortestPath(op, part, layout, bound, nodeSlots, relSlots, pathSlot, equalities, boundBefore);

        // ---- anchor
        var anchor = ChooseAnchor(element, nodeSlots, bound, equalities, boundBefore, out var seek);
        var anchorNode = element.Nodes[anchor];
        var anchorSlot = nodeSlots[anchor];
        var name = anchorNode.Variable?.Name ?? "anon";
        if (bound.Contains(anchorSlot))
        {
            op = CheckNode(op, anchorNode, anchorSlot, layout, skipLabel: null);
        }
        else if (seek is { } s)
        {
            op = SeekNode(op, anchorNode, anchorSlot, s, layout);
        }
        else if (anchorNode.Labels.Count > 0)
        {
            var label = anchorNode.Labels.OrderBy(l => LabelCount(l)).First();
            op = new NodeScanOp(op, anchorSlot, new LabelToken(label), name);
            op = CheckNode(op, anchorNode, anchorSlot, layout, skipLabel: label);
        }
        else if (anchorNode.LabelExpression is { } expression && LabelExpressionForms.Disjunction(expression) is { } anyOf)
        {
            // (n:A|B): one scan per label, each node once; the scan guarantees the expression
            op = new UnionNodeByLabelsScanOp(op, anchorSlot, anyOf.Select(l => new LabelToken(l)).ToArray(), name);
            op = CheckNode(op, anchorNode, anchorSlot, layout, skipLabel: "", skipExpression: true);
        }
        else
        {
            op = new NodeScanOp(op, anchorSlot, null, name);
            op = CheckNode(op, anchorNode, anchorSlot, layout, skipLabel: null);
        }
        bound.Add(anchorSlot);
        op = ApplyPending(Deep(op, anchorNode), anchorNode, layout);
        // node occurrences whose labels and properties are already checked (the hop reaching them need not again)
        var checkedNodes = new HashSet<NodePattern>(ReferenceEqualityComparer.Instance) { anchorNode };

        // ---- other nodes pinned by a unique key: seek them now (at most one row each), so the hop reaching them
        // checks its relationships against the bound node (expand-into) instead of fanning out and filtering
        for (var i = 0; i < element.Nodes.Count; i++)
        {
            if (bound.Contains(nodeSlots[i])) continue;
            if (BestSeek(element.Nodes[i], equalities, boundBefore) is not { Unique: true } pinned) continue;
            op = SeekNode(op, element.Nodes[i], nodeSlots[i], (pinned.Label, pinned.Key, pinned.Value), layout);
            checkedNodes.Add(element.Nodes[i]);
            bound.Add(nodeSlots[i]);
            op = ApplyPending(op, element.Nodes[i], layout);
        }

        // ---- expand right, then left
        for (var i = anchor; i < element.Relationships.Count; i++)
            op = Hop(op, element, i, nodeSlots[i], i + 1, nodeSlots, relSlots, relWasBound[i], forward: true, layout, bound, relSlotsInClause, checkedNodes);
        for (var i = anchor - 1; i >= 0; i--)
            op = Hop(op, element, i, nodeSlots[i + 1], i, nodeSlots, relSlots, relWasBound[i], forward: false, layout, bound, relSlotsInClause, checkedNodes);

        if (pathSlot >= 0)
        {
            var builder = new PathBuilder(nodeSlots, relSlots, element.Relationships.Select(r => r.Length is not null).ToArray());
            op = new ProjectOp(op, [pathSlot], [(row, _) => builder.Build(row)], part.PathVariable?.Name ?? "path");
            bound.Add(pathSlot);
        }
        return op;
    }

    /// <summary>How many nodes a label scan for this node reads: its smallest label, or the labels of (n:A|B) together; null when no scan by label applies.</summary>
    private long? ScanSize(NodePattern node)
    {
        if (node.Labels.Count > 0) return node.Labels.Min(LabelCount);
        if (node.LabelExpression is { } expression && LabelExpressionForms.Disjunction(expression) is { } anyOf) return anyOf.Sum(LabelCount);
        return null;
    }

    private long LabelCount(string label)
    {
        var id = store.Tokens.LabelId(label);
        return id < 0 ? 0 : store.CountNodesWithLabel(id);
    }

    private int ChooseAnchor(PatternElement element, int[] nodeSlots, HashSet<int> bound,
        Dictionary<Symbol, List<(string Key, Expression Value)>> equalities, HashSet<Symbol> boundBefore, out (string Label, string Key, Expression Value)? seek)
    {
        seek = null;
        for (var i = 0; i < nodeSlots.Length; i++)
            if (bound.Contains(nodeSlots[i])) return i;

        // an equality on (label, key): prefer one backed by an index or unique constraint
        (int Index, string Label, string Key, Expression Value, bool Indexed)? best = null;
        for (var i = 0; i < element.Nodes.Count; i++)
        {
            if (BestSeek(element.Nodes[i], equalities, boundBefore) is not { } candidate) continue;
            if (best is null || (candidate.Indexed && !best.Value.Indexed)) best = (i, candidate.Label, candidate.Key, candidate.Value, candidate.Indexed);
        }
        if (best is { } b)
        {
            seek = (b.Label, b.Key, b.Value);
            return b.Index;
        }
        var labelled = Enumerable.Range(0, element.Nodes.Count).Where(i => ScanSize(element.Nodes[i]) is not null).ToList();
        if (labelled.Count > 0) return labelled.OrderBy(i => ScanSize(element.Nodes[i])).First();
        return 0;
    }

    /// <summary>The best equality on (label, key) to seek a node by: unique key first, then indexed, then any (a seek without an index scans the label).</summary>
    private (string Label, string Key, Expression Value, bool Indexed, bool Unique)? BestSeek(NodePattern node,
        Dictionary<Symbol, List<(string Key, Expression Value)>> equalities, HashSet<Symbol> boundBefore)
    {
        if (node.Labels.Count == 0) return null;
        var candidates = new List<(string Key, Expression Value)>();
        if (node.Properties is MapLiteral map) candidates.AddRange(map.Entries.Where(e => IsIndependent(e.Value, boundBefore)).Select(e => (e.Key, e.Value)));
        if (node.Variable is not null && equalities.TryGetValue(_bound.SymbolOf(node.Variable), out var eqs)) candidates.AddRange(eqs);
        (string Label, string Key, Expression Value, bool Indexed, bool Unique)? best = null;
        foreach (var label in node.Labels)
            foreach (var (key, value) in candidates)
            {
                var indexed = HasIndex(label, key);
                var unique = indexed && IsUnique(label, key);
                if (best is null || (indexed && !best.Value.Indexed) || (unique && !best.Value.Unique)) best = (label, key, value, indexed, unique);
            }
        return best;
    }

    /// <summary>Seeks a node by (label, key) = value and checks the rest of its pattern.</summary>
    private PlanOperator SeekNode(PlanOperator op, NodePattern node, int slot, (string Label, string Key, Expression Value) s, SlotLayout layout)
    {
        // The seek returns exactly the nodes whose key equals the value (Cypher equality, nulls match nothing; temporal
        // values are stored as themselves), so the WHERE conjunct it came from needs no second evaluation.
        var value = Compile(s.Value, layout);
        var symbol = node.Variable is null ? null : _bound.SymbolOf(node.Variable);
        foreach (var p in _pending ?? [])
            if (!p.Applied && p.Variable == symbol && IsSeekEquality(p.Predicate, p.Variable, s.Key, s.Value))
                p.Applied = true;
        op = new NodeIndexSeekOp(op, slot, new LabelToken(s.Label), new PropertyKey(s.Key), value, node.Variable?.Name ?? "anon");
        var fromInlineMap = node.Properties is MapLiteral inline && inline.Entries.Any(e => e.Key == s.Key && ReferenceEquals(e.Value, s.Value));
        return CheckNode(op, node, slot, layout, skipLabel: s.Label, skipProperty: fromInlineMap ? s.Key : null);
    }

    private bool IsSeekEquality(Expression predicate, Symbol variable, string key, Expression value) =>
        predicate is BinaryExpression { Operator: BinaryOperator.Equal } eq
        && ((IsKeyOf(eq.Left, variable, key) && ReferenceEquals(eq.Right, value)) || (IsKeyOf(eq.Right, variable, key) && ReferenceEquals(eq.Left, value)));

    private bool IsKeyOf(Expression e, Symbol variable, string key) =>
        e is PropertyLookup { Subject: Variable v } p && _bound.SymbolOf(v) == variable && p.PropertyName == key;

    private bool IsUnique(string label, string key)
    {
        var l = store.Tokens.LabelId(label);
        var k = store.Tokens.PropertyKeyId(key);
        if (l < 0 || k < 0) return false;
        using var tx = store.BeginTransaction(write: false);
        return tx.Indexes.Any(i => i.Unique && i.Label == l && i.PropertyKeys is [var only] && only == k)
            || tx.Constraints.Any(c => c.Label == l && c.PropertyKeys is [var only] && only == k);
    }

    private bool HasIndex(string label, string key)
    {
        var l = store.Tokens.LabelId(label);
        var k = store.Tokens.PropertyKeyId(key);
        if (l < 0 || k < 0) return false;
        using var tx = store.BeginTransaction(write: false);
        return tx.HasIndex(l, k);
    }

    /// <summary>Label and inline-property checks for a node occurrence in a pattern.</summary>
    /// <param name="skipExpression">The operator producing the node already guarantees its label expression (a union scan).</param>
    private PlanOperator CheckNode(PlanOperator op, NodePattern node, int slot, SlotLayout layout, string? skipLabel, string? skipProperty = null,
        bool skipExpression = false)
    {
        var labels = node.Labels.Where(l => l != skipLabel).Distinct().Select(l => new LabelToken(l)).ToArray();
        if (labels.Length > 0 || skipLabel is null) op = new NodeCheckOp(op, slot, labels, node.Variable?.Name ?? "anon");
        if (node.LabelExpression is { } expression && !skipExpression)
            op = new FilterOp(op, LabelExpressionPredicate(slot, expression), $"{node.Variable?.Name ?? "anon"}:{LabelExpressionForms.Print(expression)}");
        var properties = node.Properties;
        // the seek already guarantees its own key (storage compares with Cypher equality)
        if (skipProperty is not null && properties is MapLiteral map)
        {
            var rest = map.Entries.Where(e => e.Key != skipProperty).ToList();
            if (map.Entries.Count(e => e.Key == skipProperty) > 1) rest = [.. map.Entries];
            properties = rest.Count == 0 ? null : map with { Entries = rest };
        }
        if (properties is not null)
            op = new FilterOp(op, PropertyMapPredicate(slot, properties, layout), PropertyMapText(node.Variable?.Name ?? "anon", properties));
        return op;
    }

    /// <summary>"n.name = 'A' AND n.age = 3" for an inline property map (a parameter map: "n = $props").</summary>
    private static string PropertyMapText(string variable, Expression properties) => properties is MapLiteral map
        ? string.Join(" AND ", map.Entries.Select(e => $"{CypherPrinter.Name(variable)}.{CypherPrinter.Name(e.Key)} = {CypherPrinter.Print(e.Value)}"))
        : $"{CypherPrinter.Name(variable)} = {CypherPrinter.Print(properties)}";

    /// <summary>True when every inline property of the entity in the slot equals the given value.</summary>
    private Evaluator PropertyMapPredicate(int slot, Expression properties, SlotLayout layout)
    {
        if (properties is MapLiteral map)
        {
            var keys = map.Entries.Select(e => new PropertyKey(e.Key)).ToArray();
            var values = map.Entries.Select(e => Compile(e.Value, layout)).ToArray();
            return (row, ctx) =>
            {
                var entity = row[slot];
                for (var i = 0; i < keys.Length; i++)
                    if (CypherValues.Equal(PropertyOf(entity, keys[i], ctx), values[i](row, ctx)) != true) return CypherValues.False;
                return CypherValues.True;
            };
        }
        var dynamicMap = Compile(properties, layout);
        return (row, ctx) =>
        {
            if (dynamicMap(row, ctx) is not IReadOnlyDictionary<string, object?> m)
                throw CypherErrors.TypeError("InvalidArgumentType", "Pattern properties must be a map.");
            var entity = row[slot];
            foreach (var (k, v) in m)
                if (CypherValues.Equal(PropertyOf(entity, new PropertyKey(k), ctx), v) != true) return CypherValues.False;
            return CypherValues.True;
        };
    }

    private static StorageDirection ToStorage(RelationshipDirection d, bool forward) => d switch
    {
        RelationshipDirection.Outgoing => forward ? StorageDirection.Outgoing : StorageDirection.Incoming,
        RelationshipDirection.Incoming => forward ? StorageDirection.Incoming : StorageDirection.Outgoing,
        _ => StorageDirection.Both,
    };

    private PlanOperator Hop(PlanOperator op, PatternElement element, int relIndex, int fromSlot, int toIndex, int[] nodeSlots, int[] relSlots,
        bool relWasBound, bool forward, SlotLayout layout, HashSet<int> bound, List<int> relSlotsInClause, HashSet<NodePattern> checkedNodes)
    {
        var rel = element.Relationships[relIndex];
        var toNode = element.Nodes[toIndex];
        var toSlot = nodeSlots[toIndex];
        var relSlot = relSlots[relIndex];
        var toBound = bound.Contains(toSlot);
        var dir = ToStorage(rel.Direction, forward);
        var types = TypeFilter(rel);
        var (arrowIn, arrowOut) = dir switch { StorageDirection.Outgoing => ("-", "->"), StorageDirection.Incoming => ("<-", "-"), _ => ("-", "-") };
        var description = $"({element.Nodes[forward ? relIndex : relIndex + 1].Variable?.Name ?? "anon"}){arrowIn}[{rel.Variable?.Name}{types}]{arrowOut}({toNode.Variable?.Name ?? "anon"})";
        var others = relSlotsInClause.ToArray();
        if (rel.Length is { } length)
        {
            var min = (int)Math.Min(length.Min ?? 1, int.MaxValue);
            int? max = length.Max is null ? null : (int)Math.Min(length.Max.Value, int.MaxValue);
            Evaluator? relPredicate = null;
            var predicateSlot = -1;
            if (rel.Properties is not null)
            {
                predicateSlot = NewSlot();
                relPredicate = PropertyMapPredicate(predicateSlot, rel.Properties, layout);
            }
            var varExpand = new VarExpandOp(op, fromSlot, relSlot, toSlot, dir, types, min, max, toBound, others, relPredicate, predicateSlot, !forward, relWasBound, description,
                distinctEnds: _distinctEnds && !relWasBound && others.Length == 0);
            varExpand.EndOrderIgnored = _endOrderIgnored;
            if (!toBound && !relWasBound && toNode.Properties is null && toNode.LabelExpression is null && toNode.Labels.Count > 0 && checkedNodes.Add(toNode))
            {
                varExpand.TargetLabels = toNode.Labels.Distinct().Select(l => new LabelToken(l)).ToArray(); // the end's label check before a row exists
                varExpand.CacheLabelChecks = !_isWrite;
                varExpand.TargetLabelCount = toNode.Labels.Min(LabelCount);
            }
            _hops.Add((varExpand, rel, toNode));
            op = varExpand;
        }
        else
        {
            var expand = new ExpandOp(op, fromSlot, relSlot, toSlot, dir, types, toBound, relWasBound, others, description);
            if (!toBound && !relWasBound && toNode.Properties is null && toNode.LabelExpression is null && toNode.Labels.Count > 0 && checkedNodes.Add(toNode))
            {
                expand.TargetLabels = toNode.Labels.Distinct().Select(l => new LabelToken(l)).ToArray(); // the label check before a row exists
                expand.CacheLabelChecks = !_isWrite;
                expand.TargetLabelCount = toNode.Labels.Min(LabelCount);
            }
            if (toBound && !relWasBound)
            {
                expand.IndexFixedEnd = !_isWrite;
                // the hop before binds this one's start: it may drop the far nodes this one would find no relationship for
                if (!_isWrite && op is ExpandOp previous && previous.TargetSlot == fromSlot && !previous.TargetBound &&
                    !previous.RelationshipBound && previous.CountSlot < 0 && toSlot != fromSlot)
                {
                    previous.JoinedTo = FarNodeJoin.ForNextHop(toSlot, dir, types, toNode.Variable?.Name ?? "anon");
                    expand.JoinedBelow = previous.JoinedTo;
                }
            }
            _hops.Add((expand, rel, toNode));
            op = expand;
            if (rel.Properties is not null)
                op = new FilterOp(op, PropertyMapPredicate(relSlot, rel.Properties, layout), PropertyMapText(rel.Variable?.Name ?? "anon", rel.Properties));
        }
        op = Deep(op, rel);
        relSlotsInClause.Add(relSlot);
        bound.Add(relSlot);
        if ((toNode.Labels.Count > 0 || toNode.Properties is not null || toNode.LabelExpression is not null) && checkedNodes.Add(toNode))
            op = CheckNode(op, toNode, toSlot, layout, skipLabel: "");
        bound.Add(toSlot);
        op = ApplyPending(op, toNode, layout);
        return op;
    }

    private PlanOperator PlanShortestPath(PlanOperator op, PatternPart part, SlotLayout layout, HashSet<int> bound, int[] nodeSlots, int[] relSlots, int pathSlot,
        Dictionary<Symbol, List<(string Key, Expression Value)>> equalities, HashSet<Symbol> boundBefore)
    {
        var element = part.Element; // one relationship: checked by the binder
        for (var i = 0; i < 2; i++)
        {
            if (bound.Contains(nodeSlots[i])) continue;
            var node = element.Nodes[i];
            // each endpoint by its own equality when it has one (an index seek instead of a label scan)
            if (BestSeek(node, equalities, boundBefore) is { } endpoint)
            {
                op = SeekNode(op, node, nodeSlots[i], (endpoint.Label, endpoint.Key, endpoint.Value), layout);
                bound.Add(nodeSlots[i]);
                continue;
            }
            var label = node.Labels.FirstOrDefault();
            op = new NodeScanOp(op, nodeSlots[i], label is null ? null : new LabelToken(label), node.Variable?.Name ?? "anon");
            op = CheckNode(op, node, nodeSlots[i], layout, skipLabel: label);
            bound.Add(nodeSlots[i]);
        }
        var rel = element.Relationships[0];
        var types = TypeFilter(rel);
        var min = (int)(rel.Length?.Min ?? 1);
        int? max = rel.Length is null ? 1 : rel.Length.Max is null ? null : (int)Math.Min(rel.Length.Max.Value, int.MaxValue);
        Evaluator? relPredicate = null;
        var predicateSlot = -1;
        if (rel.Properties is not null)
        {
            predicateSlot = NewSlot();
            relPredicate = PropertyMapPredicate(predicateSlot, rel.Properties, layout);
        }
        bound.Add(relSlots[0]);
        if (pathSlot >= 0) bound.Add(pathSlot);
        return new ShortestPathOp(op, nodeSlots[0], nodeSlots[1], relSlots[0], pathSlot, ToStorage(rel.Direction, true), types, min, max,
            part.Selector == PathSelector.AllShortest, relPredicate, predicateSlot, part.PathVariable?.Name ?? "path");
    }

    // ------------------------------------------------------------------ WHERE equalities usable for seeks

    private Dictionary<Symbol, List<(string Key, Expression Value)>> ExtractEqualities(Expression? where, HashSet<Symbol> boundBefore)
    {
        var result = new Dictionary<Symbol, List<(string, Expression)>>(ReferenceEqualityComparer.Instance);
        if (where is null) return result;
        foreach (var c in Conjuncts(where))
        {
            if (c is not BinaryExpression { Operator: BinaryOperator.Equal } eq) continue;
            foreach (var (prop, value) in new[] { (eq.Left, eq.Right), (eq.Right, eq.Left) })
            {
                if (prop is PropertyLookup { Subject: Variable v } p && !boundBefore.Contains(_bound.SymbolOf(v)) && IsIndependent(value, boundBefore))
                {
                    var symbol = _bound.SymbolOf(v);
                    if (!result.TryGetValue(symbol, out var list)) result[symbol] = list = [];
                    list.Add((p.PropertyName, value));
                }
            }
        }
        return result;
    }

    private static IEnumerable<Expression> Conjuncts(Expression e)
    {
        if (e is BinaryExpression { Operator: BinaryOperator.And } and)
        {
            foreach (var x in Conjuncts(and.Left)) yield return x;
            foreach (var x in Conjuncts(and.Right)) yield return x;
        }
        else yield return e;
    }

    /// <summary>True when the expression can be evaluated before the pattern binds anything (literals, parameters, earlier variables).</summary>
    private bool IsIndependent(Expression e, HashSet<Symbol> boundBefore) => e switch
    {
        IntegerLiteral or FloatLiteral or StringLiteral or BooleanLiteral or NullLiteral or Parameter => true,
        Variable v => boundBefore.Contains(_bound.SymbolOf(v)),
        ListLiteral or MapLiteral or PropertyLookup or BinaryExpression or UnaryExpression or IndexExpression or FunctionInvocation
            => ExpressionTree.Children(e).All(c => IsIndependent(c, boundBefore)),
        _ => false,
    };

    // ------------------------------------------------------------------ CREATE and MERGE

    private CreatePattern BuildCreatePattern(IReadOnlyList<PatternPart> parts, SlotLayout layout, bool rejectNulls, HashSet<Symbol>? boundBefore = null)
    {
        boundBefore ??= layout.Placed();
        var created = new HashSet<Symbol>(ReferenceEqualityComparer.Instance);
        var nodes = new List<CreateNodeSpec>();
        var rels = new List<CreateRelSpec>();
        var paths = new List<(int, PathBuilder)>();
        foreach (var part in parts)
        {
            var element = part.Element;
            var nodeSlots = new int[element.Nodes.Count];
            for (var i = 0; i < element.Nodes.Count; i++)
            {
                var n = element.Nodes[i];
                var name = n.Variable?.Name;
                var symbol = n.Variable is null ? null : _bound.SymbolOf(n.Variable);
                var slot = DeclareVariable(n.Variable, layout);
                nodeSlots[i] = slot;
                var isBound = symbol is not null && (boundBefore.Contains(symbol) || !created.Add(symbol));
                var entries = isBound ? null : CreateEntries(n.Properties, layout, rejectNulls);
                nodes.Add(new CreateNodeSpec(slot, isBound, n.Labels.Select(l => new LabelToken(l)).ToArray(),
                    isBound || entries is not null ? null : CreateProperties(n.Properties, layout, rejectNulls, "node"), name ?? "anon", entries));
            }
            var relSlots = new int[element.Relationships.Count];
            for (var i = 0; i < element.Relationships.Count; i++)
            {
                var r = element.Relationships[i];
                // one type and (CREATE) a direction: checked by the binder
                var slot = DeclareVariable(r.Variable, layout);
                relSlots[i] = slot;
                var (from, to) = r.Direction == RelationshipDirection.Incoming ? (nodeSlots[i + 1], nodeSlots[i]) : (nodeSlots[i], nodeSlots[i + 1]);
                var relEntries = CreateEntries(r.Properties, layout, rejectNulls);
                rels.Add(new CreateRelSpec(slot, new RelTypeToken(r.Types[0]), from, to,
                    relEntries is not null ? null : CreateProperties(r.Properties, layout, rejectNulls, "relationship"), r.Variable?.Name ?? "anon", relEntries));
            }
            if (part.PathVariable is not null)
            {
                var slot = DeclareVariable(part.PathVariable, layout);
                paths.Add((slot, new PathBuilder(nodeSlots, relSlots, new bool[relSlots.Length])));
            }
        }
        return new CreatePattern(nodes.ToArray(), rels.ToArray(), paths.ToArray());
    }

    /// <summary>A CREATE's literal property map with distinct keys, compiled key by key (MERGE keeps the map: it rejects nulls).</summary>
    private PropertyEntry[]? CreateEntries(Expression? properties, SlotLayout layout, bool rejectNulls)
    {
        if (rejectNulls || properties is not MapLiteral map || map.Entries.Count == 0) return null;
        if (map.Entries.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count() != map.Entries.Count) return null;
        return map.Entries.Select(e => new PropertyEntry(new PropertyKey(e.Key), Compile(e.Value, layout))).ToArray();
    }

    private Evaluator? CreateProperties(Expression? properties, SlotLayout layout, bool rejectNulls, string what)
    {
        if (properties is null) return null;
        var e = Compile(properties, layout);
        if (!rejectNulls) return e;
        return (row, ctx) =>
        {
            var v = e(row, ctx);
            if (v is IReadOnlyDictionary<string, object?> m)
                foreach (var (k, x) in m)
                    if (x is null)
                        throw CypherErrors.Semantic("MergeReadOwnWrites",
                            $"Cannot merge the following {what} because of null property value for '{k}': MERGE cannot match or create a null property.");
            return v;
        };
    }

    private PlanOperator PlanMerge(PlanOperator source, MergeClause m, SlotLayout layout)
    {
        var boundBefore = layout.Placed();
        var match = PlanPattern(new ArgumentOp { DepthOffset = _depthBase }, [m.Pattern], null, layout, requirePathSlot: false, out _);
        var create = BuildCreatePattern([m.Pattern], layout, rejectNulls: true, boundBefore);
        var onCreate = m.Actions.Where(a => a.OnCreate).SelectMany(a => a.Items).Select(i => CompileSetItem(i, layout)).ToArray();
        var onMatch = m.Actions.Where(a => !a.OnCreate).SelectMany(a => a.Items).Select(i => CompileSetItem(i, layout)).ToArray();
        return new MergeOp(source, match, create, onCreate, onMatch, CypherPrinter.Print(m.Pattern));
    }

    // ------------------------------------------------------------------ label and type expressions

    /// <summary>The types a relationship pattern allows: [:R|S] by name, [:!R] / [:%] / [:(R|S)&amp;!T] by its expression.</summary>
    private static RelTypeFilter TypeFilter(RelationshipPattern rel)
    {
        if (rel.TypeExpression is not { } expression)
            return new RelTypeFilter(rel.Types.Distinct().Select(t => new RelTypeToken(t)).ToArray());
        return new RelTypeFilter([], type => LabelExpressionForms.Matches(expression, name => name == type, hasAny: true),
            LabelExpressionForms.Print(expression));
    }

    /// <summary>True when the node in the slot satisfies a label expression (a relationship: when its type does).</summary>
    private static Evaluator LabelExpressionPredicate(int slot, LabelExpression expression)
    {
        var test = LabelExpressionTest(expression);
        return (row, ctx) => CypherValues.Bool(test(row[slot], ctx));
    }

    /// <summary>Compiles a label expression to a test of a node or relationship value (null when the value is null).</summary>
    private static Func<object?, QueryContext, bool?> LabelExpressionTest(LabelExpression expression)
    {
        var tokens = LabelExpressionForms.Names(expression).Distinct().ToDictionary(n => n, n => new LabelToken(n), StringComparer.Ordinal);
        return (value, ctx) => value switch
        {
            null => null,
            NodeValue n => LabelExpressionForms.Matches(expression, name => ctx.NodeHasLabel(n, tokens[name]), hasAny: ctx.Tx.NodeLabels(n.Id).Count > 0),
            RelValue r => LabelExpressionForms.Matches(expression, name => name == ctx.RelTypeName(r), hasAny: true),
            Graph.Client.Node virtualNode => LabelExpressionForms.Matches(expression, virtualNode.Labels.Contains, hasAny: virtualNode.Labels.Count > 0),
            _ => throw CypherErrors.TypeError("InvalidArgumentType", $"Label expressions need a node or relationship, got {CypherValues.TypeName(value)}."),
        };
    }
}
