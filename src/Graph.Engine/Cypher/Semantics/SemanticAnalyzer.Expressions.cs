using Graph.Client;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>Where an expression occurs, which decides what it may contain.</summary>
/// <param name="Substitutions">ORDER BY after DISTINCT or aggregation: an expression written like a projected item (by its printed text) means that column.</param>
internal sealed record ExpressionContext(bool AllowAggregates, bool InsideAggregate, bool PatternsAllowed, Dictionary<string, Symbol>? Substitutions)
{
    /// <summary>SET values, property maps, UNWIND, DELETE, arguments: no aggregates, no pattern predicates.</summary>
    public static readonly ExpressionContext Plain = new(false, false, false, null);

    /// <summary>WHERE: pattern predicates allowed.</summary>
    public static readonly ExpressionContext Predicate = new(false, false, true, null);

    /// <summary>WITH / RETURN items: aggregates allowed.</summary>
    public static readonly ExpressionContext Projection = new(true, false, false, null);
}

// Expression checks and static types.
internal sealed partial class SemanticAnalyzer
{
    private int _checkDepth;

    /// <summary>Recursion guard: a tree the parser accepted can still be too deep for this thread's stack.</summary>
    private CypherType Check(Expression expression, Scope scope, ExpressionContext context)
    {
        if (++_checkDepth % 16 == 0 && !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _checkDepth--;
            throw new ClientException(Neo4jStatus.SyntaxError, "The query is nested too deeply for the available stack; simplify it.")
            {
                Phase = ErrorPhase.CompileTime,
                Position = expression.Position,
                Detail = "UnexpectedSyntax",
            };
        }
        try
        {
            return CheckExpression(expression, scope, context);
        }
        finally
        {
            _checkDepth--;
        }
    }

