using System.Globalization;
using System.Text;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// Renders an expression as canonical Cypher text (fully parenthesized, positions ignored), so that two
/// expressions written alike compare equal, e.g. an ORDER BY expression and a projected item.
/// </summary>
internal static class ExpressionPrinter
{
    public static string Print(Expression expression)
    {
        var builder = new StringBuilder();
        Write(builder, expression);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, Expression? e)
    {
        switch (e)
        {
            case null: b.Append('_'); break;
            case IntegerLiteral i: b.Append(i.Value.ToString(CultureInfo.InvariantCulture)); break;
            case FloatLiteral f: b.Append(f.Value.ToString("R", CultureInfo.InvariantCulture)).Append('f'); break;
            case StringLiteral s: b.Append('\'').Append(s.Value.Replace("\\", "\\\\").Replace("'", "\\'")).Append('\''); break;
            case BooleanLiteral bl: b.Append(bl.Value ? "true" : "false"); break;
            case NullLiteral: b.Append("null"); break;
            case ListLiteral l: b.Append('['); WriteList(b, l.Items); b.Append(']'); break;
            case MapLiteral m:
                b.Append('{');
                for (var i = 0; i < m.Entries.Count; i++)
                {
                    if (i > 0) b.Append(", ");
                    b.Append('`').Append(m.Entries[i].Key).Append("`: ");
                    Write(b, m.Entries[i].Value);
                }
                b.Append('}');
                break;
            case Parameter p: b.Append('$').Append(p.Name); break;
            case Variable v: b.Append('`').Append(v.Name).Append('`'); break;
            case PropertyLookup p: Write(b, p.Subject); b.Append(".`").Append(p.PropertyName).Append('`'); break;
            case IndexExpression x: Write(b, x.Subject); b.Append('['); Write(b, x.Index); b.Append(']'); break;
            case SliceExpression s: Write(b, s.Subject); b.Append('['); Write(b, s.From); b.Append(".."); Write(b, s.To); b.Append(']'); break;
            case LabelsPredicate l:
                Write(b, l.Subject);
                foreach (var label in l.Labels) b.Append(":`").Append(label).Append('`');
                if (l.LabelExpression is { } labelExpression) b.Append(":(").Append(LabelExpressionForms.Print(labelExpression)).Append(')');
                break;
            case FunctionInvocation f:
                b.Append(f.FullName.ToLowerInvariant()).Append('(');
                if (f.Distinct) b.Append("DISTINCT ");
                WriteList(b, f.Arguments);
                b.Append(')');
                break;
            case CountStar: b.Append("count(*)"); break;
            case BinaryExpression bin: b.Append('('); Write(b, bin.Left); b.Append(' ').Append(bin.Operator).Append(' '); Write(b, bin.Right); b.Append(')'); break;
            case UnaryExpression u: b.Append('(').Append(u.Operator).Append(' '); Write(b, u.Operand); b.Append(')'); break;
            case IsNullExpression n: b.Append('('); Write(b, n.Operand); b.Append(n.Negated ? " IS NOT NULL)" : " IS NULL)"); break;
            case CaseExpression c:
                b.Append("CASE ");
                Write(b, c.Subject);
                foreach (var alternative in c.Alternatives)
                {
                    b.Append(" WHEN "); Write(b, alternative.When);
                    b.Append(" THEN "); Write(b, alternative.Then);
                }
                b.Append(" ELSE "); Write(b, c.Default); b.Append(" END");
                break;
            case ListComprehension c:
                b.Append('['); Write(b, c.Variable); b.Append(" IN "); Write(b, c.Source);
                b.Append(" WHERE "); Write(b, c.Where); b.Append(" | "); Write(b, c.Projection); b.Append(']');
                break;
            case QuantifierExpression q:
                b.Append(q.Quantifier).Append('('); Write(b, q.Variable); b.Append(" IN "); Write(b, q.Source);
                b.Append(" WHERE "); Write(b, q.Where); b.Append(')');
                break;
            case ReduceExpression r:
                b.Append("reduce("); Write(b, r.Accumulator); b.Append(" = "); Write(b, r.Initial); b.Append(", ");
                Write(b, r.Variable); b.Append(" IN "); Write(b, r.Source); b.Append(" | "); Write(b, r.Expression); b.Append(')');
                break;
            case MapProjection m:
                Write(b, m.Subject);
                b.Append('{');
                foreach (var item in m.Items)
                {
                    switch (item)
                    {
                        case PropertySelector p: b.Append('.').Append(p.PropertyName); break;
                        case AllPropertiesSelector: b.Append(".*"); break;
                        case LiteralEntry l: b.Append(l.Key).Append(": "); Write(b, l.Value); break;
                        case VariableSelector v: Write(b, v.Variable); break;
                    }
                    b.Append(", ");
                }
                b.Append('}');
                break;
            default:
                // Patterns and subqueries: compare by identity (never equal to another occurrence).
                b.Append('#').Append(e.GetType().Name).Append('@').Append(e.Position.Offset);
                break;
        }
    }

    private static void WriteList(StringBuilder b, IReadOnlyList<Expression> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) b.Append(", ");
            Write(b, items[i]);
        }
    }
}
