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
        var projected = new List<KeyValuePair<string, CypherType>>();
        if (body.IncludeExisting)
        {
            foreach (var name in scope.Names.Order(StringComparer.Ordinal))
            {
                names.Add(name);
                projected.Add(new(name, scope.TypeOf(name)!));
            }
        }
        var types = new List<CypherType>();
        foreach (var item in body.Items)
        {
            var type = Check(item.Expression, scope, ExpressionContext.Projection);
            types.Add(type);
            if (!isReturn && item.Alias is null && item.Expression is not Variable)
                throw Error(item, "Expression in WITH must be aliased (use AS)", "NoExpressionAlias");
            var name = item.Alias?.Name ?? (item.Expression is Variable v ? v.Name : item.Text);
            if (names.Contains(name) && !(body.IncludeExisting && item.Expression is Variable same && same.Name == name && item.Alias is null))
                throw Error(item, $"Multiple result columns with the same name `{name}` are not supported", "ColumnNameConflict");
            if (!names.Contains(name))
                names.Add(name);
            projected.RemoveAll(p => p.Key == name);
            projected.Add(new(name, type));
        }

        var aggregating = body.Items.Any(i => ExpressionTree.ContainsAggregate(i.Expression));
        if (aggregating)
            CheckGroupingKeys(body, scope);

        var after = Scope.Of(projected);
        CheckOrderBy(body, scope, after, aggregating);
        CheckSkipLimit(body.Skip, "SKIP");
        CheckSkipLimit(body.Limit, "LIMIT");
        var visible = aggregating ? after : scope.BindAll(after.Names.Select(n => new KeyValuePair<string, CypherType>(n, after.TypeOf(n)!)));
        return (after, names, visible);
    }

    /// <summary>
    /// In an aggregating projection, an item that mixes an aggregate with other expressions may only use
    /// variables (or their properties) that are themselves projected as grouping keys.
    /// </summary>
    private void CheckGroupingKeys(ProjectionBody body, Scope scope)
    {
        var keyItems = body.Items.Where(i => !ExpressionTree.ContainsAggregate(i.Expression)).ToList();
        var keyVariables = keyItems.Select(i => i.Expression).OfType<Variable>().Select(v => v.Name).ToHashSet();
        if (body.IncludeExisting)
            keyVariables.UnionWith(scope.Names);
        var keyExpressions = keyItems.Select(i => ExpressionPrinter.Print(i.Expression)).ToHashSet();
        foreach (var item in body.Items.Where(i => ExpressionTree.ContainsAggregate(i.Expression)))
            CheckImplicitGrouping(item.Expression, scope, keyVariables, keyExpressions, item.Expression);
    }

    private void CheckImplicitGrouping(Expression expression, Scope scope, HashSet<string> keyVariables, HashSet<string> keyExpressions, Expression whole)
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
                if (!keyVariables.Contains(subject.Name) && !keyExpressions.Contains(ExpressionPrinter.Print(lookup)))
                    throw Ambiguous(whole);
                return;
        }
        foreach (var child in ExpressionTree.Children(expression))
            CheckImplicitGrouping(child, scope, keyVariables, keyExpressions, whole);
    }

    private Exception Ambiguous(Expression expression) =>
        Error(expression, "Aggregation column contains implicit grouping expressions. Aggregation expressions with implicit grouping keys are not supported; project the grouping keys separately (e.g. with WITH) and aggregate in the next clause",
            "AmbiguousAggregationExpression");

    private void CheckOrderBy(ProjectionBody body, Scope before, Scope after, bool aggregating)
    {
        if (body.OrderBy.Count == 0)
            return;
        // After DISTINCT or aggregation only the projected columns exist; expressions written exactly like a
        // projected item still resolve to that column.
        var restricted = aggregating || body.Distinct;
        var scope = restricted ? after : before.BindAll(after.Names.Select(n => new KeyValuePair<string, CypherType>(n, after.TypeOf(n)!)));
        var substitutions = body.Items.Select(item => ExpressionPrinter.Print(item.Expression))
            .Distinct()
            .ToDictionary(key => key, _ => CypherType.Any);
        foreach (var sort in body.OrderBy)
        {
            var containsAggregate = ExpressionTree.ContainsAggregate(sort.Expression);
            if (containsAggregate && !aggregating)
                throw Error(sort.Expression, "Aggregation functions cannot be used in ORDER BY unless the projection itself aggregates", "InvalidAggregation");
            var context = ExpressionContext.Projection with { Substitutions = restricted ? substitutions : null, AllowAggregates = aggregating };
            Check(sort.Expression, scope, context);
            if (containsAggregate && !substitutions.ContainsKey(ExpressionPrinter.Print(sort.Expression)))
            {
                var keyItems = body.Items.Where(i => !ExpressionTree.ContainsAggregate(i.Expression)).ToList();
                var keyVariables = keyItems.Select(i => i.Expression).OfType<Variable>().Select(v => v.Name).ToHashSet();
                var keyExpressions = keyItems.Select(i => ExpressionPrinter.Print(i.Expression)).ToHashSet();
                CheckImplicitGrouping(sort.Expression, before, keyVariables, keyExpressions, sort.Expression);
            }
        }
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
