using Graph.Client;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

// WITH / RETURN projections: aliases, column names, aggregation, ORDER BY, SKIP and LIMIT.
internal sealed partial class SemanticAnalyzer
{
    /// <summary>
    /// Checks a projection. Returns the scope after it, the column names, and the scope that WHERE and ORDER BY
    /// see: the projected columns plus, unless the projection aggregates, the variables from before it.
    /// </summary>
    private (Scope After, IReadOnlyList<string> Columns, Scope Visible) AnalyzeProjection(ProjectionBody body, Scope scope, bool isReturn)
    {
        var clauseName = isReturn ? "RETURN" : "WITH";
        if (isReturn && body.IncludeExisting && scope.Count == 0)
            throw Error(body, $"{clauseName} * is not allowed when there are no variables in scope", "NoVariablesInScope");

        var names = new List<string>();
        var items = new List<BoundProjectionItem>();
        if (body.IncludeExisting)
        {
            // RETURN * in name order (Neo4j's columns); WITH * and YIELD * in the order the variables were declared
            foreach (var symbol in isReturn ? scope.Symbols.OrderBy(s => s.Name, StringComparer.Ordinal) : scope.Symbols.AsEnumerable())
            {
                names.Add(symbol.Name);
                items.Add(new BoundProjectionItem(symbol.Name, null, symbol, NewSymbol(symbol.Name, symbol.Type), IsGroupingKey: true));
            }
        }
        foreach (var item in body.Items)
        {
            var type = Check(item.Expression, scope, ExpressionContext.Projection);
            if (!isReturn && item.Alias is null && item.Expression is not Variable)
                throw Error(item, "Expression in WITH must be aliased (use AS)", "NoExpressionAlias");
            var name = item.Alias?.Name ?? (item.Expression is Variable v ? v.Name : item.Text);
            var repeatsStar = body.IncludeExisting && item.Expression is Variable same && same.Name == name && item.Alias is null;
            if (names.Contains(name) && !repeatsStar)
                throw Error(item, $"Multiple result columns with the same name `{name}` are not supported", "ColumnNameConflict");
            if (repeatsStar)
                continue; // the column of * already is this variable
            names.Add(name);
            var output = NewSymbol(name, type);
            if (item.Alias is not null) _bindings.Symbols[item.Alias] = output;
            items.Add(new BoundProjectionItem(item.Name, item.Expression, null, output, !ExpressionTree.ContainsAggregate(item.Expression)));
        }

        var aggregating = items.Any(i => !i.IsGroupingKey);
        if (aggregating)
            CheckGroupingKeys(body, scope, items);

        var after = Scope.Of(items.Select(i => i.Output));
        var orderByAggregates = CheckOrderBy(body, scope, after, aggregating, items);
        CheckSkipLimit(body.Skip, "SKIP");
        CheckSkipLimit(body.Limit, "LIMIT");
        var visible = aggregating ? after : scope.BindAll(after);
        var aggregates = items.Where(i => !i.IsGroupingKey).SelectMany(i => ExpressionTree.Aggregates(i.Expression!)).ToList();
        foreach (var aggregate in aggregates)
            CheckAggregateArity(aggregate);
        _bindings.Projections[body] = new BoundProjection(items, aggregating, body.Distinct, aggregates, orderByAggregates);
        return (after, names, visible);
    }

    private void CheckAggregateArity(Expression aggregate)
    {
        if (aggregate is not FunctionInvocation f) return;
        var expected = Functions.Aggregations.ArgumentCount(f.Name);
        if (f.Arguments.Count != expected)
            throw Error(f, $"{f.Name}() takes {expected} argument(s)", "InvalidNumberOfArguments");
    }

    /// <summary>
    /// In an aggregating projection, an item that mixes an aggregate with other expressions may only use
    /// variables (or their properties) that are themselves projected as grouping keys.
    /// </summary>
    private void CheckGroupingKeys(ProjectionBody body, Scope scope, List<BoundProjectionItem> items)
    {
        var keyVariables = KeyVariables(items);
        var keyExpressions = KeyExpressions(items);
        foreach (var item in items.Where(i => !i.IsGroupingKey))
            CheckImplicitGrouping(item.Expression!, scope, keyVariables, keyExpressions, item.Expression!);
    }

    /// <summary>The variables an aggregating projection groups by (projected as themselves, or by <c>*</c>).</summary>
    private static HashSet<string> KeyVariables(List<BoundProjectionItem> items) =>
        items.Where(i => i.IsGroupingKey && (i.Source is not null || i.Expression is Variable)).Select(i => i.Source?.Name ?? ((Variable)i.Expression!).Name).ToHashSet();

    /// <summary>The grouping keys by their printed expression, each to its column.</summary>
    private static Dictionary<string, Symbol> KeyExpressions(List<BoundProjectionItem> items)
    {
        var keys = new Dictionary<string, Symbol>();
        foreach (var item in items.Where(i => i.IsGroupingKey && i.Expression is not null))
            keys.TryAdd(ExpressionPrinter.Print(item.Expression!), item.Output);
        return keys;
    }

