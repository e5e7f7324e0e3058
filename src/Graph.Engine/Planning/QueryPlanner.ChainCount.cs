using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Planning;

/// <summary>Fusing an aggregation of count(*) with the chain of hops beneath it (<see cref="ChainCountOp"/>).</summary>
internal sealed partial class QueryPlanner
{
    /// <summary>
    /// The aggregation as a <see cref="ChainCountOp"/> when that gives exactly its groups and counts, else null: every
    /// aggregate is count(*); every key is a deterministic function of the start row or of one entity a hop binds;
    /// beneath are plain hops (no bound far node or relationship, label checks only, WHERE conjuncts only about one hop's
    /// entity and the start row), each naming its types; hops of one pattern that share a type are compared by the walk.
    /// </summary>
    private ChainCountOp? TryChainCount(PlanOperator source, List<BoundProjectionItem> keyItems, int[] keySlots, Evaluator[] keyEvals, AggregateSpec[] specs,
        SlotLayout layout, string description)
    {
        if (_isWrite || specs.Length == 0 || specs.Any(s => !s.CountStar)) return null;
        // the hops from the aggregation down, each with the operator beneath it (the start if the chain ends there)
        var hops = new List<(ChainHop Hop, PlanOperator Below, List<FilterOp> Filters)>();
        var op = source;
        var checks = new List<NodeCheckOp>();
        var filters = new List<FilterOp>();
        while (true)
        {
            // a WHERE conjunct above a hop's label checks (one beneath them would be tested before the labels)
            if (op is FilterOp { Condition: not null } filter && checks.Count == 0)
            {
                filters.Add(filter);
                op = op.Children.Single();
                continue;
            }
            if (op is NodeCheckOp check)
            {
                checks.Add(check);
                op = op.Children.Single();
                continue;
            }
            if (op is not ExpandOp expand) break;
            var shape = expand.Shape;
            if (shape.Bound || shape.Types.Types.Length == 0 || shape.Types.IsExpression || checks.Any(c => c.Slot != shape.ToSlot)) break;
            var labels = expand.TargetLabels.Concat(checks.SelectMany(c => c.Labels)).DistinctBy(l => l.Name).ToArray();
            if (hops.Count > 0 && hops[^1].Hop.FromSlot != shape.ToSlot) break;
            filters.Reverse(); // the row engine tests the lowest filter first
            hops.Add((shape with
            {
                // as ExpandOp shows its far-node check
                Description = labels.Length == 0 ? shape.Description : shape.Description + " checking " + string.Concat(labels.Select(l => ":" + l.Name)),
                TargetLabels = labels,
                TargetLabelCount = labels.Length == 0 ? -1 : checks.Count == 0 ? expand.TargetLabelCount : labels.Min(l => LabelCount(l.Name)),
            }, op.Children.Single(), filters));
            checks.Clear();
            filters = [];
            op = op.Children.Single();
        }
        // the longest chain that qualifies (an earlier MATCH's hops may end up in the start instead)
        for (var length = hops.Count; length > 0; length--)
        {
            var chain = hops.Take(length).Reverse().ToList();
            if (TryChain(chain.Select(c => c.Hop).ToList(), chain.Select(c => c.Filters).ToList(), chain[0].Below, keyItems, keySlots, keyEvals, specs, layout, description) is { } fused) return fused;
        }
        return null;
    }

