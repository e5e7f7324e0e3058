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

    /// <param name="duplicatesIgnored">The clause after this MATCH aggregates with duplicate-insensitive aggregates only.</param>
    private PlanOperator PlanMatch(PlanOperator source, MatchClause m, Scope scope, bool duplicatesIgnored = false)
    {
        // (a)-[:T*1..2]-(b) with an anonymous relationship, no path variable and nothing else in the pattern: when only
        // distinct rows matter downstream, the paths to the same b are interchangeable, so b is produced once
        _distinctEnds = duplicatesIgnored && !m.Optional && m.Pattern.Parts is [{ PathVariable: null, Selector: PathSelector.All } part]
            && part.Element.Relationships is [{ Length: not null, Variable: null }];
        try
        {
            return PlanMatchPattern(source, m, scope);
        }
        finally
        {
            _distinctEnds = false;
        }
    }

    private PlanOperator PlanMatchPattern(PlanOperator source, MatchClause m, Scope scope)
    {
        if (!m.Optional) return PlanPattern(source, m.Pattern.Parts, m.Where, scope, requirePathSlot: false, out _, isMatch: true);
        var before = scope.Slots.ToHashSet();
        var inner = PlanPattern(new ArgumentOp { DepthOffset = _depthBase }, m.Pattern.Parts, m.Where, scope, requirePathSlot: false, out _, isMatch: true);
        var introduced = scope.Slots.Where(s => !before.Contains(s)).ToArray();
        return new OptionalApplyOp(source, inner, introduced);
    }

    /// <summary>A pattern used inside an expression (EXISTS, pattern comprehension, shortestPath(...)): runs on the outer row.</summary>
    private PlanOperator PlanPatternSubquery(PatternPart part, Expression? where, Scope scope, out int pathSlot)
    {
        var op = PlanPattern(new ArgumentOp { DepthOffset = _depthBase }, [part], where, scope, requirePathSlot: true, out var pathSlots);
        pathSlot = pathSlots[0];
        return op;
    }

    /// <summary>The single-relationship hops planned for the pattern being planned, in order (nested patterns have their own).</summary>
    private List<(ExpandOp? Op, RelationshipPattern Rel, NodePattern To)> _hops = [];

    private PlanOperator PlanPattern(PlanOperator source, IReadOnlyList<PatternPart> parts, Expression? where, Scope scope,
        bool requirePathSlot, out List<int> pathSlots, bool isMatch = false)
    {
        var boundBefore = new HashSet<string>(scope.Names, StringComparer.Ordinal);
        var bound = scope.Slots.ToHashSet();
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
                op = PlanPart(op, part, scope, bound, relSlots, equalities, boundBefore, requirePathSlot, out var pathSlot);
                pathSlots.Add(pathSlot);
            }
            // Relationship uniqueness makes each hop read the relationships bound by the hops before it; nothing reads an
            // anonymous relationship of the last hop of a MATCH without path variables, so it need not be materialized.
            if (isMatch && _hops.Count > 0 && _hops[^1] is { Op: { } last } hop && parts.All(p => p.PathVariable is null && p.Selector == PathSelector.All))
            {
                if (hop.Rel is { Variable: null, Properties: null }) last.BindRelationship = false;
                if (hop.To is { Variable: null, Properties: null, LabelExpression: null } && !last.TargetBound && hop.To.Labels.Count == last.TargetLabels.Length) last.BindTarget = false;
            }
        }
        finally
        {
            _pending = saved;
            _hops = savedHops;
        }
        foreach (var conjunct in rest.Concat(pushable.Where(p => !p.Applied).Select(p => p.Predicate)))
            op = Deep(new FilterOp(op, CompilePredicate(conjunct, scope), CypherPrinter.Print(conjunct)), conjunct);
        return op;
    }

    /// <summary>A WHERE conjunct about one node of the pattern: filtered as soon as that node is bound.</summary>
    private sealed class PendingFilter(string variable, Expression predicate)
    {
        public string Variable { get; } = variable;
        public Expression Predicate { get; } = predicate;
        public bool Applied { get; set; }
    }

    private List<PendingFilter>? _pending;

    private static (List<PendingFilter> Pushable, List<Expression> Others) SplitWhere(Expression? where, IReadOnlyList<PatternPart> parts, HashSet<string> boundBefore)
    {
        var pushable = new List<PendingFilter>();
        var rest = new List<Expression>();
        if (where is null) return (pushable, rest);
        var nodeVars = parts.Where(p => p.Selector == PathSelector.All)
            .SelectMany(p => p.Element.Nodes).Select(n => n.Variable?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var c in Conjuncts(where))
        {
            var vars = new HashSet<string>(StringComparer.Ordinal);
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
    private static bool CollectVariables(Expression e, HashSet<string> vars)
    {
        switch (e)
        {
            case Variable v:
                vars.Add(v.Name);
                return true;
            case IntegerLiteral or FloatLiteral or StringLiteral or BooleanLiteral or NullLiteral or Parameter:
                return true;
            case FunctionInvocation f when ExpressionTree.IsAggregate(f):
                return false;
            case PropertyLookup or BinaryExpression or UnaryExpression or IsNullExpression or FunctionInvocation or ListLiteral or MapLiteral
                or IndexExpression or SliceExpression or LabelsPredicate or CaseExpression:
                return ExpressionTree.Children(e).All(c => CollectVariables(c, vars));
            default:
                return false;
        }
    }

    /// <summary>Filters the pending WHERE conjuncts about a node right after the node is bound.</summary>
    private PlanOperator ApplyPending(PlanOperator op, NodePattern node, Scope scope)
    {
        if (_pending is null || node.Variable is null) return op;
        foreach (var p in _pending)
        {
            if (p.Applied || p.Variable != node.Variable.Name) continue;
            p.Applied = true;
            op = Deep(new FilterOp(op, CompilePredicate(p.Predicate, scope), CypherPrinter.Print(p.Predicate)), p.Predicate);
        }
        return op;
    }

    private int DeclareVariable(Variable? v, Scope scope, string hint)
    {
        if (v is null) return HiddenSlot(scope, hint);
        if (scope.TryGet(v.Name, out var slot)) return slot;
        slot = NewSlot();
        scope.Set(v.Name, slot);
        return slot;
    }

    private PlanOperator PlanPart(PlanOperator op, PatternPart part, Scope scope, HashSet<int> bound, List<int> relSlotsInClause,
        Dictionary<string, List<(string Key, Expression Value)>> equalities, HashSet<string> boundBefore, bool requirePathSlot, out int pathSlot)
    {
        var element = part.Element;
        var nodeSlots = element.Nodes.Select(n => DeclareVariable(n.Variable, scope, "node")).ToArray();
        var relWasBound = element.Relationships.Select(r => r.Variable is not null && scope.TryGet(r.Variable.Name, out var s) && bound.Contains(s)).ToArray();
        var relSlots = element.Relationships.Select(r => DeclareVariable(r.Variable, scope, "rel")).ToArray();
        pathSlot = part.PathVariable is not null ? DeclareVariable(part.PathVariable, scope, "path") : requirePathSlot ? HiddenSlot(scope, "path") : -1;

        if (part.Selector != PathSelector.All)
            return PlanShortestPath(op, part, scope, bound, nodeSlots, relSlots, pathSlot, equalities, boundBefore);

        // ---- anchor
        var anchor = ChooseAnchor(element, nodeSlots, bound, equalities, boundBefore, out var seek);
        var anchorNode = element.Nodes[anchor];
        var anchorSlot = nodeSlots[anchor];
        var name = anchorNode.Variable?.Name ?? "anon";
        if (bound.Contains(anchorSlot))
        {
            op = CheckNode(op, anchorNode, anchorSlot, scope, skipLabel: null);
        }
        else if (seek is { } s)
        {
            op = SeekNode(op, anchorNode, anchorSlot, s, scope);
        }
        else if (anchorNode.Labels.Count > 0)
        {
            var label = anchorNode.Labels.OrderBy(l => LabelCount(l)).First();
            op = new NodeScanOp(op, anchorSlot, new LabelToken(label), name);
            op = CheckNode(op, anchorNode, anchorSlot, scope, skipLabel: label);
        }
        else if (anchorNode.LabelExpression is { } expression && LabelExpressionForms.Disjunction(expression) is { } anyOf)
        {
            // (n:A|B): one scan per label, each node once; the scan guarantees the expression
            op = new UnionNodeByLabelsScanOp(op, anchorSlot, anyOf.Select(l => new LabelToken(l)).ToArray(), name);
            op = CheckNode(op, anchorNode, anchorSlot, scope, skipLabel: "", skipExpression: true);
        }
        else
        {
            op = new NodeScanOp(op, anchorSlot, null, name);
            op = CheckNode(op, anchorNode, anchorSlot, scope, skipLabel: null);
        }
        bound.Add(anchorSlot);
        op = ApplyPending(Deep(op, anchorNode), anchorNode, scope);
        // node occurrences whose labels and properties are already checked (the hop reaching them need not again)
        var checkedNodes = new HashSet<NodePattern>(ReferenceEqualityComparer.Instance) { anchorNode };

        // ---- other nodes pinned by a unique key: seek them now (at most one row each), so the hop reaching them
        // checks its relationships against the bound node (expand-into) instead of fanning out and filtering
        for (var i = 0; i < element.Nodes.Count; i++)
        {
            if (bound.Contains(nodeSlots[i])) continue;
            if (BestSeek(element.Nodes[i], equalities, boundBefore) is not { Unique: true } pinned) continue;
            op = SeekNode(op, element.Nodes[i], nodeSlots[i], (pinned.Label, pinned.Key, pinned.Value), scope);
            checkedNodes.Add(element.Nodes[i]);
            bound.Add(nodeSlots[i]);
            op = ApplyPending(op, element.Nodes[i], scope);
        }

        // ---- expand right, then left
        for (var i = anchor; i < element.Relationships.Count; i++)
            op = Hop(op, element, i, nodeSlots[i], i + 1, nodeSlots, relSlots, relWasBound[i], forward: true, scope, bound, relSlotsInClause, checkedNodes);
        for (var i = anchor - 1; i >= 0; i--)
            op = Hop(op, element, i, nodeSlots[i + 1], i, nodeSlots, relSlots, relWasBound[i], forward: false, scope, bound, relSlotsInClause, checkedNodes);

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
        Dictionary<string, List<(string Key, Expression Value)>> equalities, HashSet<string> boundBefore, out (string Label, string Key, Expression Value)? seek)
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
        Dictionary<string, List<(string Key, Expression Value)>> equalities, HashSet<string> boundBefore)
    {
        if (node.Labels.Count == 0) return null;
        var candidates = new List<(string Key, Expression Value)>();
        if (node.Properties is MapLiteral map) candidates.AddRange(map.Entries.Where(e => IsIndependent(e.Value, boundBefore)).Select(e => (e.Key, e.Value)));
        if (node.Variable is not null && equalities.TryGetValue(node.Variable.Name, out var eqs)) candidates.AddRange(eqs);
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
    private PlanOperator SeekNode(PlanOperator op, NodePattern node, int slot, (string Label, string Key, Expression Value) s, Scope scope)
    {
        // The seek returns exactly the nodes whose key equals the value (Cypher equality, nulls match nothing; temporal
        // values are stored as themselves), so the WHERE conjunct it came from needs no second evaluation.
        var value = Compile(s.Value, scope);
        foreach (var p in _pending ?? [])
            if (!p.Applied && p.Variable == node.Variable?.Name && IsSeekEquality(p.Predicate, p.Variable, s.Key, s.Value))
                p.Applied = true;
        op = new NodeIndexSeekOp(op, slot, new LabelToken(s.Label), new PropertyKey(s.Key), value, node.Variable?.Name ?? "anon");
        var fromInlineMap = node.Properties is MapLiteral inline && inline.Entries.Any(e => e.Key == s.Key && ReferenceEquals(e.Value, s.Value));
        return CheckNode(op, node, slot, scope, skipLabel: s.Label, skipProperty: fromInlineMap ? s.Key : null);
    }

    private static bool IsSeekEquality(Expression predicate, string variable, string key, Expression value) =>
        predicate is BinaryExpression { Operator: BinaryOperator.Equal } eq
        && ((IsKeyOf(eq.Left, variable, key) && ReferenceEquals(eq.Right, value)) || (IsKeyOf(eq.Right, variable, key) && ReferenceEquals(eq.Left, value)));

    private static bool IsKeyOf(Expression e, string variable, string key) =>
        e is PropertyLookup { Subject: Variable v } p && v.Name == variable && p.PropertyName == key;

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
    private PlanOperator CheckNode(PlanOperator op, NodePattern node, int slot, Scope scope, string? skipLabel, string? skipProperty = null,
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
            op = new FilterOp(op, PropertyMapPredicate(slot, properties, scope), PropertyMapText(node.Variable?.Name ?? "anon", properties));
        return op;
    }

    /// <summary>"n.name = 'A' AND n.age = 3" for an inline property map (a parameter map: "n = $props").</summary>
    private static string PropertyMapText(string variable, Expression properties) => properties is MapLiteral map
        ? string.Join(" AND ", map.Entries.Select(e => $"{CypherPrinter.Name(variable)}.{CypherPrinter.Name(e.Key)} = {CypherPrinter.Print(e.Value)}"))
        : $"{CypherPrinter.Name(variable)} = {CypherPrinter.Print(properties)}";

    /// <summary>True when every inline property of the entity in the slot equals the given value.</summary>
    private Evaluator PropertyMapPredicate(int slot, Expression properties, Scope scope)
    {
        if (properties is MapLiteral map)
        {
            var keys = map.Entries.Select(e => new PropertyKey(e.Key)).ToArray();
            var values = map.Entries.Select(e => Compile(e.Value, scope)).ToArray();
            return (row, ctx) =>
            {
                var entity = row[slot];
                for (var i = 0; i < keys.Length; i++)
                    if (CypherValues.Equal(PropertyOf(entity, keys[i], ctx), values[i](row, ctx)) != true) return CypherValues.False;
                return CypherValues.True;
            };
        }
        var dynamicMap = Compile(properties, scope);
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
        bool relWasBound, bool forward, Scope scope, HashSet<int> bound, List<int> relSlotsInClause, HashSet<NodePattern> checkedNodes)
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
                predicateSlot = HiddenSlot(scope, "relprobe");
                relPredicate = PropertyMapPredicate(predicateSlot, rel.Properties, scope);
            }
            op = new VarExpandOp(op, fromSlot, relSlot, toSlot, dir, types, min, max, toBound, others, relPredicate, predicateSlot, !forward, relWasBound, description,
                distinctEnds: _distinctEnds && !relWasBound && others.Length == 0);
            _hops.Add((null, rel, toNode));
        }
        else
        {
            var expand = new ExpandOp(op, fromSlot, relSlot, toSlot, dir, types, toBound, relWasBound, others, description);
            if (!toBound && !relWasBound && toNode.Properties is null && toNode.LabelExpression is null && toNode.Labels.Count > 0 && checkedNodes.Add(toNode))
            {
                expand.TargetLabels = toNode.Labels.Distinct().Select(l => new LabelToken(l)).ToArray(); // the label check before a row exists
                expand.CacheLabelChecks = !_isWrite;
            }
            _hops.Add((expand, rel, toNode));
            op = expand;
            if (rel.Properties is not null)
                op = new FilterOp(op, PropertyMapPredicate(relSlot, rel.Properties, scope), PropertyMapText(rel.Variable?.Name ?? "anon", rel.Properties));
        }
        op = Deep(op, rel);
        relSlotsInClause.Add(relSlot);
        bound.Add(relSlot);
        if ((toNode.Labels.Count > 0 || toNode.Properties is not null || toNode.LabelExpression is not null) && checkedNodes.Add(toNode))
            op = CheckNode(op, toNode, toSlot, scope, skipLabel: "");
        bound.Add(toSlot);
        op = ApplyPending(op, toNode, scope);
        return op;
    }

    private PlanOperator PlanShortestPath(PlanOperator op, PatternPart part, Scope scope, HashSet<int> bound, int[] nodeSlots, int[] relSlots, int pathSlot,
        Dictionary<string, List<(string Key, Expression Value)>> equalities, HashSet<string> boundBefore)
    {
        var element = part.Element;
        if (element.Relationships.Count != 1)
            throw Semantic("UnsupportedPattern", "shortestPath needs a pattern with exactly one relationship, like (a)-[*]-(b).", part);
        for (var i = 0; i < 2; i++)
        {
            if (bound.Contains(nodeSlots[i])) continue;
            var node = element.Nodes[i];
            // each endpoint by its own equality when it has one (an index seek instead of a label scan)
            if (BestSeek(node, equalities, boundBefore) is { } endpoint)
            {
                op = SeekNode(op, node, nodeSlots[i], (endpoint.Label, endpoint.Key, endpoint.Value), scope);
                bound.Add(nodeSlots[i]);
                continue;
            }
            var label = node.Labels.FirstOrDefault();
            op = new NodeScanOp(op, nodeSlots[i], label is null ? null : new LabelToken(label), node.Variable?.Name ?? "anon");
            op = CheckNode(op, node, nodeSlots[i], scope, skipLabel: label);
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
            predicateSlot = HiddenSlot(scope, "relprobe");
            relPredicate = PropertyMapPredicate(predicateSlot, rel.Properties, scope);
        }
        bound.Add(relSlots[0]);
        if (pathSlot >= 0) bound.Add(pathSlot);
        return new ShortestPathOp(op, nodeSlots[0], nodeSlots[1], relSlots[0], pathSlot, ToStorage(rel.Direction, true), types, min, max,
            part.Selector == PathSelector.AllShortest, relPredicate, predicateSlot, part.PathVariable?.Name ?? "path");
    }

    // ------------------------------------------------------------------ WHERE equalities usable for seeks

    private static Dictionary<string, List<(string Key, Expression Value)>> ExtractEqualities(Expression? where, HashSet<string> boundBefore)
    {
        var result = new Dictionary<string, List<(string, Expression)>>(StringComparer.Ordinal);
        if (where is null) return result;
        foreach (var c in Conjuncts(where))
        {
            if (c is not BinaryExpression { Operator: BinaryOperator.Equal } eq) continue;
            foreach (var (prop, value) in new[] { (eq.Left, eq.Right), (eq.Right, eq.Left) })
            {
                if (prop is PropertyLookup { Subject: Variable v } p && !boundBefore.Contains(v.Name) && IsIndependent(value, boundBefore))
                {
                    if (!result.TryGetValue(v.Name, out var list)) result[v.Name] = list = [];
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
    private static bool IsIndependent(Expression e, HashSet<string>? boundBefore) => e switch
    {
        IntegerLiteral or FloatLiteral or StringLiteral or BooleanLiteral or NullLiteral or Parameter => true,
        Variable v => boundBefore is not null && boundBefore.Contains(v.Name),
        ListLiteral or MapLiteral or PropertyLookup or BinaryExpression or UnaryExpression or IndexExpression or FunctionInvocation
            => !ExpressionTree.IsAggregate(e) && ExpressionTree.Children(e).All(c => IsIndependent(c, boundBefore)),
        _ => false,
    };

    // ------------------------------------------------------------------ CREATE and MERGE

    private CreatePattern BuildCreatePattern(IReadOnlyList<PatternPart> parts, Scope scope, bool rejectNulls, HashSet<string>? boundBefore = null)
    {
        boundBefore ??= new HashSet<string>(scope.Names, StringComparer.Ordinal);
        var created = new HashSet<string>(StringComparer.Ordinal);
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
                var slot = DeclareVariable(n.Variable, scope, "node");
                nodeSlots[i] = slot;
                var isBound = name is not null && (boundBefore.Contains(name) || created.Contains(name));
                if (name is not null) created.Add(name);
                var entries = isBound ? null : CreateEntries(n.Properties, scope, rejectNulls);
                nodes.Add(new CreateNodeSpec(slot, isBound, n.Labels.Select(l => new LabelToken(l)).ToArray(),
                    isBound || entries is not null ? null : CreateProperties(n.Properties, scope, rejectNulls, "node"), name ?? "anon", entries));
            }
            var relSlots = new int[element.Relationships.Count];
            for (var i = 0; i < element.Relationships.Count; i++)
            {
                var r = element.Relationships[i];
                if (r.Types.Count != 1)
                    throw new ClientException(Neo4jStatus.SyntaxError, "A relationship to create needs exactly one type, like -[:KNOWS]->.")
                    { Phase = ErrorPhase.CompileTime, Detail = "NoSingleRelationshipType", Position = r.Position };
                if (r.Direction == RelationshipDirection.Both && !rejectNulls)
                    throw new ClientException(Neo4jStatus.SyntaxError, "A relationship to create needs a direction, like -[:KNOWS]->.")
                    { Phase = ErrorPhase.CompileTime, Detail = "RequiresDirectedRelationship", Position = r.Position };
                var slot = DeclareVariable(r.Variable, scope, "rel");
                relSlots[i] = slot;
                var (from, to) = r.Direction == RelationshipDirection.Incoming ? (nodeSlots[i + 1], nodeSlots[i]) : (nodeSlots[i], nodeSlots[i + 1]);
                var relEntries = CreateEntries(r.Properties, scope, rejectNulls);
                rels.Add(new CreateRelSpec(slot, new RelTypeToken(r.Types[0]), from, to,
                    relEntries is not null ? null : CreateProperties(r.Properties, scope, rejectNulls, "relationship"), r.Variable?.Name ?? "anon", relEntries));
            }
            if (part.PathVariable is not null)
            {
                var slot = DeclareVariable(part.PathVariable, scope, "path");
                paths.Add((slot, new PathBuilder(nodeSlots, relSlots, new bool[relSlots.Length])));
            }
        }
        return new CreatePattern(nodes.ToArray(), rels.ToArray(), paths.ToArray());
    }

    /// <summary>A CREATE's literal property map with distinct keys, compiled key by key (MERGE keeps the map: it rejects nulls).</summary>
    private PropertyEntry[]? CreateEntries(Expression? properties, Scope scope, bool rejectNulls)
    {
        if (rejectNulls || properties is not MapLiteral map || map.Entries.Count == 0) return null;
        if (map.Entries.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count() != map.Entries.Count) return null;
        return map.Entries.Select(e => new PropertyEntry(new PropertyKey(e.Key), Compile(e.Value, scope))).ToArray();
    }

    private Evaluator? CreateProperties(Expression? properties, Scope scope, bool rejectNulls, string what)
    {
        if (properties is null) return null;
        var e = Compile(properties, scope);
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

    private PlanOperator PlanMerge(PlanOperator source, MergeClause m, Scope scope)
    {
        var boundBefore = new HashSet<string>(scope.Names, StringComparer.Ordinal);
        var match = PlanPattern(new ArgumentOp { DepthOffset = _depthBase }, [m.Pattern], null, scope, requirePathSlot: false, out _);
        var create = BuildCreatePattern([m.Pattern], scope, rejectNulls: true, boundBefore);
        var onCreate = m.Actions.Where(a => a.OnCreate).SelectMany(a => a.Items).Select(i => CompileSetItem(i, scope)).ToArray();
        var onMatch = m.Actions.Where(a => !a.OnCreate).SelectMany(a => a.Items).Select(i => CompileSetItem(i, scope)).ToArray();
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
