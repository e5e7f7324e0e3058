using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;
using Graph.Engine.Procedures;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// Checks a parsed statement the way Neo4j's semantic analysis does before running it: variable scoping
/// (UndefinedVariable, VariableAlreadyBound, VariableTypeConflict), projections (NoExpressionAlias,
/// ColumnNameConflict, aggregation rules), clause composition, pattern rules for CREATE/MERGE and the
/// type errors that literals make certain. Errors are <see cref="ClientException"/>s with phase CompileTime,
/// the TCK detail name and, when the query text is given, a caret under the offending position.
/// </summary>
internal sealed partial class SemanticAnalyzer
{
    private readonly string? _query;
    private readonly ProcedureRegistry? _procedures;

    /// <summary>Each CALL's procedure, by clause (reference identity: two equal-looking calls are two clauses).</summary>
    private readonly Dictionary<CallClause, ProcedureDefinition> _calls = new(ReferenceEqualityComparer.Instance);

    /// <summary>What the statement's names, calls and projections resolved to (handed to the planner in the <see cref="BoundStatement"/>).</summary>
    private readonly Bindings _bindings = new();

    private int _nextSymbol;

    private SemanticAnalyzer(string? query, ProcedureRegistry? procedures)
    {
        _query = query;
        _procedures = procedures;
    }

    /// <summary>
    /// Analyzes a statement. Pass the query text to get carets in error messages, and the procedures CALL may name to
    /// check calls against their signatures (without them, calls are checked for scoping only).
    /// </summary>
    public static BoundStatement Analyze(Statement statement, string? query = null, ProcedureRegistry? procedures = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var analyzer = new SemanticAnalyzer(query, procedures);
        var columns = statement is Query q ? analyzer.AnalyzeQuery(q, Scope.Empty, isSubquery: false).Columns : [];
        return new BoundStatement(statement, columns, analyzer._calls, analyzer._bindings);
    }

    /// <summary>
    /// Binds the YIELD, WHERE and RETURN of a SHOW listing over its columns (known only to the driver, so the planner
    /// asks when it plans the listing). The result carries the columns' symbols, in the order given.
    /// </summary>
    public static (BoundStatement Bound, IReadOnlyList<Symbol> Columns) AnalyzeListing(Statement statement, IReadOnlyList<string> columns,
        ProjectionBody? yield, Expression? where, ReturnClause? returnClause, string? query = null)
    {
        var analyzer = new SemanticAnalyzer(query, procedures: null);
        var symbols = columns.Select(c => analyzer.NewSymbol(c, CypherType.Any)).ToList();
        var scope = Scope.Of(symbols);
        IReadOnlyList<string> names = [];
        if (yield is not null)
        {
            var (after, _, visible) = analyzer.AnalyzeProjection(yield, scope, isReturn: false);
            if (where is not null) analyzer.CheckPredicate(where, visible);
            scope = after;
        }
        else if (where is not null)
        {
            analyzer.CheckPredicate(where, scope);
        }
        if (returnClause is not null)
            (_, names, _) = analyzer.AnalyzeProjection(returnClause.Body, scope, isReturn: true);
        return (new BoundStatement(statement, names, analyzer._calls, analyzer._bindings), symbols);
    }

    /// <summary>Parses and analyzes <paramref name="query"/>.</summary>
    public static BoundStatement Compile(string query) => Analyze(CypherParser.Parse(query), query);

    private Symbol NewSymbol(string name, CypherType type) => new(_nextSymbol++, name, type);

    /// <summary>Declares <paramref name="variable"/> as a new symbol and returns the scope that sees it.</summary>
    private Scope Declare(Scope scope, Variable variable, CypherType type)
    {
        var symbol = NewSymbol(variable.Name, type);
        _bindings.Symbols[variable] = symbol;
        return scope.Bind(symbol);
    }

    /// <summary>Records that this occurrence of a name means the symbol visible in <paramref name="scope"/> (false when none is).</summary>
    private bool Resolve(Variable variable, Scope scope)
    {
        if (scope.SymbolOf(variable.Name) is not { } symbol) return false;
        _bindings.Symbols[variable] = symbol;
        return true;
    }