    private ChainCountOp? TryChain(List<ChainHop> hops, List<List<FilterOp>> filters, PlanOperator start, List<BoundProjectionItem> keyItems, int[] keySlots, Evaluator[] keyEvals,
        AggregateSpec[] specs, SlotLayout layout, string description)
    {
        // a hop must differ from the relationships of its pattern: the walk compares it with those of this chain that
        // share one of its types (a relationship has one type); one bound before the chain is left to the row engine
        for (var h = 0; h < hops.Count; h++)
        {
            var distinctFrom = new List<int>();
            foreach (var other in hops[h].OtherRelSlots)
            {
                var earlier = hops.FindIndex(x => x.RelSlot == other);
                if (earlier < 0) return null;
                var names = hops[earlier].Types.Types.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
                if (hops[h].Types.Types.Any(t => names.Contains(t.Name))) distinctFrom.Add(earlier);
            }
            var fused = new List<ChainFilter>();
            foreach (var filter in filters[h])
            {
                if (ChainFilterOf(filter, hops[h], hops, layout) is not { } chainFilter) return null;
                fused.Add(chainFilter);
            }
            var where = fused.Count == 0 ? "" : " WHERE " + string.Join(" AND ", fused.Select(f => f.Description));
            hops[h] = hops[h] with { DistinctFrom = distinctFrom.ToArray(), Filters = fused.ToArray(), Description = hops[h].Description + where };
        }
        var owners = new int[keyItems.Count];
        var typeOnly = new bool[keyItems.Count];
        var relationshipProperties = new PropertyKey?[keyItems.Count];
        var startKeysReadStartNode = true;
        // keys that cannot fail (an entity, its property, its type): evaluated in any order, on any entity reached
        var keysTotal = true;
        for (var i = 0; i < keyItems.Count; i++)
        {
            var slots = KeySlotsRead(keyItems[i], layout);
            if (slots is null) return null;
            var hopSlots = slots.Where(s => hops.Any(x => x.RelSlot == s || x.ToSlot == s)).Distinct().ToList();
            if (hopSlots.Count == 0)
            {
                owners[i] = ChainCountOp.StartRow;
                keysTotal &= CannotFail(keyItems[i]);
                startKeysReadStartNode &= slots.All(s => s == hops[0].FromSlot);
                continue;
            }
            // one entity of a hop, and nothing else: evaluated once per visit of that entity, on a row holding it alone
            if (hopSlots.Count > 1 || slots.Any(s => s != hopSlots[0])) return null;
            var relHop = hops.FindIndex(x => x.RelSlot == hopSlots[0]);
            owners[i] = relHop >= 0 ? ChainCountOp.RelationshipOf(relHop) : ChainCountOp.FarNodeOf(hops.FindIndex(x => x.ToSlot == hopSlots[0]));
            typeOnly[i] = relHop >= 0 && keyItems[i].Source is null
                && keyItems[i].Expression is FunctionInvocation { Namespace.Count: 0, Distinct: false, Arguments: [Variable] } f && _bound.FunctionOf(f).Name == "type";
            // r.name: read from the store by relationship id (the hop then reads ids only)
            if (relHop >= 0 && !typeOnly[i] && keyItems[i].Source is null && keyItems[i].Expression is { } e
                && EndPropertyOf(e, hops[relHop].RelSlot, layout) is { } name) relationshipProperties[i] = new PropertyKey(name);
            keysTotal &= typeOnly[i] || CannotFail(keyItems[i]);
        }
        // one hop grouped by the start alone: without a label to check at its far end it is counted from the stored degree
        // (DegreeCount); with one, the chain's neighbour read and counted last hop beat ExpandCount's rows, except in a
        // subquery, which runs once per outer row and would set a chain's tables up each time
        if (hops.Count == 1 && owners.All(o => o == ChainCountOp.StartRow) && (hops[0].TargetLabels.Length == 0 || _subqueryDepth > 0)) return null;
        var tallied = TalliedPropertiesOf(hops, filters[^1], keyItems, owners, layout);
        ChainCountOp Make(PlanOperator from) => new(from, hops.ToArray(), keySlots, keyEvals, owners, typeOnly, specs.Select(s => s.Slot).ToArray(), 0, description)
        {
            Tallied = tallied,
            RelationshipKeyProperties = relationshipProperties.Any(p => p is not null) ? relationshipProperties : null,
            StartKeyProperties = StartKeyPropertiesOf(from, hops[0].FromSlot, keyItems, owners, layout),
        };
        return (keysTotal ? CountedFromMiddle(start, hops.ToArray(), owners, startKeysReadStartNode, layout, Make) : null) ?? Make(start);
    }

    /// <summary>
    /// For a chain started at the scan of a label for the rows beneath (<see cref="NodeScanOp"/> over the argument), when
    /// every key of the start row is exactly a property of the start node (<c>c.id</c>): those properties, per key (null
    /// for the hops' keys), which the chain then reads by node id (ChainCountOp.ScannedStart.cs); else null.
    /// </summary>
    private PropertyKey?[]? StartKeyPropertiesOf(PlanOperator start, int startSlot, List<BoundProjectionItem> keyItems, int[] owners, SlotLayout layout)
    {
        if (start is not NodeScanOp { Label: not null, Source: ArgumentOp } scan || scan.Slot != startSlot) return null;
        var properties = new PropertyKey?[keyItems.Count];
        for (var i = 0; i < keyItems.Count; i++)
        {
            if (owners[i] != ChainCountOp.StartRow) continue;
            if (keyItems[i].Source is not null || keyItems[i].Expression is not { } e || EndPropertyOf(e, startSlot, layout) is not { } name) return null;
            properties[i] = new PropertyKey(name);
        }
        return properties;
    }

