using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// The aggregation structure of a WITH or RETURN as the binder established it: its columns (those of <c>*</c> expanded),
/// which are grouping keys and which aggregate, and the aggregate calls to compute.
/// </summary>
internal sealed class BoundProjection(IReadOnlyList<BoundProjectionItem> items, bool isAggregating, bool isDistinct,
    IReadOnlyList<Expression> aggregates, IReadOnlyList<Expression> orderByAggregates)
{
    public IReadOnlyList<BoundProjectionItem> Items { get; } = items;

    /// <summary>Some item contains an aggregate: the rows are grouped by the other items.</summary>
    public bool IsAggregating { get; } = isAggregating;

    public bool IsDistinct { get; } = isDistinct;

    /// <summary>The aggregate calls of the items (count(*) or a call of an aggregating function), outermost, in order of appearance (the planner computes equal ones once).</summary>
    public IReadOnlyList<Expression> Aggregates { get; } = aggregates;

    /// <summary>The aggregate calls of ORDER BY (computed as items already, or refused by the binder).</summary>
    public IReadOnlyList<Expression> OrderByAggregates { get; } = orderByAggregates;

    public IEnumerable<BoundProjectionItem> GroupingKeys => Items.Where(i => i.IsGroupingKey);
}
