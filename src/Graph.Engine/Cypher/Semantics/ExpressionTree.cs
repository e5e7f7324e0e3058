using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>Generic traversal helpers over expressions.</summary>
public static class ExpressionTree
{
    /// <summary>Aggregating functions (names compared case-insensitively).</summary>
    public static readonly HashSet<string> AggregateFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "avg", "min", "max", "collect", "stDev", "stDevP", "percentileCont", "percentileDisc",
    };

    public static bool IsAggregate(Expression expression) =>
        expression is CountStar
        || (expression is FunctionInvocation { Namespace.Count: 0 } function && AggregateFunctions.Contains(function.Name));

    /// <summary>The direct sub-expressions (not those inside patterns' or subqueries' own clauses).</summary>
    public static IEnumerable<Expression> Children(Expression expression)
    {
        switch (expression)
        {
            case ListLiteral l: return l.Items;
            case MapLiteral m: return m.Entries.Select(e => e.Value);
            case PropertyLookup p: return [p.Subject];
            case IndexExpression i: return [i.Subject, i.Index];
            case SliceExpression s: return new[] { s.Subject, s.From, s.To }.OfType<Expression>();
            case LabelsPredicate l: return [l.Subject];
            case FunctionInvocation f: return f.Arguments;
            case BinaryExpression b: return [b.Left, b.Right];
            case UnaryExpression u: return [u.Operand];
            case IsNullExpression n: return [n.Operand];
            case CaseExpression c:
                return new[] { c.Subject }.Concat(c.Alternatives.SelectMany(a => new[] { a.When, a.Then }))
                    .Append(c.Default).OfType<Expression>();
            case ListComprehension c: return new[] { c.Source, c.Where, c.Projection }.OfType<Expression>();
            case QuantifierExpression q: return new[] { q.Source, q.Where }.OfType<Expression>();
            case ReduceExpression r: return [r.Initial, r.Source, r.Expression];
            case MapProjection m: return m.Items.OfType<LiteralEntry>().Select(e => e.Value).Prepend(m.Subject);
            case PatternComprehension p: return new[] { p.Where, p.Projection }.OfType<Expression>();
            default: return [];
        }
    }

    /// <summary>True when an aggregate occurs in the expression (not counting nested subqueries).</summary>
    public static bool ContainsAggregate(Expression expression) =>
        IsAggregate(expression) || Children(expression).Any(ContainsAggregate);

    /// <summary>Every node of the expression tree, depth first.</summary>
    public static IEnumerable<Expression> Descendants(Expression expression)
    {
        var stack = new Stack<Expression>();
        stack.Push(expression);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in Children(current))
                stack.Push(child);
        }
    }
}
