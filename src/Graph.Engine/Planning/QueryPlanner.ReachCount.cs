using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Planning;

/// <summary>Fusing count(DISTINCT b) with the filters and the variable-length expand beneath it (<see cref="ReachCountOp"/>).</summary>
internal sealed partial class QueryPlanner
{
    /// <summary>
    /// The aggregation as a <see cref="ReachCountOp"/> when that gives exactly its count, else null: the statement writes
    /// nothing; there is no grouping key; every aggregate is <c>count(DISTINCT b)</c> of the expand's end variable itself;
    /// beneath are only filters, then an expand that finds its distinct ends breadth-first for every start.
    /// </summary>
    private ReachCountOp? TryReachCount(PlanOperator source, BoundProjection projection, int keyCount, AggregateSpec[] specs, SlotLayout layout, string description)
    {
        if (_isWrite || keyCount > 0 || specs.Length == 0) return null;
        var filters = new List<FilterOp>();
        var op = source;
        while (op is FilterOp filter)
        {
            filters.Add(filter);
            op = filter.Children.Single();
        }
        if (op is not VarExpandOp expand || expand.CountableReach() is not { } pattern) return null;
        foreach (var aggregate in projection.Aggregates.Concat(projection.OrderByAggregates))
        {
            if (aggregate is not FunctionInvocation { Namespace.Count: 0, Distinct: true, Arguments: [Variable counted] } f
                || !f.Name.Equals("count", StringComparison.OrdinalIgnoreCase)
                || !layout.TryGet(_bound.SymbolOf(counted), out var slot) || slot != pattern.ToSlot) return null;
        }
        filters.Reverse(); // the row engine tests the lowest filter first
        var conditions = filters.Select(f => EndConditionOf(f, pattern.ToSlot, layout)).ToArray();
        return new ReachCountOp(pattern, conditions, specs.Select(s => s.Slot).ToArray(), description);
    }

    /// <summary>
    /// A filter's conjunct as tested per end: a comparison of a property of the end with an operand that reads neither
    /// the end nor anything random (computed once per input row), or else the filter's predicate on a row.
    /// </summary>
    private EndCondition EndConditionOf(FilterOp filter, int endSlot, SlotLayout layout)
    {
        if (filter.Condition is BinaryExpression binary && ComparisonOf(binary.Operator) is { } compare)
        {
            bool? equality = binary.Operator switch { BinaryOperator.Equal => false, BinaryOperator.NotEqual => true, _ => null };
            if (EndPropertyOf(binary.Left, endSlot, layout) is { } leftKey && ReadsOnlyInput(binary.Right, endSlot, layout))
                return EndCondition.PropertyComparison(new PropertyKey(leftKey), compare, Compile(binary.Right, layout), endOnLeft: true, filter.Text, equality);
            if (EndPropertyOf(binary.Right, endSlot, layout) is { } rightKey && ReadsOnlyInput(binary.Left, endSlot, layout))
                return EndCondition.PropertyComparison(new PropertyKey(rightKey), compare, Compile(binary.Left, layout), endOnLeft: false, filter.Text, equality);
        }
        return EndCondition.OnRow(filter.Predicate, filter.Text);
    }

    /// <summary>The operators <see cref="CompileBinary"/> applies as a plain function of both operands' values.</summary>
    private static Func<object?, object?, object?>? ComparisonOf(BinaryOperator op) => op switch
    {
        BinaryOperator.Equal => Operators.Equal,
        BinaryOperator.NotEqual => Operators.NotEqual,
        BinaryOperator.LessThan => Operators.LessThan,
        BinaryOperator.LessThanOrEqual => Operators.LessThanOrEqual,
        BinaryOperator.GreaterThan => Operators.GreaterThan,
        BinaryOperator.GreaterThanOrEqual => Operators.GreaterThanOrEqual,
        BinaryOperator.StartsWith => Operators.StartsWith,
        BinaryOperator.EndsWith => Operators.EndsWith,
        BinaryOperator.Contains => Operators.Contains,
        _ => null,
    };

    /// <summary>"id" for <c>b.id</c> when b is the end variable, else null.</summary>
    private string? EndPropertyOf(Expression e, int endSlot, SlotLayout layout) =>
        e is PropertyLookup { Subject: Variable v } p && layout.TryGet(_bound.SymbolOf(v), out var slot) && slot == endSlot ? p.PropertyName : null;

    /// <summary>True when the expression reads slots other than the end's only, and nothing random (<see cref="SlotsRead"/>).</summary>
    private bool ReadsOnlyInput(Expression e, int endSlot, SlotLayout layout) => SlotsRead(e, layout) is { } slots && !slots.Contains(endSlot);
}
