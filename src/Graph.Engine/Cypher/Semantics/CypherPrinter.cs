using System.Globalization;
using System.Text;
using Graph.Client;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// Renders expressions and patterns as readable Cypher (<c>n.name = $name</c>, <c>(a)-[:KNOWS]->(b)</c>) for the
/// Details of plan descriptions. Unlike <see cref="ExpressionPrinter"/> (canonical keys), it parenthesizes only where
/// precedence needs it; long texts are cut.
/// </summary>
internal static class CypherPrinter
{
    private const int MaxLength = 200;

    public static string Print(Expression expression) => Cut(Write(expression));

    public static string Print(PatternPart part) => Cut(WritePart(part));

    private static string Cut(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 3)] + "...";

    // precedence: higher binds tighter
    private static int Precedence(Expression e) => e switch
    {
        BinaryExpression { Operator: BinaryOperator.Or } => 1,
        BinaryExpression { Operator: BinaryOperator.Xor } => 2,
        BinaryExpression { Operator: BinaryOperator.And } => 3,
        UnaryExpression { Operator: UnaryOperator.Not } => 4,
        BinaryExpression { Operator: BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.LessThan or BinaryOperator.LessThanOrEqual
            or BinaryOperator.GreaterThan or BinaryOperator.GreaterThanOrEqual } => 5,
        BinaryExpression { Operator: BinaryOperator.In or BinaryOperator.StartsWith or BinaryOperator.EndsWith or BinaryOperator.Contains
            or BinaryOperator.RegexMatch } or IsNullExpression => 6,
        BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => 7,
        BinaryExpression { Operator: BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo } => 8,
        BinaryExpression { Operator: BinaryOperator.Power } => 9,
        UnaryExpression => 10,
        _ => 11,
    };

    private static string Operand(Expression e, int context) => Precedence(e) < context ? "(" + Write(e) + ")" : Write(e);

    private static string Write(Expression expression)
    {
        switch (expression)
        {
            case IntegerLiteral i: return i.Value.ToString(CultureInfo.InvariantCulture);
            case FloatLiteral f: return ValueFormatter.FormatFloat(f.Value);
            case StringLiteral s: return ValueFormatter.ToCypherLiteral(s.Value);
            case BooleanLiteral b: return b.Value ? "true" : "false";
            case NullLiteral: return "NULL";
            case Parameter p: return "$" + p.Name;
            case Variable v: return Name(v.Name);
            case ListLiteral l: return "[" + string.Join(", ", l.Items.Select(Write)) + "]";
            case MapLiteral m: return "{" + string.Join(", ", m.Entries.Select(e => Name(e.Key) + ": " + Write(e.Value))) + "}";
            case PropertyLookup p: return Operand(p.Subject, 11) + "." + Name(p.PropertyName);
            case IndexExpression i: return Operand(i.Subject, 11) + "[" + Write(i.Index) + "]";
            case SliceExpression s: return Operand(s.Subject, 11) + "[" + (s.From is null ? "" : Write(s.From)) + ".." + (s.To is null ? "" : Write(s.To)) + "]";
            case LabelsPredicate l:
                {
                    var text = new StringBuilder(Operand(l.Subject, 11));
                    foreach (var label in l.Labels) text.Append(':').Append(Name(label));
                    if (l.LabelExpression is { } rest) text.Append(':').Append(LabelExpressionForms.Print(rest));
                    return text.ToString();
                }
            case FunctionInvocation f: return f.FullName + "(" + (f.Distinct ? "DISTINCT " : "") + string.Join(", ", f.Arguments.Select(Write)) + ")";
            case CountStar: return "count(*)";
            case BinaryExpression b:
                {
                    var precedence = Precedence(b);
                    return Operand(b.Left, precedence) + " " + Symbol(b.Operator) + " " + Operand(b.Right, precedence + 1);
                }
            case UnaryExpression u:
                return u.Operator switch
                {
                    UnaryOperator.Not => "NOT " + Operand(u.Operand, 4),
                    UnaryOperator.Negate => "-" + Operand(u.Operand, 10),
                    _ => "+" + Operand(u.Operand, 10),
                };
            case IsNullExpression n: return Operand(n.Operand, 7) + (n.Negated ? " IS NOT NULL" : " IS NULL");
            case CaseExpression c:
                {
                    var text = new StringBuilder("CASE");
                    if (c.Subject is not null) text.Append(' ').Append(Write(c.Subject));
                    foreach (var a in c.Alternatives) text.Append(" WHEN ").Append(Write(a.When)).Append(" THEN ").Append(Write(a.Then));
                    if (c.Default is not null) text.Append(" ELSE ").Append(Write(c.Default));
                    return text.Append(" END").ToString();
                }
            case ListComprehension lc:
                return "[" + Name(lc.Variable.Name) + " IN " + Write(lc.Source) + (lc.Where is null ? "" : " WHERE " + Write(lc.Where))
                       + (lc.Projection is null ? "" : " | " + Write(lc.Projection)) + "]";
            case QuantifierExpression q:
                return q.Quantifier.ToString().ToLowerInvariant() + "(" + Name(q.Variable.Name) + " IN " + Write(q.Source)
                       + (q.Where is null ? "" : " WHERE " + Write(q.Where)) + ")";
            case ReduceExpression r:
                return "reduce(" + Name(r.Accumulator.Name) + " = " + Write(r.Initial) + ", " + Name(r.Variable.Name) + " IN " + Write(r.Source)
                       + " | " + Write(r.Expression) + ")";
            case MapProjection mp:
                return Name(mp.Subject.Name) + "{" + string.Join(", ", mp.Items.Select(item => item switch
                {
                    PropertySelector p => "." + Name(p.PropertyName),
                    AllPropertiesSelector => ".*",
                    LiteralEntry e => Name(e.Key) + ": " + Write(e.Value),
                    VariableSelector v => Name(v.Variable.Name),
                    _ => "?",
                })) + "}";
            case PatternComprehension pc:
                return "[" + WritePart(pc.Pattern) + (pc.Where is null ? "" : " WHERE " + Write(pc.Where)) + " | " + Write(pc.Projection) + "]";
            case PatternExpression pe: return WritePart(pe.Pattern);
            case ExistsSubquery: return "EXISTS { ... }";
            case CountSubquery: return "COUNT { ... }";
            default: return expression.GetType().Name;
        }
    }

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Power => "^",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessThanOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterThanOrEqual => ">=",
        BinaryOperator.And => "AND",
        BinaryOperator.Or => "OR",
        BinaryOperator.Xor => "XOR",
        BinaryOperator.In => "IN",
        BinaryOperator.StartsWith => "STARTS WITH",
        BinaryOperator.EndsWith => "ENDS WITH",
        BinaryOperator.Contains => "CONTAINS",
        _ => "=~",
    };

    private static string WritePart(PatternPart part)
    {
        var text = new StringBuilder();
        if (part.PathVariable is { } path) text.Append(Name(path.Name)).Append(" = ");
        if (part.Selector != PathSelector.All) text.Append(part.Selector == PathSelector.Shortest ? "shortestPath(" : "allShortestPaths(");
        var element = part.Element;
        for (var i = 0; i < element.Nodes.Count; i++)
        {
            WriteNode(text, element.Nodes[i]);
            if (i < element.Relationships.Count) WriteRelationship(text, element.Relationships[i]);
        }
        if (part.Selector != PathSelector.All) text.Append(')');
        return text.ToString();
    }

    private static void WriteNode(StringBuilder text, NodePattern node)
    {
        text.Append('(');
        if (node.Variable is { } v) text.Append(Name(v.Name));
        foreach (var label in node.Labels) text.Append(':').Append(Name(label));
        if (node.LabelExpression is { } rest) text.Append(':').Append(LabelExpressionForms.Print(rest));
        if (node.Properties is { } properties) text.Append(' ').Append(Write(properties));
        text.Append(')');
    }

    private static void WriteRelationship(StringBuilder text, RelationshipPattern rel)
    {
        text.Append(rel.Direction == RelationshipDirection.Incoming ? "<-[" : "-[");
        if (rel.Variable is { } v) text.Append(Name(v.Name));
        if (rel.Types.Count > 0) text.Append(':').Append(string.Join("|", rel.Types.Select(Name)));
        if (rel.TypeExpression is { } expression) text.Append(':').Append(LabelExpressionForms.Print(expression));
        if (rel.Length is { } length)
        {
            text.Append('*');
            if (length.Min is not null || length.Max is not null)
            {
                if (length.Min == length.Max) text.Append(length.Min);
                else text.Append(length.Min).Append("..").Append(length.Max);
            }
        }
        if (rel.Properties is { } properties) text.Append(' ').Append(Write(properties));
        text.Append(rel.Direction == RelationshipDirection.Outgoing ? "]->" : "]-");
    }

    /// <summary>A name as written in Cypher: back-quoted unless it is a plain identifier.</summary>
    public static string Name(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_')
            ? name
            : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
