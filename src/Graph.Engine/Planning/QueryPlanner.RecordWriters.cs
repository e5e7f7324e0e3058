using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Planning;

internal sealed partial class QueryPlanner
{
    /// <summary>
    /// A RETURN projection over one hop (<c>MATCH (a {id: $id})-[r:T]->(c:L) RETURN c.id, type(r)</c>), or over two hops
    /// meeting at a far node from two bound ends (<c>(a)-[r]->(c)&lt;-[s]-(b)</c>), whose items each read the far node's
    /// property, a hop's relationship type or property, or the source row (a start's variable or property): gets a
    /// <see cref="HopRecordWriter"/>, which RunAsync uses to write the records without rows. Not in a statement that
    /// writes; not for hops that check relationships bound before, count, or bind a relationship list; other items, or
    /// other operators between the projection and the hops, keep the rows.
    /// </summary>
    private void TryRecordWriter(ProjectOp projection, IReadOnlyList<BoundProjectionItem> items, int[] itemSlots, SlotLayout layout)
    {
        if (_isWrite || items.Count == 0 || projection.Children.Single() is not ExpandOp top) return;
        if (top.CountSlot >= 0 || top.RelationshipBound) return;
        var evaluators = projection.ColumnEvaluators(itemSlots);
        if (evaluators is null) return;
        ExpandOp hop;
        ChainHop shape;
        ChainHop? second = null;
        if (!top.TargetBound)
        {
            hop = top;
            shape = top.Shape;
            if (shape.OtherRelSlots.Length > 0) return;
        }
        else
        {
            // two hops: Expand(Into) towards a bound end, from the far node of a plain expand
            second = top.Shape;
            if (top.TargetLabels.Length > 0 || top.Children.Single() is not ExpandOp { TargetBound: false, RelationshipBound: false, CountSlot: < 0 } below) return;
            hop = below;
            shape = below.Shape;
            if (shape.OtherRelSlots.Length > 0 || second.FromSlot != shape.ToSlot || second.OtherRelSlots is not [var other] || other != shape.RelSlot) return;
            // the end must come bound in the source rows (not be this pattern's far node or relationship)
            if (second.ToSlot == shape.ToSlot || second.ToSlot == shape.RelSlot || second.RelSlot == shape.ToSlot) return;
        }
        var columns = new RecordColumn[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (ColumnOf(items[i], evaluators[i], shape, second, layout) is not { } column) return;
            columns[i] = column;
        }
        projection.RecordWriter = new HopRecordWriter(hop.Children.Single(), shape.FromSlot, shape.Direction, shape.Types, hop.TargetLabels, columns)
        {
            SecondHop = second is null ? null : (second.ToSlot, Reverse(second.Direction), second.Types),
        };
    }

    /// <summary>What a writer's column reads for <paramref name="item"/>, or null when it reads anything else.</summary>
    private RecordColumn? ColumnOf(BoundProjectionItem item, Evaluator evaluator, ChainHop hop, ChainHop? second, SlotLayout layout)
    {
        switch (item.Expression)
        {
            case PropertyLookup { Subject: Variable v } p when SlotOfVariable(v, layout) is { } slot:
                if (slot == hop.ToSlot) return new RecordColumn(RecordColumnKind.FarNodeProperty, new PropertyKey(p.PropertyName));
                if (slot == hop.RelSlot) return new RecordColumn(RecordColumnKind.RelationshipProperty, new PropertyKey(p.PropertyName));
                if (second is not null && slot == second.RelSlot) return new RecordColumn(RecordColumnKind.SecondRelationshipProperty, new PropertyKey(p.PropertyName));
                return new RecordColumn(RecordColumnKind.SourceRowValue, Value: evaluator);
            case FunctionInvocation { Namespace.Count: 0, Distinct: false, Arguments: [Variable v] } f
                when _bound.FunctionOf(f).Name == "type" && SlotOfVariable(v, layout) is { } slot:
                if (slot == hop.RelSlot) return new RecordColumn(RecordColumnKind.RelationshipType);
                if (second is not null && slot == second.RelSlot) return new RecordColumn(RecordColumnKind.SecondRelationshipType);
                return null;
            case FunctionInvocation { Namespace.Count: 0, Distinct: false, Arguments: [Variable v] } f
                when _bound.FunctionOf(f).Name == "id" && SlotOfVariable(v, layout) is { } slot:
                if (slot == hop.ToSlot) return new RecordColumn(RecordColumnKind.FarNodeId);
                if (slot == hop.RelSlot) return new RecordColumn(RecordColumnKind.RelationshipId);
                if (second is not null && slot == second.RelSlot) return new RecordColumn(RecordColumnKind.SecondRelationshipId);
                return null;
            case Variable v when SlotOfVariable(v, layout) is { } slot:
                // a start's own variable (its node converted for the client per record); not the hops' entities
                if (slot == hop.ToSlot || slot == hop.RelSlot || second is not null && slot == second.RelSlot) return null;
                return new RecordColumn(RecordColumnKind.SourceRowValue, Value: evaluator);
            default:
                return null;
        }
    }

    private int? SlotOfVariable(Variable v, SlotLayout layout) => layout.TryGet(_bound.SymbolOf(v), out var slot) ? slot : null;

    private static Direction Reverse(Direction direction) => direction switch
    {
        Direction.Outgoing => Direction.Incoming,
        Direction.Incoming => Direction.Outgoing,
        _ => Direction.Both,
    };
}