    /// <summary>
    /// Tells the <see cref="ChainCountOp"/> beneath an ORDER BY ... LIMIT (through the projection of its aggregates only)
    /// that the rows kept are the best by count(*) when the first sort key is a count(*) item or count(*) itself.
    /// </summary>
    private void KeepTopGroups(PlanOperator grouped, ProjectionBody body, Evaluator top, IReadOnlyList<BoundProjectionItem> items, int[] slots, SlotLayout layout)
    {
        if (grouped is not ChainCountOp chain || body.OrderBy[0] is not { } first) return;
        var byCount = first.Expression is CountStar || (ItemSorted(first.Expression, items, slots, layout) is { } counted && items[counted].Expression is CountStar);
        if (!byCount) return;
        // the further sort keys, as the chain's keys (numbered as the grouping items are)
        var groupingItems = Enumerable.Range(0, items.Count).Where(i => items[i].IsGroupingKey).ToList();
        var tieKeys = body.OrderBy.Skip(1).Select(o => ItemSorted(o.Expression, items, slots, layout) is { } i ? groupingItems.IndexOf(i) : -1).ToArray();
        var known = tieKeys.All(k => k >= 0);
        chain.Top = new ChainCountTop(top, first.Descending)
        {
            TieKeys = known ? tieKeys : null,
            TieDescending = known ? body.OrderBy.Skip(1).Select(o => o.Descending).ToArray() : [],
        };
    }

    /// <summary>The projection item a sort key names (its column, or its very expression), or null.</summary>
    private int? ItemSorted(Expression sortKey, IReadOnlyList<BoundProjectionItem> items, int[] slots, SlotLayout layout)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (sortKey is Variable v && layout.TryGet(_bound.SymbolOf(v), out var slot) && slots[i] == slot) return i;
            if (items[i].Expression is { } e && ExpressionKey.Of(e) == ExpressionKey.Of(sortKey)) return i;
        }
        return null;
    }

    /// <summary>
    /// A filter above a hop as a conjunct the chain tests at that hop, or null when it reads the entity of another hop,
    /// of no hop at all, or may answer differently for the same values (see <see cref="SlotsRead"/>).
    /// </summary>
    private ChainFilter? ChainFilterOf(FilterOp filter, ChainHop hop, List<ChainHop> hops, SlotLayout layout)
    {
        var slots = SlotsRead(filter.Condition!, layout);
        if (slots is null) return null;
        var hopSlots = slots.Where(s => hops.Any(x => x.RelSlot == s || x.ToSlot == s)).Distinct().ToList();
        if (hopSlots.Count != 1 || (hopSlots[0] != hop.RelSlot && hopSlots[0] != hop.ToSlot)) return null;
        return new ChainFilter(hopSlots[0] == hop.RelSlot, hopSlots[0], filter.Predicate, slots.Any(s => s != hopSlots[0]), CypherPrinter.Print(filter.Condition!));
    }

    /// <summary>
    /// The slots a grouping key reads, or null when its value may differ between two rows with the same values there:
    /// a random function, or a construct with variables of its own or a pattern (kept to the row engine).
    /// </summary>
    private List<int>? KeySlotsRead(BoundProjectionItem item, SlotLayout layout)
    {
        if (item.Source is { } copied) return layout.TryGet(copied, out var s) ? [s] : null;
        return item.Expression is null ? null : SlotsRead(item.Expression, layout);
    }

    /// <summary>The slots an expression reads, or null when it is random or has variables of its own or a pattern.</summary>
    private List<int>? SlotsRead(Expression expression, SlotLayout layout)
    {
        var slots = new List<int>();
        foreach (var e in ExpressionTree.Descendants(expression))
        {
            switch (e)
            {
                case ListComprehension or QuantifierExpression or ReduceExpression or PatternComprehension or PatternExpression or ExistsSubquery or CountSubquery:
                    return null;
                case FunctionInvocation f when f.Name.Equals("rand", StringComparison.OrdinalIgnoreCase) || f.Name.Equals("randomUUID", StringComparison.OrdinalIgnoreCase):
                    return null;
                case Variable v:
                    if (!layout.TryGet(_bound.SymbolOf(v), out var slot)) return null;
                    slots.Add(slot);
                    break;
            }
        }
        return slots;
    }
}
