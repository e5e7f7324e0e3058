using System.Globalization;
using Graph.Client;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Parsing;

// Patterns: (a:L {p: 1})-[r:T*1..3]->(b), p = shortestPath(...).
internal sealed partial class CypherParser
{
    private Pattern ParsePattern()
    {
        var position = Current.Position;
        var parts = new List<PatternPart>();
        do parts.Add(ParsePatternPart());
        while (AcceptSymbol(","));
        return new Pattern(position, parts);
    }

    private PatternPart ParsePatternPart()
    {
        var position = Current.Position;
        Variable? pathVariable = null;
        if (AtVariable() && Peek(1).IsSymbol("="))
        {
            pathVariable = ExpectVariable();
            Advance();
        }
        if (TryParseShortestPath() is { } shortest)
            return shortest with { Position = position, PathVariable = pathVariable };
        return new PatternPart(position, pathVariable, PathSelector.All, ParsePatternElement());
    }

    /// <summary><c>shortestPath(element)</c> or <c>allShortestPaths(element)</c>, or null when not there.</summary>
    private PatternPart? TryParseShortestPath()
    {
        var selector = Current.IsKeyword("shortestPath") ? PathSelector.Shortest
            : Current.IsKeyword("allShortestPaths") ? PathSelector.AllShortest
            : (PathSelector?)null;
        if (selector is null || !Peek(1).IsSymbol("("))
            return null;
        var position = Advance().Position;
        Advance();
        var element = ParsePatternElement();
        ExpectSymbol(")");
        return new PatternPart(position, null, selector.Value, element);
    }

    private PatternElement ParsePatternElement()
    {
        using var nesting = Nest();
        // A parenthesized element: ((a)-->(b)).
        if (Current.IsSymbol("(") && Peek(1).IsSymbol("("))
        {
            Advance();
            var inner = ParsePatternElement();
            ExpectSymbol(")");
            return inner;
        }
        var position = Current.Position;
        var nodes = new List<NodePattern> { ParseNodePattern() };
        var relationships = new List<RelationshipPattern>();
        while (AtRelationshipStart())
        {
            relationships.Add(ParseRelationshipPattern());
            nodes.Add(ParseNodePattern());
        }
        return new PatternElement(position, nodes, relationships);
    }

    private bool AtRelationshipStart()
    {
        Expecting("a relationship pattern");
        return Current.IsSymbol("-") || (Current.IsSymbol("<") && Peek(1).IsSymbol("-"));
    }

    private NodePattern ParseNodePattern()
    {
        var position = ExpectSymbol("(").Position;
        var variable = AtVariable() ? ExpectVariable() : null;
        var (labels, rest) = AtSymbol(":") ? ParseNodeLabels(barAllowed: true) : ([], null);
        var properties = ParseOptionalProperties();
        ExpectSymbol(")");
        return new NodePattern(position, variable, labels, properties) { LabelExpression = rest };
    }

    /// <summary><c>:A:B</c> (also accepts <c>:A&amp;B</c>).</summary>
    private List<string> ParseLabels()
    {
        var labels = new List<string>();
        ExpectSymbol(":");
        labels.Add(ExpectName("a label name"));
        while (AtSymbol(":") || AtSymbol("&"))
        {
            Advance();
            labels.Add(ExpectName("a label name"));
        }
        return labels;
    }

    private Expression? ParseOptionalProperties()
    {
        if (AtSymbol("{"))
            return ParseMapLiteral();
        if (AtSymbol("$"))
            return ParseParameter();
        return null;
    }

    private RelationshipPattern ParseRelationshipPattern()
    {
        var position = Current.Position;
        var leftArrow = false;
        if (Current.IsSymbol("<"))
        {
            Advance();
            leftArrow = true;
        }
        ExpectSymbol("-");
        Variable? variable = null;
        var types = new List<string>();
        LabelExpression? typeExpression = null;
        Expression? properties = null;
        VariableLength? length = null;
        if (AcceptSymbol("["))
        {
            if (AtVariable())
                variable = ExpectVariable();
            if (AtSymbol(":"))
            {
                var expression = ParseLabelExpression(relationship: true, barAllowed: true);
                if (LabelExpressionForms.Disjunction(expression) is { } names)
                    types.AddRange(names);
                else
                    typeExpression = expression;
            }
            if (AtSymbol("*"))
                length = ParseVariableLength();
            else if (Current.IsSymbol(".."))
                throw ErrorAt(Current.Position, $"Invalid input '..': variable length relationships must start with '*' (e.g. [:{(types.Count > 0 ? types[0] : "TYPE")}*1..3])", "InvalidRelationshipPattern");
            properties = ParseOptionalProperties();
            ExpectSymbol("]");
        }
        ExpectSymbol("-");
        var rightArrow = AcceptSymbol(">");
        var direction = leftArrow == rightArrow ? RelationshipDirection.Both
            : leftArrow ? RelationshipDirection.Incoming
            : RelationshipDirection.Outgoing;
        return new RelationshipPattern(position, variable, types, properties, direction, length) { TypeExpression = typeExpression };
    }

    /// <summary><c>*</c>, <c>*2</c>, <c>*1..3</c>, <c>*..3</c>, <c>*2..</c>.</summary>
    private VariableLength ParseVariableLength()
    {
        var position = ExpectSymbol("*").Position;
        if (Current.IsSymbol("-"))
            throw ErrorAt(Current.Position, "Invalid input '-': the bounds of a variable length relationship must be non-negative integers", "InvalidRelationshipPattern");
        var min = TryParseLengthBound();
        if (!AcceptSymbol(".."))
            return new VariableLength(position, min, min);
        if (Current.IsSymbol("-"))
            throw ErrorAt(Current.Position, "Invalid input '-': the bounds of a variable length relationship must be non-negative integers", "InvalidRelationshipPattern");
        var max = TryParseLengthBound();
        return new VariableLength(position, min, max);
    }

    private long? TryParseLengthBound()
    {
        Expecting("an integer");
        if (Current.Kind != TokenKind.Integer)
            return null;
        var token = Advance();
        return ParseIntegerValue(token, negative: false);
    }

    /// <summary>Decimal, hex (0x) or octal (0o) integer text to a long; overflow is a SyntaxError (IntegerOverflow).</summary>
    private long ParseIntegerValue(Token token, bool negative)
    {
        var text = token.Value;
        System.Numerics.BigInteger value;
        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X')
        {
            value = System.Numerics.BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        else if (text.Length > 2 && text[0] == '0' && text[1] is 'o' or 'O')
        {
            value = 0;
            foreach (var c in text[2..])
                value = value * 8 + (c - '0');
        }
        else
        {
            value = System.Numerics.BigInteger.Parse(text, CultureInfo.InvariantCulture);
        }
        if (negative)
            value = -value;
        if (value > long.MaxValue || value < long.MinValue)
        {
            var shown = negative ? "-" + text : text;
            throw ErrorAt(token.Position, $"integer is too large: '{shown}' does not fit in a 64-bit signed integer", "IntegerOverflow");
        }
        return (long)value;
    }
}
