using System.Globalization;
using System.Runtime.CompilerServices;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Planning;

/// <summary>
/// A canonical text for an expression, ignoring positions: lets ORDER BY and aggregation results refer to
/// a projected expression written again (RETURN n.name, count(*) ORDER BY n.name).
/// </summary>
internal static class ExpressionKey
{
    public static string Of(Expression e) => e switch
    {
        Variable v => "v:" + v.Name,
        Parameter p => "$" + p.Name,
        IntegerLiteral i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatLiteral f => "f" + f.Value.ToString("R", CultureInfo.InvariantCulture),
        StringLiteral s => "'" + s.Value + "'",
        BooleanLiteral b => b.Value ? "true" : "false",
        NullLiteral => "null",
        PropertyLookup p => Of(p.Subject) + "." + p.PropertyName,
        FunctionInvocation f => f.FullName.ToLowerInvariant() + (f.Distinct ? "(distinct " : "(") + string.Join(",", f.Arguments.Select(Of)) + ")",
        CountStar => "count(*)",
        BinaryExpression b => "(" + Of(b.Left) + " " + b.Operator + " " + Of(b.Right) + ")",
        UnaryExpression u => u.Operator + "(" + Of(u.Operand) + ")",
        IsNullExpression n => "(" + Of(n.Operand) + (n.Negated ? " is not null)" : " is null)"),
        ListLiteral l => "[" + string.Join(",", l.Items.Select(Of)) + "]",
        MapLiteral m => "{" + string.Join(",", m.Entries.Select(x => x.Key + ":" + Of(x.Value))) + "}",
        IndexExpression i => Of(i.Subject) + "[" + Of(i.Index) + "]",
        LabelsPredicate l => Of(l.Subject) + ":" + string.Join(":", l.Labels) + (l.LabelExpression is { } expression ? ":(" + LabelExpressionForms.Print(expression) + ")" : ""),
        _ => "#" + RuntimeHelpers.GetHashCode(e).ToString(CultureInfo.InvariantCulture),
    };
}