    /// <summary>
    /// The variables and properties an aggregating item reads besides its aggregates must be grouping keys. A property
    /// that is a key (RETURN n.name, n.name + count(*)) is recorded as that key's column: after grouping only the keys remain.
    /// </summary>
    private void CheckImplicitGrouping(Expression expression, Scope scope, HashSet<string> keyVariables, Dictionary<string, Symbol> keyExpressions, Expression whole)
    {
        if (ExpressionTree.IsAggregate(expression))
            return;
        switch (expression)
        {
            case Variable variable when scope.Contains(variable.Name):
                if (!keyVariables.Contains(variable.Name))
                    throw Ambiguous(whole);
                return;
            case PropertyLookup { Subject: Variable subject } lookup when scope.Contains(subject.Name):
                if (keyExpressions.TryGetValue(ExpressionPrinter.Print(lookup), out var key))
                    _bindings.Columns.TryAdd(lookup, key);
                else if (!keyVariables.Contains(subject.Name))
                    throw Ambiguous(whole);
                return;
        }
        foreach (var child in ExpressionTree.Children(expression))
            CheckImplicitGrouping(child, scope, keyVariables, keyExpressions, whole);
    }

    private Exception Ambiguous(Expression expression) =>
        Error(expression, "Aggregation column contains implicit grouping expressions. Aggregation expressions with implicit grouping keys are not supported; project the grouping keys separately (e.g. with WITH) and aggregate in the next clause",
            "AmbiguousAggregationExpression");

    /// <summary>Checks ORDER BY and returns its aggregate calls (each one an item computes too).</summary>
    private List<Expression> CheckOrderBy(ProjectionBody body, Scope before, Scope after, bool aggregating, List<BoundProjectionItem> items)
    {
        var found = new List<Expression>();
        if (body.OrderBy.Count == 0)
            return found;
        // After DISTINCT or aggregation only the projected columns exist; expressions written exactly like a
        // projected item still resolve to that column.
        var restricted = aggregating || body.Distinct;
        var scope = restricted ? after : before.BindAll(after);
        var substitutions = new Dictionary<string, Symbol>();
        foreach (var item in items)
            substitutions.TryAdd(item.Expression is null ? item.Output.Name : ExpressionPrinter.Print(item.Expression), item.Output);
        var projectedAggregates = items.Where(i => !i.IsGroupingKey).SelectMany(i => ExpressionTree.Aggregates(i.Expression!))
            .Select(ExpressionPrinter.Print).ToHashSet();
        foreach (var sort in body.OrderBy)
        {
            var containsAggregate = ExpressionTree.ContainsAggregate(sort.Expression);
            if (containsAggregate && !aggregating)
                throw Error(sort.Expression, "Aggregation functions cannot be used in ORDER BY unless the projection itself aggregates", "InvalidAggregation");
            var context = ExpressionContext.Projection with { Substitutions = restricted ? substitutions : null, AllowAggregates = aggregating };
            Check(sort.Expression, scope, context);
            if (containsAggregate && !substitutions.ContainsKey(ExpressionPrinter.Print(sort.Expression)))
            {
                CheckImplicitGrouping(sort.Expression, before, KeyVariables(items), KeyExpressions(items), sort.Expression);
                // the aggregation computes the aggregates of the items only
                if (!Projected(sort.Expression, substitutions, projectedAggregates))
                    throw Error(sort.Expression, "An aggregate in ORDER BY must also be a column of the projection (project it, e.g. RETURN ..., count(*) AS c ORDER BY c)",
                        "InvalidAggregation", Neo4jStatus.SemanticError);
            }
            found.AddRange(ExpressionTree.Aggregates(sort.Expression));
        }
        return found;
    }

    /// <summary>True when every aggregate of <paramref name="expression"/> is computed by the projection (an item, or an aggregate of one).</summary>
    private static bool Projected(Expression expression, Dictionary<string, Symbol> substitutions, HashSet<string> projectedAggregates)
    {
        var text = ExpressionPrinter.Print(expression);
        if (substitutions.ContainsKey(text)) return true;
        if (ExpressionTree.IsAggregate(expression)) return projectedAggregates.Contains(text);
        if (expression is ExistsSubquery or CountSubquery or PatternComprehension or PatternExpression) return true;
        return ExpressionTree.Children(expression).All(child => Projected(child, substitutions, projectedAggregates));
    }

    private void CheckSkipLimit(Expression? expression, string clause)
    {
        if (expression is null)
            return;
        if (ExpressionTree.Descendants(expression).FirstOrDefault(e => e is Variable or PatternExpression or ExistsSubquery or CountSubquery) is { } dependent)
            throw Error(dependent, $"It is not allowed to refer to variables in {clause}; use a literal or a parameter", "NonConstantExpression");
        var type = Check(expression, Scope.Empty, ExpressionContext.Plain);
        if (expression is IntegerLiteral { Value: < 0 } negative)
            throw Error(negative, $"Invalid input. '{negative.Value}' is not a valid value. Must be a non-negative integer.", "NegativeIntegerArgument");
        if (type.IsKnown && type.Kind != TypeKind.Integer)
            throw Error(expression, $"Invalid input. {clause} must be a non-negative integer, got {type}", "InvalidArgumentType");
    }
}