    private CypherType CheckExpression(Expression expression, Scope scope, ExpressionContext context)
    {
        if (context.Substitutions is { Count: > 0 } substitutions && expression is not (IntegerLiteral or FloatLiteral or StringLiteral or BooleanLiteral or NullLiteral or Parameter)
            && substitutions.TryGetValue(ExpressionPrinter.Print(expression), out var column))
        {
            // a variable visible under its own name means that variable; anything else written like an item means its column
            if (expression is Variable variable && Resolve(variable, scope))
                return scope.TypeOf(variable.Name)!;
            _bindings.Columns[expression] = column;
            return CypherType.Any;
        }

        switch (expression)
        {
            case IntegerLiteral:
                return CypherType.Integer;
            case FloatLiteral:
                return CypherType.Float;
            case StringLiteral:
                return CypherType.String;
            case BooleanLiteral:
                return CypherType.Boolean;
            case NullLiteral:
                return CypherType.Null;
            case Parameter:
                return CypherType.Any;
            case ListLiteral list:
            {
                var types = list.Items.Select(i => Check(i, scope, context)).ToList();
                var element = types.Count > 0 && types.All(t => t == types[0]) ? types[0] : CypherType.Any;
                return CypherType.ListOf(element);
            }
            case MapLiteral map:
                foreach (var entry in map.Entries)
                    Check(entry.Value, scope, context);
                return CypherType.Map;
            case Variable variable:
                if (!Resolve(variable, scope))
                    throw Error(variable, $"Variable `{variable.Name}` not defined", "UndefinedVariable");
                return scope.TypeOf(variable.Name)!;
            case PropertyLookup lookup:
                CheckPropertyOwner(lookup, Check(lookup.Subject, scope, context));
                return CypherType.Any;
            case IndexExpression index:
            {
                var subject = Check(index.Subject, scope, context);
                Check(index.Index, scope, context);
                return subject.Kind == TypeKind.List ? subject.Element ?? CypherType.Any : CypherType.Any;
            }
            case SliceExpression slice:
            {
                var subject = Check(slice.Subject, scope, context);
                if (slice.From is not null) Check(slice.From, scope, context);
                if (slice.To is not null) Check(slice.To, scope, context);
                return subject.Kind == TypeKind.List ? subject : CypherType.Any;
            }
            case LabelsPredicate labels:
                Check(labels.Subject, scope, context);
                return CypherType.Boolean;
            case CountStar countStar:
                CheckAggregateAllowed(countStar, context);
                return CypherType.Integer;
            case FunctionInvocation function:
                return CheckFunction(function, scope, context);
            case BinaryExpression binary:
                return CheckBinary(binary, scope, context);
            case UnaryExpression unary:
            {
                var operand = Check(unary.Operand, scope, context);
                if (unary.Operator == UnaryOperator.Not)
                {
                    RequireBoolean(unary.Operand, operand);
                    return CypherType.Boolean;
                }
                if (operand.IsKnown && !operand.IsNumber)
                    throw ArgumentType(unary.Operand, "Float or Integer", operand);
                return operand.IsNumber ? operand : CypherType.Any;
            }
            case IsNullExpression isNull:
                Check(isNull.Operand, scope, context);
                return CypherType.Boolean;
            case CaseExpression @case:
            {
                if (@case.Subject is not null)
                    Check(@case.Subject, scope, context);
                var results = new List<CypherType>();
                foreach (var alternative in @case.Alternatives)
                {
                    Check(alternative.When, scope, context);
                    results.Add(Check(alternative.Then, scope, context));
                }
                if (@case.Default is not null)
                    results.Add(Check(@case.Default, scope, context));
                return results.All(r => r == results[0]) ? results[0] : CypherType.Any;
            }
            case ListComprehension comprehension:
            {
                var inner = BindIteration(comprehension.Variable, comprehension.Source, scope, context);
                var innerContext = context with { AllowAggregates = false };
                if (comprehension.Where is not null)
                    RequireBoolean(comprehension.Where, Check(comprehension.Where, inner, innerContext));
                var projection = comprehension.Projection is not null ? Check(comprehension.Projection, inner, innerContext) : inner.TypeOf(comprehension.Variable.Name);
                return CypherType.ListOf(projection);
            }
            case QuantifierExpression quantifier:
            {
                var inner = BindIteration(quantifier.Variable, quantifier.Source, scope, context);
                if (quantifier.Where is not null)
                    RequireBoolean(quantifier.Where, Check(quantifier.Where, inner, context with { AllowAggregates = false }));
                return CypherType.Boolean;
            }
            case ReduceExpression reduce:
            {
                // The accumulator's type may change from step to step, so it is not tracked.
                Check(reduce.Initial, scope, context);
                var inner = Declare(BindIteration(reduce.Variable, reduce.Source, scope, context), reduce.Accumulator, CypherType.Any);
                Check(reduce.Expression, inner, context with { AllowAggregates = false });
                return CypherType.Any;
            }
            case MapProjection projection:
            {
                var subject = Check(projection.Subject, scope, context);
                if (subject.IsKnown && subject.Kind is not (TypeKind.Map or TypeKind.Node or TypeKind.Relationship))
                    throw ArgumentType(projection.Subject, "Map, Node or Relationship", subject);
                foreach (var item in projection.Items)
                {
                    switch (item)
                    {
                        case LiteralEntry entry:
                            Check(entry.Value, scope, context);
                            break;
                        case VariableSelector selector:
                            Check(selector.Variable, scope, context);
                            break;
                    }
                }
                return CypherType.Map;
            }
            case PatternComprehension comprehension:
            {
                var inner = BindMatchPart(comprehension.Pattern, scope, []);
                var innerContext = context with { AllowAggregates = false, PatternsAllowed = true };
                if (comprehension.Where is not null)
                    RequireBoolean(comprehension.Where, Check(comprehension.Where, inner, innerContext));
                return CypherType.ListOf(Check(comprehension.Projection, inner, innerContext with { PatternsAllowed = context.PatternsAllowed }));
            }
            case PatternExpression pattern:
                return CheckPatternExpression(pattern, scope, context);
            case ExistsSubquery exists:
                AnalyzeQuery(exists.Query, scope, isSubquery: true);
                return CypherType.Boolean;
            case CountSubquery count:
                AnalyzeQuery(count.Query, scope, isSubquery: true);
                return CypherType.Integer;
            default:
                throw new InvalidOperationException($"Unknown expression {expression.GetType().Name}");
        }
    }

    private Scope BindIteration(Variable variable, Expression source, Scope scope, ExpressionContext context)
    {
        var sourceType = Check(source, scope, context);
        if (sourceType.IsKnown && sourceType.Kind != TypeKind.List)
            throw ArgumentType(source, "List<T>", sourceType);
        var element = sourceType.Kind == TypeKind.List ? sourceType.Element ?? CypherType.Any : CypherType.Any;
        return Declare(scope, variable, element);
    }

