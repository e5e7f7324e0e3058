using System.Globalization;
using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Errors;

namespace Graph.Engine.Cypher.Parsing;

// Expressions, by precedence from loosest to tightest:
// OR < XOR < AND < NOT < comparison (chains) < STARTS/ENDS WITH, CONTAINS, =~, IN, IS [NOT] NULL
// < + - < * / % < ^ < unary + - < postfix (.prop, [i], [a..b], :Label) < atoms.
internal sealed partial class CypherParser
{
    private Expression ParseExpression()
    {
        using var nesting = Nest();
        return ParseOr();
    }

    private Expression ParseOr()
    {
        var left = ParseXor();
        while (AtKeyword("OR"))
        {
            var position = Advance().Position;
            left = new BinaryExpression(position, BinaryOperator.Or, left, ParseXor());
        }
        return left;
    }

    private Expression ParseXor()
    {
        var left = ParseAnd();
        while (AtKeyword("XOR"))
        {
            var position = Advance().Position;
            left = new BinaryExpression(position, BinaryOperator.Xor, left, ParseAnd());
        }
        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (AtKeyword("AND"))
        {
            var position = Advance().Position;
            left = new BinaryExpression(position, BinaryOperator.And, left, ParseNot());
        }
        return left;
    }

    private Expression ParseNot()
    {
        // Iterative so that NOT NOT NOT ... cannot exhaust the stack.
        var nots = new Stack<InputPosition>();
        while (Current.IsKeyword("NOT"))
        {
            nots.Push(Advance().Position);
            if (nots.Count > MaxNestingDepth) throw TooDeeplyNested();
        }
        var operand = ParseComparison();
        while (nots.Count > 0)
            operand = new UnaryExpression(nots.Pop(), UnaryOperator.Not, operand);
        return operand;
    }

    private BinaryOperator? AtComparisonOperator()
    {
        foreach (var symbol in ComparisonSymbols)
            Expecting(symbol);
        if (Current.Kind != TokenKind.Symbol)
            return null;
        return Current.Value switch
        {
            "=" => BinaryOperator.Equal,
            "<>" or "!=" => BinaryOperator.NotEqual,
            "<" => BinaryOperator.LessThan,
            ">" => BinaryOperator.GreaterThan,
            "<=" => BinaryOperator.LessThanOrEqual,
            ">=" => BinaryOperator.GreaterThanOrEqual,
            _ => null,
        };
    }

    private static readonly string[] ComparisonSymbols = ["'='", "'<>'", "'!='", "'<'", "'>'", "'<='", "'>='"];

    /// <summary><c>a &lt; b &lt;= c</c> becomes <c>(a &lt; b) AND (b &lt;= c)</c>.</summary>
    private Expression ParseComparison()
    {
        var left = ParseStringListNull();
        Expression? result = null;
        while (AtComparisonOperator() is { } op)
        {
            var position = Advance().Position;
            var right = ParseStringListNull();
            var comparison = new BinaryExpression(position, op, left, right);
            result = result is null ? comparison : new BinaryExpression(position, BinaryOperator.And, result, comparison);
            left = right;
        }
        return result ?? left;
    }

    private Expression ParseStringListNull()
    {
        var left = ParseAddSubtract();
        while (true)
        {
            var position = Current.Position;
            if (AtKeywords("STARTS", "WITH"))
            {
                Advance();
                Advance();
                left = new BinaryExpression(position, BinaryOperator.StartsWith, left, ParseAddSubtract());
            }
            else if (AtKeywords("ENDS", "WITH"))
            {
                Advance();
                Advance();
                left = new BinaryExpression(position, BinaryOperator.EndsWith, left, ParseAddSubtract());
            }
            else if (AcceptKeyword("CONTAINS"))
            {
                left = new BinaryExpression(position, BinaryOperator.Contains, left, ParseAddSubtract());
            }
            else if (AcceptSymbol("=~"))
            {
                left = new BinaryExpression(position, BinaryOperator.RegexMatch, left, ParseAddSubtract());
            }
            else if (AcceptKeyword("IN"))
            {
                left = new BinaryExpression(position, BinaryOperator.In, left, ParseAddSubtract());
            }
            else if (AcceptKeyword("IS"))
            {
                var negated = AcceptKeyword("NOT");
                ExpectKeyword("NULL");
                left = new IsNullExpression(position, left, negated);
            }
            else
            {
                return left;
            }
        }
    }