    private ClientException Error(AstNode node, string message, string detail, string code = Neo4jStatus.SyntaxError) =>
        Error(node.Position, message, detail, code);

    private ClientException Error(InputPosition position, string message, string detail, string code = Neo4jStatus.SyntaxError) =>
        _query is not null
            ? SyntaxErrors.Create(code, _query, position, message, detail)
            : new ClientException(code, $"{message} ({position})") { Position = position, Phase = ErrorPhase.CompileTime, Detail = detail };

    // ---- queries -----------------------------------------------------------------------------

    private sealed record QueryResult(IReadOnlyList<string> Columns, Scope Scope);

    private QueryResult AnalyzeQuery(Query query, Scope outer, bool isSubquery)
    {
        switch (query)
        {
            case SingleQuery single:
                return AnalyzeSingleQuery(single, outer, isSubquery);
            case UnionQuery union:
            {
                var parts = union.Parts().ToList();
                CheckUnionKinds(union);
                QueryResult? first = null;
                foreach (var part in parts)
                {
                    var result = AnalyzeSingleQuery(part, outer, isSubquery);
                    if (first is null)
                    {
                        first = result;
                    }
                    else if (!first.Columns.ToHashSet().SetEquals(result.Columns) || first.Columns.Count != result.Columns.Count)
                    {
                        throw Error(part, "All sub queries in an UNION must have the same return column names", "DifferentColumnsInUnion");
                    }
                }
                return first!;
            }
            default:
                throw new InvalidOperationException($"Unknown query kind {query.GetType().Name}");
        }
    }

    private void CheckUnionKinds(UnionQuery union)
    {
        for (var current = union; current.Left is UnionQuery left; current = left)
        {
            if (left.All != current.All)
                throw Error(current, "Invalid combination of UNION and UNION ALL", "InvalidClauseComposition");
        }
    }

    private QueryResult AnalyzeSingleQuery(SingleQuery query, Scope outer, bool isSubquery)
    {
        var scope = outer;
        IReadOnlyList<string> columns = [];
        var clauses = query.Clauses;
        for (var i = 0; i < clauses.Count; i++)
        {
            var clause = clauses[i];
            var isLast = i == clauses.Count - 1;
            if (clause is ReturnClause && !isLast)
                throw Error(clauses[i + 1], "RETURN can only be used at the end of the query", "InvalidClauseComposition");
            (scope, columns) = AnalyzeClause(clause, scope, standalone: clauses.Count == 1 && !isSubquery, columns);
            _bindings.ScopesAfter[clause] = scope;
        }
        if (!isSubquery)
            CheckConclusion(clauses[^1], clauses.Count == 1);
        return new QueryResult(clauses[^1] is ReturnClause || (clauses[^1] is CallClause && clauses.Count == 1) ? columns : [], scope);
    }

    private void CheckConclusion(Clause last, bool onlyClause)
    {
        var name = last switch
        {
            MatchClause m => m.Optional ? "OPTIONAL MATCH" : "MATCH",
            WithClause => "WITH",
            UnwindClause => "UNWIND",
            CallClause { Yield: not null } when !onlyClause => "CALL ... YIELD",
            _ => null,
        };
        if (name is not null)
        {
            throw Error(last, $"Query cannot conclude with {name} (must be a RETURN clause, an update clause, a unit subquery call, or a procedure call with no YIELD)",
                "InvalidClauseComposition");
        }
    }

    // ---- clauses -----------------------------------------------------------------------------

