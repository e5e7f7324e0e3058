using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Parsing;

// Label expressions (Neo4j 5): (n:A|B), (n:A&!B), (n:%), (n:(A|B)&C), [r:R|S], [r:!R], WHERE n:A|B.
internal sealed partial class CypherParser
{
    /// <summary>
    /// The nesting depth at which a top-level '|' ends the expression being parsed instead of continuing a label
    /// expression: in <c>[x IN list WHERE x:A | x.name]</c> the bar starts the projection. Inside parentheses the bar is
    /// a label disjunction again (<c>x:(A|B)</c>).
    /// </summary>
    private int _barEndsExpressionAtDepth = int.MinValue;

    /// <summary>Parses an expression after which a '|' follows (list comprehension, FOREACH, reduce).</summary>
    private Expression ParseExpressionBeforeBar()
    {
        var saved = _barEndsExpressionAtDepth;
        _barEndsExpressionAtDepth = _depth + 1; // ParseExpression nests one level
        try
        {
            return ParseExpression();
        }
        finally
        {
            _barEndsExpressionAtDepth = saved;
        }
    }

    /// <summary>The labels of a node pattern or a label predicate: plain required labels, plus the rest of a label expression.</summary>
    private (List<string> Labels, LabelExpression? Remainder) ParseNodeLabels(bool barAllowed)
    {
        var expression = ParseLabelExpression(relationship: false, barAllowed);
        return LabelExpressionForms.SplitConjunction(expression);
    }

    /// <summary>
    /// ':' and a label expression. Neo4j 4's colon conjunction (<c>:A:B</c>, or <c>:A|:B</c> for relationship types)
    /// cannot be mixed with the GQL symbols |, &amp;, ! and % in one node expression.
    /// </summary>
    private LabelExpression ParseLabelExpression(bool relationship, bool barAllowed)
    {
        var start = ExpectSymbol(":").Position;
        var symbols = new LabelSymbols();
        var expression = ParseLabelOr(relationship, barAllowed, symbols);
        if (symbols.Colon && symbols.Gql)
            throw ErrorAt(start, "Mixing label expression symbols ('|', '&', '!', and '%') with colon (':') is not allowed. Use one set of symbols, e.g. :A&B instead of :A:B", "InvalidLabelExpression");
        return expression;
    }

    private sealed class LabelSymbols
    {
        public bool Colon;
        public bool Gql;
    }

    private LabelExpression ParseLabelOr(bool relationship, bool barAllowed, LabelSymbols symbols)
    {
        var left = ParseLabelAnd(relationship, symbols);
        while (barAllowed && AtSymbol("|"))
        {
            var position = Advance().Position;
            if (relationship)
            {
                if (AcceptSymbol(":")) symbols.Colon = true; // [:A|:B], Neo4j 4's form
            }
            else
            {
                symbols.Gql = true;
            }
            left = new LabelOr(position, left, ParseLabelAnd(relationship, symbols));
        }
        return left;
    }

    private LabelExpression ParseLabelAnd(bool relationship, LabelSymbols symbols)
    {
        var left = ParseLabelNot(relationship, symbols);
        while (AtSymbol("&") || (!relationship && AtSymbol(":")))
        {
            var token = Advance();
            if (token.Value == ":") symbols.Colon = true;
            else symbols.Gql = true;
            left = new LabelAnd(token.Position, left, ParseLabelNot(relationship, symbols));
        }
        return left;
    }

    private LabelExpression ParseLabelNot(bool relationship, LabelSymbols symbols)
    {
        if (!AtSymbol("!"))
            return ParseLabelAtom(relationship, symbols);
        var position = Advance().Position;
        symbols.Gql = true;
        using var nesting = Nest();
        return new LabelNot(position, ParseLabelNot(relationship, symbols));
    }

    private LabelExpression ParseLabelAtom(bool relationship, LabelSymbols symbols)
    {
        var position = Current.Position;
        if (AcceptSymbol("%"))
        {
            symbols.Gql = true;
            return new LabelWildcard(position);
        }
        if (AcceptSymbol("("))
        {
            symbols.Gql = true;
            using var nesting = Nest();
            var inner = ParseLabelOr(relationship, barAllowed: true, symbols);
            ExpectSymbol(")");
            return inner;
        }
        return new LabelName(position, ExpectName(relationship ? "a relationship type name" : "a label name"));
    }
}
