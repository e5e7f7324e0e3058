using Graph.Client;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Parsing;

// Statements, queries and clauses.
internal sealed partial class CypherParser
{
    private Statement ParseStatementToEnd()
    {
        var mode = ExecutionMode.Normal;
        if (AcceptKeyword("EXPLAIN"))
            mode = ExecutionMode.Explain;
        else if (AcceptKeyword("PROFILE"))
            mode = ExecutionMode.Profile;
        var statement = (AtSchemaCommand() ? ParseSchemaCommand() : ParseQuery()) with { Mode = mode };
        AcceptSymbol(";");
        Expecting("end of input");
        if (Current.Kind != TokenKind.EndOfInput)
            throw Unexpected();
        return statement;
    }

    private Query ParseQuery()
    {
        using var nesting = Nest();
        Query query = ParseSingleQuery();
        while (AtKeyword("UNION"))
        {
            var unionPosition = Advance().Position;
            var all = AcceptKeyword("ALL");
            var right = ParseSingleQuery();
            query = new UnionQuery(unionPosition, query, right, all);
        }
        return query;
    }

    private SingleQuery ParseSingleQuery()
    {
        var start = Current.Position;
        var clauses = new List<Clause>();
        while (TryParseClause() is { } clause)
            clauses.Add(clause);
        if (clauses.Count == 0)
            throw Unexpected();
        return new SingleQuery(start, clauses);
    }

    private Clause? TryParseClause()
    {
        var position = Current.Position;
        if (AtKeyword("MATCH"))
        {
            Advance();
            return ParseMatch(position, optional: false);
        }
        if (AtKeywords("OPTIONAL", "MATCH"))
        {
            Advance();
            Advance();
            return ParseMatch(position, optional: true);
        }
        if (AcceptKeyword("UNWIND"))
        {
            var expression = ParseExpression();
            ExpectKeyword("AS");
            return new UnwindClause(position, expression, ExpectVariable());
        }
        if (AcceptKeyword("WITH"))
        {
            var body = ParseProjectionBody(position);
            var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
            return new WithClause(position, body, where);
        }
        if (AcceptKeyword("RETURN"))
            return new ReturnClause(position, ParseProjectionBody(position));
        if (AcceptKeyword("CREATE"))
            return new CreateClause(position, ParsePattern());
        if (AcceptKeyword("MERGE"))
            return ParseMerge(position);
        if (AcceptKeyword("SET"))
            return new SetClause(position, ParseSetItems());
        if (AcceptKeyword("REMOVE"))
            return ParseRemove(position);
        if (AcceptKeyword("DELETE"))
            return new DeleteClause(position, false, ParseExpressionList());
        if (AtKeywords("DETACH", "DELETE"))
        {
            Advance();
            Advance();
            return new DeleteClause(position, true, ParseExpressionList());
        }
        if (AcceptKeyword("FOREACH"))
            return ParseForeach(position);
        if (AcceptKeyword("CALL"))
            return AtSymbol("{") ? ParseCallSubquery(position) : ParseCall(position);
        return null;
    }

    private MatchClause ParseMatch(InputPosition position, bool optional)
    {
        var pattern = ParsePattern();
        SkipHints();
        var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
        return new MatchClause(position, optional, pattern, where);
    }

    /// <summary>Planner hints (USING INDEX n:L(p), USING SCAN ..., USING JOIN ON ...) are accepted and ignored.</summary>
    private void SkipHints()
    {
        while (AtKeyword("USING"))
        {
            Advance();
            if (AcceptKeyword("JOIN"))
            {
                ExpectKeyword("ON");
                ParseExpressionList();
                continue;
            }
            AcceptKeyword("INDEX");
            AcceptKeyword("SEEK");
            AcceptKeyword("SCAN");
            ExpectVariable();
            ExpectSymbol(":");
            ExpectName("a label");
            if (AcceptSymbol("("))
            {
                do ExpectName("a property key");
                while (AcceptSymbol(","));
                ExpectSymbol(")");
            }
        }
    }

    private ProjectionBody ParseProjectionBody(InputPosition position)
    {
        var distinct = AcceptKeyword("DISTINCT");
        var includeExisting = false;
        var items = new List<ProjectionItem>();
        if (AcceptSymbol("*"))
        {
            includeExisting = true;
            if (AcceptSymbol(","))
                items.AddRange(ParseProjectionItems());
        }
        else
        {
            items.AddRange(ParseProjectionItems());
        }
        var orderBy = new List<SortItem>();
        if (AtKeywords("ORDER", "BY"))
        {
            Advance();
            Advance();
            do
            {
                var sortPosition = Current.Position;
                var expression = ParseExpression();
                var descending = false;
                if (AcceptKeyword("DESC") || AcceptKeyword("DESCENDING"))
                    descending = true;
                else if (!AcceptKeyword("ASC"))
                    AcceptKeyword("ASCENDING");
                orderBy.Add(new SortItem(sortPosition, expression, descending));
            } while (AcceptSymbol(","));
        }
        var skip = AcceptKeyword("SKIP") || AcceptKeyword("OFFSET") ? ParseExpression() : null;
        var limit = AcceptKeyword("LIMIT") ? ParseExpression() : null;
        return new ProjectionBody(position, distinct, includeExisting, items, orderBy, skip, limit);
    }

