namespace Graph.Engine.Cypher.Ast;

/// <summary>Shapes of label expressions the planner and the pattern AST treat specially.</summary>
internal static class LabelExpressionForms
{
    /// <summary>
    /// Splits an expression into the plain labels it requires (top-level conjuncts that are names) and what remains
    /// (null when the expression is just a conjunction of names, as <c>:A:B</c> or <c>:A&amp;B</c>).
    /// </summary>
    public static (List<string> Required, LabelExpression? Remainder) SplitConjunction(LabelExpression expression)
    {
        var required = new List<string>();
        LabelExpression? rest = null;
        foreach (var conjunct in Conjuncts(expression))
        {
            if (conjunct is LabelName name)
            {
                if (!required.Contains(name.Name)) required.Add(name.Name);
            }
            else
            {
                rest = rest is null ? conjunct : new LabelAnd(rest.Position, rest, conjunct);
            }
        }
        return (required, rest);
    }

    /// <summary>The names of <c>A|B|C</c>, or null when the expression is anything else.</summary>
    public static List<string>? Disjunction(LabelExpression expression)
    {
        var names = new List<string>();
        var stack = new Stack<LabelExpression>();
        stack.Push(expression);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case LabelName name:
                    if (!names.Contains(name.Name)) names.Add(name.Name);
                    break;
                case LabelOr or:
                    stack.Push(or.Right);
                    stack.Push(or.Left);
                    break;
                default:
                    return null;
            }
        }
        return names;
    }

    public static IEnumerable<LabelExpression> Conjuncts(LabelExpression expression)
    {
        if (expression is LabelAnd and)
        {
            foreach (var c in Conjuncts(and.Left)) yield return c;
            foreach (var c in Conjuncts(and.Right)) yield return c;
        }
        else
        {
            yield return expression;
        }
    }

    /// <summary>True when the expression holds for an entity with these labels (a relationship: its one type).</summary>
    public static bool Matches(LabelExpression expression, Func<string, bool> has, bool hasAny) => expression switch
    {
        LabelName name => has(name.Name),
        LabelWildcard => hasAny,
        LabelNot not => !Matches(not.Operand, has, hasAny),
        LabelAnd and => Matches(and.Left, has, hasAny) && Matches(and.Right, has, hasAny),
        LabelOr or => Matches(or.Left, has, hasAny) || Matches(or.Right, has, hasAny),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown label expression"),
    };

    /// <summary>Every name the expression mentions.</summary>
    public static IEnumerable<string> Names(LabelExpression expression) => expression switch
    {
        LabelName name => [name.Name],
        LabelNot not => Names(not.Operand),
        LabelAnd and => Names(and.Left).Concat(Names(and.Right)),
        LabelOr or => Names(or.Left).Concat(Names(or.Right)),
        _ => [],
    };

    /// <summary>Cypher text: <c>A|B</c>, <c>!(A&amp;B)</c>, <c>%</c> (parenthesized where precedence needs it).</summary>
    public static string Print(LabelExpression expression) => expression switch
    {
        LabelName name => Escape(name.Name),
        LabelWildcard => "%",
        LabelNot not => "!" + Operand(not.Operand, 3),
        LabelAnd and => Operand(and.Left, 2) + "&" + Operand(and.Right, 2),
        LabelOr or => Operand(or.Left, 1) + "|" + Operand(or.Right, 1),
        _ => "?",
    };

    private static string Operand(LabelExpression expression, int context)
    {
        var precedence = expression switch { LabelOr => 1, LabelAnd => 2, _ => 3 };
        var text = Print(expression);
        return precedence < context ? "(" + text + ")" : text;
    }

    private static string Escape(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c == '_') && name.Length > 0 && !char.IsDigit(name[0]) ? name : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