    private (Scope Scope, IReadOnlyList<string> Columns) AnalyzeClause(Clause clause, Scope scope, bool standalone, IReadOnlyList<string> columns)
    {
        switch (clause)
        {
            case MatchClause match:
            {
                var after = BindMatchPattern(match.Pattern, scope);
                if (match.Where is not null)
                    CheckPredicate(match.Where, after);
                return (after, columns);
            }
            case UnwindClause unwind:
            {
                var type = Check(unwind.Expression, scope, ExpressionContext.Plain);
                if (scope.Contains(unwind.Variable.Name))
                    throw AlreadyBound(unwind.Variable);
                var element = type.Kind == TypeKind.List ? type.Element ?? CypherType.Any : CypherType.Any;
                return (Declare(scope, unwind.Variable, element), columns);
            }
            case WithClause with:
            {
                var (after, _, visible) = AnalyzeProjection(with.Body, scope, isReturn: false);
                if (with.Where is not null)
                    CheckPredicate(with.Where, visible);
                return (after, columns);
            }
            case ReturnClause ret:
            {
                var (after, names, _) = AnalyzeProjection(ret.Body, scope, isReturn: true);
                return (after, names);
            }
            case CreateClause create:
                return (BindUpdatePattern(create.Pattern.Parts, scope, isMerge: false), columns);
            case MergeClause merge:
            {
                var after = BindUpdatePattern([merge.Pattern], scope, isMerge: true);
                foreach (var action in merge.Actions)
                    CheckSetItems(action.Items, after);
                return (after, columns);
            }
            case SetClause set:
                CheckSetItems(set.Items, scope);
                return (scope, columns);
            case RemoveClause remove:
                foreach (var item in remove.Items)
                {
                    switch (item)
                    {
                        case RemovePropertyItem property:
                            Check(property.Property, scope, ExpressionContext.Plain);
                            break;
                        case RemoveLabelsItem labels:
                            Check(labels.Variable, scope, ExpressionContext.Plain);
                            break;
                    }
                }
                return (scope, columns);
            case DeleteClause delete:
                foreach (var expression in delete.Expressions)
                    CheckDeleted(expression, scope);
                return (scope, columns);
            case ForeachClause foreach_:
            {
                var listType = Check(foreach_.List, scope, ExpressionContext.Plain);
                if (scope.Contains(foreach_.Variable.Name))
                    throw AlreadyBound(foreach_.Variable);
                var inner = Declare(scope, foreach_.Variable, listType.Kind == TypeKind.List ? listType.Element ?? CypherType.Any : CypherType.Any);
                foreach (var innerClause in foreach_.Clauses)
                {
                    if (innerClause is not (CreateClause or MergeClause or SetClause or RemoveClause or DeleteClause or ForeachClause))
                        throw Error(innerClause, "Invalid use of a reading clause inside FOREACH: only updating clauses are allowed", "InvalidClauseComposition");
                    (inner, _) = AnalyzeClause(innerClause, inner, standalone: false, columns);
                    _bindings.ScopesAfter[innerClause] = inner;
                }
                return (scope, columns);
            }
            case CallClause call:
                return AnalyzeCall(call, scope, standalone, columns);
            case CallSubqueryClause subquery:
            {
                var result = AnalyzeQuery(subquery.Query, scope, isSubquery: true);
                var after = scope;
                var outputs = new List<Symbol>();
                foreach (var column in result.Columns)
                {
                    if (scope.Contains(column))
                        throw Error(subquery, $"Variable `{column}` already declared in outer scope", "VariableAlreadyBound");
                    var output = NewSymbol(column, result.Scope.TypeOf(column) ?? CypherType.Any);
                    outputs.Add(output);
                    after = after.Bind(output);
                }
                _bindings.SubqueryOutputs[subquery] = outputs;
                return (after, columns);
            }
            default:
                throw new InvalidOperationException($"Unknown clause {clause.GetType().Name}");
        }
    }

    private (Scope, IReadOnlyList<string>) AnalyzeCall(CallClause call, Scope scope, bool standalone, IReadOnlyList<string> columns)
    {
        ProcedureDefinition? procedure = null;
        if (_procedures is not null && !_procedures.TryGet(call.FullName, out procedure))
            throw ProcedureNotFound(call);
        if (procedure is not null) _calls[call] = procedure;
        var argumentTypes = (call.Arguments ?? []).Select(argument => Check(argument, scope, ExpressionContext.Plain)).ToList();
        if (call.YieldAll && !standalone)
            throw Error(call, "Procedure call inside a query does not support naming results implicitly (name explicitly using `YIELD` instead)", "UnexpectedSyntax");
        if (procedure is not null)
            CheckCallArguments(call, procedure, argumentTypes, standalone);
        if (call.Yield is null)
            return (scope, procedure is not null && standalone ? procedure.Outputs.Select(o => o.Name).ToList() : columns);
        if (procedure is { IsVoid: true } && call.Yield.Count > 0)
            throw Error(call.Yield[0], $"Cannot yield value from void procedure `{procedure.Name}`", "UnexpectedSyntax");
        var after = scope;
        var names = new List<string>();
        foreach (var item in call.Yield)
        {
            var output = procedure?.Outputs.FirstOrDefault(o => o.Name == item.Field);
            if (procedure is not null && output is null)
                throw Error(item, $"Unknown procedure output: `{item.Field}` (`{procedure.Name}` yields {string.Join(", ", procedure.Outputs.Select(o => $"`{o.Name}`"))})", "UndefinedVariable");
            if (after.Contains(item.Variable.Name))
                throw AlreadyBound(item.Variable);
            after = Declare(after, item.Variable, output?.Type.ToCypherType() ?? CypherType.Any);
            names.Add(item.Variable.Name);
        }
        if (call.Where is not null)
            CheckPredicate(call.Where, after);
        return (after, names);
    }