    private CypherType CheckPatternExpression(PatternExpression pattern, Scope scope, ExpressionContext context)
    {
        var part = pattern.Pattern;
        if (part.Selector == PathSelector.All && !context.PatternsAllowed)
            throw Error(pattern, "A pattern expression should only be used in order to test the existence of a pattern. It can no longer be used inside a projection or an assignment; use a pattern comprehension or EXISTS { ... } instead", "UnexpectedSyntax");
        foreach (var variable in part.Element.Nodes.Select(n => n.Variable).Concat(part.Element.Relationships.Select(r => r.Variable)).OfType<Variable>())
        {
            if (!scope.Contains(variable.Name) && part.Selector == PathSelector.All)
                throw Error(variable, $"Variable `{variable.Name}` not defined (a pattern predicate cannot introduce new variables)", "UndefinedVariable");
        }
        BindMatchPart(part, scope, []);
        return part.Selector == PathSelector.All ? CypherType.Boolean
            : part.Selector == PathSelector.Shortest ? CypherType.Path
            : CypherType.ListOf(CypherType.Path);
    }

    private void CheckPropertyOwner(PropertyLookup lookup, CypherType owner)
    {
        if (owner.Kind == TypeKind.Path)
            throw ArgumentType(lookup.Subject, "Map, Node or Relationship", owner);
        if (owner.Kind is TypeKind.Integer or TypeKind.Float or TypeKind.Boolean or TypeKind.String or TypeKind.List)
            throw Error(lookup, $"Type mismatch: expected Map, Node or Relationship but was {owner}", "InvalidArgumentType", Neo4jStatus.TypeError);
    }

    private void CheckAggregateAllowed(Expression aggregate, ExpressionContext context)
    {
        if (context.InsideAggregate)
            throw Error(aggregate, "Can't use aggregate functions inside of aggregate functions", "NestedAggregation");
        if (!context.AllowAggregates)
            throw Error(aggregate, "Invalid use of aggregating function in this context (aggregates are only allowed in WITH and RETURN projections)", "InvalidAggregation");
    }

    private CypherType CheckFunction(FunctionInvocation function, Scope scope, ExpressionContext context)
    {
        var name = function.Namespace.Count == 0 ? function.Name.ToLowerInvariant() : function.FullName.ToLowerInvariant();
        if (ExpressionTree.IsAggregate(function))
        {
            CheckAggregateAllowed(function, context);
            var rand = function.Arguments.SelectMany(ExpressionTree.Descendants)
                .FirstOrDefault(e => e is FunctionInvocation f && f.Name.Equals("rand", StringComparison.OrdinalIgnoreCase));
            if (rand is not null)
                throw Error(rand, "Can't use non-deterministic (random) functions inside of aggregate functions", "NonConstantExpression");
            foreach (var argument in function.Arguments)
                Check(argument, scope, context with { InsideAggregate = true });
            return name switch
            {
                "count" => CypherType.Integer,
                "collect" => CypherType.ListOf(CypherType.Any),
                "stdev" or "stdevp" or "avg" or "percentilecont" => CypherType.Any,
                _ => CypherType.Any,
            };
        }
        var argumentContext = name == "exists" ? context with { PatternsAllowed = true } : context;
        var arguments = function.Arguments.Select(a => Check(a, scope, argumentContext)).ToList();
        if (!Functions.ScalarFunctions.TryGet(function.FullName, out var definition))
            throw Error(function, $"Unknown function '{function.FullName}' (SHOW FUNCTIONS lists them)", "UnknownFunction", Neo4jStatus.SemanticError);
        if (function.Arguments.Count < definition.MinArgs || function.Arguments.Count > definition.MaxArgs)
            throw Error(function, $"Function {definition.Name}() called with {function.Arguments.Count} arguments (it takes {Arity(definition)})", "InvalidNumberOfArguments");
        _bindings.Functions[function] = definition;
        var first = arguments.Count > 0 ? arguments[0] : CypherType.Any;
        switch (name)
        {
            case "labels" when first.IsKnown && first.Kind != TypeKind.Node:
                throw ArgumentType(function.Arguments[0], "Node", first);
            case "properties" when first.IsKnown && first.Kind is not (TypeKind.Map or TypeKind.Node or TypeKind.Relationship):
                throw ArgumentType(function.Arguments[0], "Map, Node or Relationship", first);
            case "length" when first.IsKnown && first.Kind is not TypeKind.Path:
                throw ArgumentType(function.Arguments[0], "Path", first);
            case "type" when first.IsKnown && first.Kind is not TypeKind.Relationship:
                throw ArgumentType(function.Arguments[0], "Relationship", first);
            case "nodes" or "relationships" when first.IsKnown && first.Kind is not TypeKind.Path:
                throw ArgumentType(function.Arguments[0], "Path", first);
        }
        return name switch
        {
            "tostring" or "type" or "tolower" or "toupper" or "trim" or "ltrim" or "rtrim" or "substring" or "replace" or "left" or "right" => CypherType.String,
            "size" or "length" or "id" or "tointeger" => CypherType.Any,
            "labels" or "keys" or "split" => CypherType.ListOf(CypherType.String),
            "nodes" => CypherType.ListOf(CypherType.Node),
            "relationships" => CypherType.ListOf(CypherType.Relationship),
            "startnode" or "endnode" => CypherType.Node,
            "exists" => CypherType.Boolean,
            _ => CypherType.Any,
        };
    }