    private Expression ParseAddSubtract()
    {
        var left = ParseMultiplyDivide();
        while (true)
        {
            BinaryOperator op;
            if (AtSymbol("+"))
                op = BinaryOperator.Add;
            else if (AtSymbol("-"))
                op = BinaryOperator.Subtract;
            else
                return left;
            var position = Advance().Position;
            left = new BinaryExpression(position, op, left, ParseMultiplyDivide());
        }
    }

    private Expression ParseMultiplyDivide()
    {
        var left = ParsePower();
        while (true)
        {
            BinaryOperator op;
            if (AtSymbol("*"))
                op = BinaryOperator.Multiply;
            else if (AtSymbol("/"))
                op = BinaryOperator.Divide;
            else if (AtSymbol("%"))
                op = BinaryOperator.Modulo;
            else
                return left;
            var position = Advance().Position;
            left = new BinaryExpression(position, op, left, ParsePower());
        }
    }

    private Expression ParsePower()
    {
        var left = ParseUnary();
        while (AtSymbol("^"))
        {
            var position = Advance().Position;
            left = new BinaryExpression(position, BinaryOperator.Power, left, ParseUnary());
        }
        return left;
    }

    private Expression ParseUnary()
    {
        // Iterative for the same reason as NOT; '-' directly before an integer literal folds into it so that
        // -9223372036854775808 is representable.
        var signs = new Stack<(InputPosition Position, UnaryOperator Operator)>();
        while (Current.IsSymbol("-") || Current.IsSymbol("+"))
        {
            var token = Advance();
            signs.Push((token.Position, token.Value == "-" ? UnaryOperator.Negate : UnaryOperator.Plus));
            if (signs.Count > MaxNestingDepth) throw TooDeeplyNested();
        }
        Expression operand;
        if (signs.Count > 0 && signs.Peek().Operator == UnaryOperator.Negate && Current.Kind is TokenKind.Integer or TokenKind.Float
            && !IsPostfixAfterLiteral())
        {
            var (position, _) = signs.Pop();
            var token = Advance();
            operand = token.Kind == TokenKind.Integer
                ? new IntegerLiteral(position, ParseIntegerValue(token, negative: true))
                : new FloatLiteral(position, -ParseFloatValue(token));
        }
        else
        {
            operand = ParsePostfix();
        }
        while (signs.Count > 0)
        {
            var (position, op) = signs.Pop();
            operand = new UnaryExpression(position, op, operand);
        }
        return operand;
    }

    /// <summary>True when the number after a '-' is followed by '.', '[' or ':' (then it is not a plain literal).</summary>
    private bool IsPostfixAfterLiteral() => Peek(1).IsSymbol("[") || Peek(1).IsSymbol(".");

    private Expression ParsePostfix()
    {
        var expression = ParseAtom();
        while (true)
        {
            if (AtSymbol("."))
            {
                var position = Advance().Position;
                expression = new PropertyLookup(position, expression, ExpectName("a property key name"));
            }
            else if (AtSymbol("["))
            {
                var position = Advance().Position;
                using var nesting = Nest();
                Expression? from = AtSymbol("..") ? null : ParseExpression();
                if (AcceptSymbol(".."))
                {
                    var to = AtSymbol("]") ? null : ParseExpression();
                    ExpectSymbol("]");
                    expression = new SliceExpression(position, expression, from, to);
                }
                else
                {
                    ExpectSymbol("]");
                    expression = new IndexExpression(position, expression, from!);
                }
            }
            else if (AtSymbol(":"))
            {
                var position = Current.Position;
                var (labels, rest) = ParseNodeLabels(barAllowed: _depth != _barEndsExpressionAtDepth);
                expression = new LabelsPredicate(position, expression, labels) { LabelExpression = rest };
            }
            else
            {
                return expression;
            }
        }
    }