    private List<ProjectionItem> ParseProjectionItems()
    {
        var items = new List<ProjectionItem>();
        do
        {
            var start = Current.Position;
            var expression = ParseExpression();
            // A bare variable is named by its name (`n` is column n); anything else by its source text.
            var text = expression is Variable variable ? variable.Name : TextFrom(start);
            var alias = AcceptKeyword("AS") ? ExpectAlias() : null;
            items.Add(new ProjectionItem(start, expression, alias, text));
        } while (AcceptSymbol(","));
        return items;
    }

    private MergeClause ParseMerge(InputPosition position)
    {
        var part = ParsePatternPart();
        var actions = new List<MergeAction>();
        while (AtKeyword("ON"))
        {
            var actionPosition = Advance().Position;
            bool onCreate;
            if (AcceptKeyword("CREATE"))
                onCreate = true;
            else if (AcceptKeyword("MATCH"))
                onCreate = false;
            else
                throw Unexpected();
            ExpectKeyword("SET");
            actions.Add(new MergeAction(actionPosition, onCreate, ParseSetItems()));
        }
        return new MergeClause(position, part, actions);
    }

    private List<SetItem> ParseSetItems()
    {
        var items = new List<SetItem>();
        do
        {
            var position = Current.Position;
            if (AtSymbol("("))
            {
                // SET (n).prop = value
                var subject = ParseParenthesizedOrPattern();
                var chain = ParsePropertyChain(subject);
                ExpectSymbol("=");
                items.Add(new SetPropertyItem(position, chain, ParseExpression()));
                continue;
            }
            var variable = ExpectVariable();
            if (AtSymbol("."))
            {
                var property = ParsePropertyChain(variable);
                ExpectSymbol("=");
                items.Add(new SetPropertyItem(position, property, ParseExpression()));
            }
            else if (AcceptSymbol("="))
            {
                items.Add(new SetPropertiesItem(position, variable, ParseExpression(), Merge: false));
            }
            else if (AcceptSymbol("+="))
            {
                items.Add(new SetPropertiesItem(position, variable, ParseExpression(), Merge: true));
            }
            else if (AtSymbol(":"))
            {
                items.Add(new SetLabelsItem(position, variable, ParseLabels()));
            }
            else
            {
                throw Unexpected();
            }
        } while (AcceptSymbol(","));
        return items;
    }

    /// <summary><c>subject.a.b</c>: at least one property lookup.</summary>
    private PropertyLookup ParsePropertyChain(Expression subject)
    {
        Expression current = subject;
        do
        {
            var dot = ExpectSymbol(".");
            current = new PropertyLookup(dot.Position, current, ExpectName("a property key"));
        } while (AtSymbol("."));
        return (PropertyLookup)current;
    }

    private RemoveClause ParseRemove(InputPosition position)
    {
        var items = new List<RemoveItem>();
        do
        {
            var itemPosition = Current.Position;
            var variable = ExpectVariable();
            if (AtSymbol("."))
                items.Add(new RemovePropertyItem(itemPosition, ParsePropertyChain(variable)));
            else if (AtSymbol(":"))
                items.Add(new RemoveLabelsItem(itemPosition, variable, ParseLabels()));
            else
                throw Unexpected();
        } while (AcceptSymbol(","));
        return new RemoveClause(position, items);
    }

    private ForeachClause ParseForeach(InputPosition position)
    {
        using var nesting = Nest();
        ExpectSymbol("(");
        var variable = ExpectVariable();
        ExpectKeyword("IN");
        var list = ParseExpressionBeforeBar();
        ExpectSymbol("|");
        var clauses = new List<Clause>();
        while (TryParseClause() is { } clause)
            clauses.Add(clause);
        if (clauses.Count == 0)
            throw Unexpected();
        ExpectSymbol(")");
        return new ForeachClause(position, variable, list, clauses);
    }

    private CallSubqueryClause ParseCallSubquery(InputPosition position)
    {
        ExpectSymbol("{");
        var query = ParseQuery();
        ExpectSymbol("}");
        return new CallSubqueryClause(position, query);
    }

    private CallClause ParseCall(InputPosition position)
    {
        var names = new List<string> { ExpectName("a procedure name") };
        while (AcceptSymbol("."))
            names.Add(ExpectName("a procedure name"));
        List<Expression>? arguments = null;
        if (AcceptSymbol("("))
        {
            arguments = [];
            if (!AtSymbol(")"))
                arguments.AddRange(ParseExpressionList());
            ExpectSymbol(")");
        }
        var yieldAll = false;
        List<YieldItem>? yield = null;
        Expression? where = null;
        if (AcceptKeyword("YIELD"))
        {
            if (AcceptSymbol("*"))
            {
                yieldAll = true;
            }
            else
            {
                yield = [];
                do
                {
                    var itemPosition = Current.Position;
                    var field = ExpectName("a procedure output name");
                    var variable = AcceptKeyword("AS") ? ExpectAlias() : new Variable(itemPosition, field);
                    yield.Add(new YieldItem(itemPosition, field, variable));
                } while (AcceptSymbol(","));
                if (AcceptKeyword("WHERE"))
                    where = ParseExpression();
            }
        }
        return new CallClause(position, names.Take(names.Count - 1).ToList(), names[^1], arguments, yieldAll, yield, where);
    }

    private List<Expression> ParseExpressionList()
    {
        var expressions = new List<Expression>();
        do expressions.Add(ParseExpression());
        while (AcceptSymbol(","));
        return expressions;
    }
}