    private ClientException ProcedureNotFound(CallClause call) =>
        Error(call, $"There is no procedure with the name `{call.FullName}` registered for this database instance. " +
                    "Please ensure you've spelled the procedure name correctly (names are case-sensitive; SHOW PROCEDURES lists them)",
            "ProcedureNotFound", Neo4jStatus.ProcedureNotFound);

    /// <summary>Number and static types of the arguments against the signature (implicit arguments come from parameters).</summary>
    private void CheckCallArguments(CallClause call, ProcedureDefinition procedure, List<CypherType> argumentTypes, bool standalone)
    {
        if (call.Arguments is null)
        {
            if (!standalone && procedure.Inputs.Count > 0)
                throw Error(call, $"Procedure call inside a query does not support passing arguments implicitly. Pass arguments explicitly in parentheses after the procedure name: {procedure.Signature}",
                    "InvalidArgumentPassingMode");
            return;
        }
        var given = call.Arguments.Count;
        if (given < procedure.RequiredInputs || given > procedure.Inputs.Count)
        {
            var expected = procedure.RequiredInputs == procedure.Inputs.Count
                ? $"{procedure.Inputs.Count}"
                : $"{procedure.RequiredInputs} to {procedure.Inputs.Count}";
            throw Error(call, $"Procedure call does not provide the required number of arguments: got {given} expected {expected}. Procedure {procedure.Signature}",
                "InvalidNumberOfArguments");
        }
        for (var i = 0; i < given; i++)
        {
            var input = procedure.Inputs[i];
            if (!input.Type.Accepts(argumentTypes[i]))
                throw Error(call.Arguments[i], $"Type mismatch: expected {input.Type} but was {argumentTypes[i]} (argument `{input.Name}` of {procedure.Name})",
                    "InvalidArgumentType");
        }
    }

    private void CheckSetItems(IReadOnlyList<SetItem> items, Scope scope)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case SetPropertyItem property:
                    Check(property.Property.Subject, scope, ExpressionContext.Plain);
                    Check(property.Value, scope, ExpressionContext.Plain);
                    break;
                case SetPropertiesItem properties:
                    Check(properties.Variable, scope, ExpressionContext.Plain);
                    Check(properties.Value, scope, ExpressionContext.Plain);
                    break;
                case SetLabelsItem labels:
                    Check(labels.Variable, scope, ExpressionContext.Plain);
                    break;
            }
        }
    }

    private void CheckDeleted(Expression expression, Scope scope)
    {
        if (expression is LabelsPredicate labels)
            throw Error(labels, "DELETE doesn't support removing labels from a node or types from a relationship; use REMOVE instead", "InvalidDelete");
        var type = Check(expression, scope, ExpressionContext.Plain);
        if (type.IsKnown && type.Kind is not (TypeKind.Node or TypeKind.Relationship or TypeKind.Path or TypeKind.List or TypeKind.Map))
            throw Error(expression, $"Type mismatch: expected Node, Path or Relationship but was {type}", "InvalidArgumentType");
    }

    private void CheckPredicate(Expression predicate, Scope scope)
    {
        var type = Check(predicate, scope, ExpressionContext.Predicate);
        RequireBoolean(predicate, type);
    }

    private ClientException AlreadyBound(Variable variable) =>
        Error(variable, $"Variable `{variable.Name}` already declared", "VariableAlreadyBound");
}