    private static string Arity(Functions.FunctionDefinition definition) =>
        definition.MinArgs == definition.MaxArgs ? $"{definition.MinArgs}"
        : definition.MaxArgs == int.MaxValue ? $"{definition.MinArgs} or more"
        : $"{definition.MinArgs} to {definition.MaxArgs}";

    private CypherType CheckBinary(BinaryExpression binary, Scope scope, ExpressionContext context)
    {
        var left = Check(binary.Left, scope, context);
        var right = Check(binary.Right, scope, context);
        switch (binary.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Xor:
                RequireBoolean(binary.Left, left);
                RequireBoolean(binary.Right, right);
                return CypherType.Boolean;
            case BinaryOperator.In:
                if (right.IsKnown && right.Kind != TypeKind.List)
                    throw ArgumentType(binary.Right, "List<T>", right);
                return CypherType.Boolean;
            case BinaryOperator.Add:
                if (left.Kind == TypeKind.List || right.Kind == TypeKind.List)
                    return CypherType.ListOf(CypherType.Any);
                if (left.Kind == TypeKind.String && (right.Kind == TypeKind.String || right.IsNumber))
                    return CypherType.String;
                if (right.Kind == TypeKind.String && left.IsNumber)
                    return CypherType.String;
                RequireNumeric(binary.Left, left, allowString: right.Kind is TypeKind.String or TypeKind.Any);
                RequireNumeric(binary.Right, right, allowString: left.Kind is TypeKind.String or TypeKind.Any);
                return NumericResult(left, right);
            case BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo:
                RequireNumeric(binary.Left, left, allowString: false);
                RequireNumeric(binary.Right, right, allowString: false);
                return NumericResult(left, right);
            case BinaryOperator.Power:
                RequireNumeric(binary.Left, left, allowString: false);
                RequireNumeric(binary.Right, right, allowString: false);
                return left.IsNumber && right.IsNumber ? CypherType.Float : CypherType.Any;
            default:
                return CypherType.Boolean;
        }
    }

    private static CypherType NumericResult(CypherType left, CypherType right) =>
        left.Kind == TypeKind.Integer && right.Kind == TypeKind.Integer ? CypherType.Integer
        : left.IsNumber && right.IsNumber ? CypherType.Float
        : CypherType.Any;

    private void RequireNumeric(Expression expression, CypherType type, bool allowString)
    {
        if (type.IsKnown && !type.IsNumber && !(allowString && type.Kind == TypeKind.String))
            throw ArgumentType(expression, "Float or Integer", type);
    }

    private void RequireBoolean(Expression expression, CypherType type)
    {
        if (type.IsKnown && type.Kind != TypeKind.Boolean)
            throw ArgumentType(expression, "Boolean", type);
    }

    private Exception ArgumentType(Expression expression, string expected, CypherType actual) =>
        Error(expression, $"Type mismatch: expected {expected} but was {actual}", "InvalidArgumentType");
}
