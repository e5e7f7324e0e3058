using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// The one traversal of expressions: the semantic checks and the planner both walk sub-expressions through
/// <see cref="Children"/>, so they cannot disagree about what an expression contains.
/// </summary>
internal static class ExpressionTree
{
    /// <summary>count(*) or a call of an aggregating function (the list is <see cref="Functions.Aggregations"/>).</summary>
    public static bool IsAggregate(Expression expression) =>
        expression is CountStar
        || (expression is FunctionInvocation { Namespace.Count: 0 } function && Functions.Aggregations.IsAggregate(function.Name));

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
    public static bool ContainsAggregate(Expression expression) => Aggregates(expression).Any();

    /// <summary>
    /// The aggregate calls of an expression, outermost first, without looking inside them or inside nested subqueries
    /// and pattern comprehensions (which aggregate on their own).
    /// </summary>
    public static IEnumerable<Expression> Aggregates(Expression expression)
    {
        if (IsAggregate(expression))
        {
            yield return expression;
            yield break;
        }
        if (expression is ExistsSubquery or CountSubquery or PatternComprehension or PatternExpression) yield break;
        foreach (var child in Children(expression))
            foreach (var aggregate in Aggregates(child))
                yield return aggregate;
    }

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