    private Expression ParseAtom()
    {
        Expecting("an expression");
        var token = Current;
        var position = token.Position;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                return new IntegerLiteral(position, ParseIntegerValue(token, negative: false));
            case TokenKind.Float:
                Advance();
                return new FloatLiteral(position, ParseFloatValue(token));
            case TokenKind.InvalidNumber:
                throw ErrorAt(position, $"Invalid input '{token.Value}': not a valid number literal", "InvalidNumberLiteral");
            case TokenKind.String:
                Advance();
                return new StringLiteral(position, token.Value);
            case TokenKind.Symbol:
                return token.Value switch
                {
                    "$" => ParseParameter(),
                    "[" => ParseListLike(),
                    "{" => ParseMapLiteral(),
                    "(" => ParseParenthesizedOrPattern(),
                    _ => throw Unexpected(),
                };
            case TokenKind.EscapedIdentifier:
                return ParseNameStartedAtom();
            case TokenKind.Identifier:
                if (token.IsKeyword("TRUE"))
                {
                    Advance();
                    return new BooleanLiteral(position, true);
                }
                if (token.IsKeyword("FALSE"))
                {
                    Advance();
                    return new BooleanLiteral(position, false);
                }
                if (token.IsKeyword("NULL"))
                {
                    Advance();
                    return new NullLiteral(position);
                }
                if (token.IsKeyword("CASE"))
                    return ParseCase();
                if (ReservedWords.Contains(token.Value))
                    throw Unexpected();
                return ParseNameStartedAtom();
            default:
                throw Unexpected();
        }
    }

    private double ParseFloatValue(Token token) =>
        double.Parse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture) is var value && double.IsInfinity(value)
            ? throw ErrorAt(token.Position, $"floating point number is too large: '{token.Value}'", "FloatingPointOverflow")
            : value;

    private Parameter ParseParameter()
    {
        var position = ExpectSymbol("$").Position;
        Expecting("a parameter name");
        if (Current.Kind == TokenKind.Integer || Current.IsName)
            return new Parameter(position, Advance().Value);
        throw Unexpected();
    }

    /// <summary>Atoms that start with a name: special forms, function calls, variables, map projections.</summary>
    private Expression ParseNameStartedAtom()
    {
        var token = Current;
        var position = token.Position;
        var isPlain = token.Kind == TokenKind.Identifier;
        var next = Peek(1);

        if (isPlain && next.IsSymbol("("))
        {
            if (token.IsKeyword("count") && Peek(2).IsSymbol("*") && Peek(3).IsSymbol(")"))
            {
                Advance();
                Advance();
                Advance();
                Advance();
                return new CountStar(position);
            }
            if (QuantifierOf(token) is { } quantifier && Peek(2).IsName && Peek(3).IsKeyword("IN"))
                return ParseQuantifier(quantifier);
            if (token.IsKeyword("reduce") && Peek(2).IsName && Peek(3).IsSymbol("="))
                return ParseReduce();
            if (token.IsKeyword("shortestPath") || token.IsKeyword("allShortestPaths"))
            {
                var part = TryParseShortestPath()!;
                return new PatternExpression(position, part);
            }
        }
        if (isPlain && next.IsSymbol("{"))
        {
            if (token.IsKeyword("EXISTS"))
                return new ExistsSubquery(position, ParseSubqueryBody());
            if (token.IsKeyword("COUNT"))
                return new CountSubquery(position, ParseSubqueryBody());
        }
        if (IsFunctionCallAhead())
            return ParseFunctionCall();

        var variable = ExpectVariable();
        if (AtSymbol("{"))
            return ParseMapProjection(variable);
        return variable;
    }

    private static Quantifier? QuantifierOf(Token token) =>
        token.IsKeyword("all") ? Quantifier.All
        : token.IsKeyword("any") ? Quantifier.Any
        : token.IsKeyword("none") ? Quantifier.None
        : token.IsKeyword("single") ? Quantifier.Single
        : null;

    /// <summary>name(.name)* followed by '('.</summary>
    private bool IsFunctionCallAhead()
    {
        var ahead = 0;
        while (true)
        {
            if (!Peek(ahead).IsName)
                return false;
            var after = Peek(ahead + 1);
            if (after.IsSymbol("("))
                return true;
            if (!after.IsSymbol("."))
                return false;
            ahead += 2;
        }
    }

    private FunctionInvocation ParseFunctionCall()
    {
        using var nesting = Nest();
        var position = Current.Position;
        var names = new List<string> { Advance().Value };
        while (AcceptSymbol("."))
            names.Add(ExpectName("a function name"));
        ExpectSymbol("(");
        var distinct = AcceptKeyword("DISTINCT");
        var arguments = new List<Expression>();
        if (!AtSymbol(")"))
            arguments.AddRange(ParseExpressionList());
        ExpectSymbol(")");
        return new FunctionInvocation(position, names.Take(names.Count - 1).ToList(), names[^1], distinct, arguments);
    }

    private QuantifierExpression ParseQuantifier(Quantifier quantifier)
    {
        using var nesting = Nest();
        var position = Advance().Position;
        ExpectSymbol("(");
        var variable = ExpectVariable();
        ExpectKeyword("IN");
        var source = ParseExpression();
        var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
        ExpectSymbol(")");
        return new QuantifierExpression(position, quantifier, variable, source, where);
    }

    private ReduceExpression ParseReduce()
    {
        using var nesting = Nest();
        var position = Advance().Position;
        ExpectSymbol("(");
        var accumulator = ExpectVariable();
        ExpectSymbol("=");
        var initial = ParseExpression();
        ExpectSymbol(",");
        var variable = ExpectVariable();
        ExpectKeyword("IN");
        var source = ParseExpressionBeforeBar();
        ExpectSymbol("|");
        var expression = ParseExpression();
        ExpectSymbol(")");
        return new ReduceExpression(position, accumulator, initial, variable, source, expression);
    }

    /// <summary>
    /// The braces of EXISTS { ... } / COUNT { ... }: either a full query (starting with a clause keyword) or a
    /// pattern with an optional WHERE, which becomes a single MATCH clause.
    /// </summary>
    private Query ParseSubqueryBody()
    {
        using var nesting = Nest();
        Advance(); // EXISTS / COUNT
        ExpectSymbol("{");
        Query query;
        if (AtSymbol("(") || (AtVariable() && Peek(1).IsSymbol("=")))
        {
            var position = Current.Position;
            var pattern = ParsePattern();
            var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
            query = new SingleQuery(position, [new MatchClause(position, false, pattern, where)]);
        }
        else
        {
            query = ParseQuery();
        }
        ExpectSymbol("}");
        return query;
    }

    private MapProjection ParseMapProjection(Variable subject)
    {
        using var nesting = Nest();
        ExpectSymbol("{");
        var items = new List<MapProjectionItem>();
        if (!AtSymbol("}"))
        {
            do
            {
                var position = Current.Position;
                if (AcceptSymbol("."))
                {
                    if (AcceptSymbol("*"))
                        items.Add(new AllPropertiesSelector(position));
                    else
                        items.Add(new PropertySelector(position, ExpectName("a property key name")));
                }
                else if (Current.IsName && Peek(1).IsSymbol(":"))
                {
                    var key = Advance().Value;
                    Advance();
                    items.Add(new LiteralEntry(position, key, ParseExpression()));
                }
                else
                {
                    items.Add(new VariableSelector(position, ExpectVariable()));
                }
            } while (AcceptSymbol(","));
        }
        ExpectSymbol("}");
        return new MapProjection(subject.Position, subject, items);
    }

    private MapLiteral ParseMapLiteral()
    {
        using var nesting = Nest();
        var position = ExpectSymbol("{").Position;
        var entries = new List<MapEntry>();
        if (!AtSymbol("}"))
        {
            do
            {
                var entryPosition = Current.Position;
                var key = ExpectName("a property key name");
                ExpectSymbol(":");
                entries.Add(new MapEntry(entryPosition, key, ParseExpression()));
            } while (AcceptSymbol(","));
        }
        ExpectSymbol("}");
        return new MapLiteral(position, entries);
    }

    /// <summary>'[' starts a list literal, a list comprehension or a pattern comprehension.</summary>
    private Expression ParseListLike()
    {
        using var nesting = Nest();
        var position = Current.Position;
        // [x IN list WHERE .. | ..]
        if (Peek(1).IsName && Peek(2).IsKeyword("IN"))
        {
            Advance();
            var variable = ExpectVariable();
            ExpectKeyword("IN");
            var source = ParseExpressionBeforeBar();
            var where = AcceptKeyword("WHERE") ? ParseExpressionBeforeBar() : null;
            var projection = AcceptSymbol("|") ? ParseExpression() : null;
            ExpectSymbol("]");
            return new ListComprehension(position, variable, source, where, projection);
        }
        // [p = (a)-->(b) ...] or [(a)-->(b) ...]
        if ((Peek(1).IsName && Peek(2).IsSymbol("=") && Peek(3).IsSymbol("(")) || (Peek(1).IsSymbol("(") && LooksLikeRelationshipPatternAt(_index + 1)))
        {
            var comprehension = TryParse(ParsePatternComprehension);
            if (comprehension is not null)
                return comprehension;
        }
        ExpectSymbol("[");
        var items = new List<Expression>();
        if (!AtSymbol("]"))
            items.AddRange(ParseExpressionList());
        ExpectSymbol("]");
        return new ListLiteral(position, items);
    }

    private PatternComprehension ParsePatternComprehension()
    {
        var position = ExpectSymbol("[").Position;
        var partPosition = Current.Position;
        Variable? pathVariable = null;
        if (AtVariable() && Peek(1).IsSymbol("="))
        {
            pathVariable = ExpectVariable();
            Advance();
        }
        var element = ParsePatternElement();
        var part = new PatternPart(partPosition, pathVariable, PathSelector.All, element);
        var where = AcceptKeyword("WHERE") ? ParseExpressionBeforeBar() : null;
        ExpectSymbol("|");
        var projection = ParseExpression();
        ExpectSymbol("]");
        return new PatternComprehension(position, part, where, projection);
    }

    /// <summary>'(' starts a relationship pattern used as an expression, or a parenthesized expression.</summary>
    private Expression ParseParenthesizedOrPattern()
    {
        using var nesting = Nest();
        var pattern = !LooksLikeRelationshipPatternAt(_index) ? null : TryParse(() =>
        {
            var position = Current.Position;
            var element = ParsePatternElement();
            // A lone node pattern "(n)" is a parenthesized expression, not a pattern.
            if (element.Relationships.Count == 0)
                throw Unexpected();
            return new PatternExpression(position, new PatternPart(position, null, PathSelector.All, element));
        });
        if (pattern is not null)
            return pattern;
        ExpectSymbol("(");
        var inner = ParseExpression();
        ExpectSymbol(")");
        return inner;
    }

    /// <summary>
    /// Cheap pre-check before trying to parse a pattern at '(' (token <paramref name="index"/>): after the
    /// matching ')' must come a relationship (-[, --, -&gt;, &lt;-). Saves a failed speculative parse for every
    /// parenthesized expression.
    /// </summary>
    private bool LooksLikeRelationshipPatternAt(int index)
    {
        var depth = 0;
        for (var i = index; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            if (token.Kind == TokenKind.EndOfInput)
                return false;
            if (token.IsSymbol("("))
            {
                depth++;
            }
            else if (token.IsSymbol(")") && --depth == 0)
            {
                var next = _tokens[Math.Min(i + 1, _tokens.Count - 1)];
                var after = _tokens[Math.Min(i + 2, _tokens.Count - 1)];
                return (next.IsSymbol("-") && (after.IsSymbol("-") || after.IsSymbol("[") || after.IsSymbol(">")))
                    || (next.IsSymbol("<") && after.IsSymbol("-"));
            }
        }
        return false;
    }

    /// <summary>Runs <paramref name="parse"/>; on a syntax error rewinds and returns null.</summary>
    private T? TryParse<T>(Func<T> parse) where T : class
    {
        var saved = _index;
        var savedDepth = _depth;
        try
        {
            return parse();
        }
        catch (ClientException error) when (error.Detail == "UnexpectedSyntax" && error is not NestingTooDeepException)
        {
            _index = saved;
            _depth = savedDepth;
            return null;
        }
    }

    private CaseExpression ParseCase()
    {
        using var nesting = Nest();
        var position = ExpectKeyword("CASE").Position;
        var subject = AtKeyword("WHEN") ? null : ParseExpression();
        var alternatives = new List<CaseAlternative>();
        while (AtKeyword("WHEN"))
        {
            var whenPosition = Advance().Position;
            var when = ParseExpression();
            ExpectKeyword("THEN");
            alternatives.Add(new CaseAlternative(whenPosition, when, ParseExpression()));
        }
        if (alternatives.Count == 0)
            throw Unexpected();
        var otherwise = AcceptKeyword("ELSE") ? ParseExpression() : null;
        ExpectKeyword("END");
        return new CaseExpression(position, subject, alternatives, otherwise);
    }
}
