using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Planning;
using Graph.Engine.Procedures;
using Graph.Engine.Tests.Runtime;

namespace Graph.Engine.Tests.Semantics;

/// <summary>
/// What the binder hands the planner: a symbol (with its kind) for every variable occurrence, scopes resolved once; the
/// definition of every function call; the aggregation structure of every projection. The planner reads these and derives
/// none of them again (the last tests plan from a bound statement stripped of its resolutions).
/// </summary>
public class BinderResolutionTests
{
    private static BoundStatement Bind(string query) => SemanticAnalyzer.Analyze(CypherParser.Parse(query), query, new ProcedureRegistry());

    private static IReadOnlyList<Clause> Clauses(Query query) => ((SingleQuery)query).Clauses;

    private static ProjectionBody Body(Clause clause) => clause switch
    {
        WithClause w => w.Body,
        ReturnClause r => r.Body,
        _ => throw new ArgumentException($"{clause.GetType().Name} has no projection"),
    };

    private static IEnumerable<T> All<T>(Expression expression) => ExpressionTree.Descendants(expression).OfType<T>();

    [Fact]
    public void Pattern_variables_get_their_kinds_and_later_uses_mean_the_same_symbols()
    {
        var bound = Bind("MATCH p = (a:A)-[r:R]->(b) RETURN a, r, p, b.name AS name, [x IN r.tags | x] AS tags");
        var clauses = Clauses((Query)bound.Statement);
        var part = ((MatchClause)clauses[0]).Pattern.Parts[0];
        var a = bound.SymbolOf(part.Element.Nodes[0].Variable!);
        var r = bound.SymbolOf(part.Element.Relationships[0].Variable!);
        var p = bound.SymbolOf(part.PathVariable!);
        var b = bound.SymbolOf(part.Element.Nodes[1].Variable!);
        Assert.Equal([VariableKind.Node, VariableKind.Relationship, VariableKind.Path, VariableKind.Node], new[] { a.Kind, r.Kind, p.Kind, b.Kind });
        Assert.Equal(4, new[] { a, r, p, b }.Distinct().Count());

        var items = Body(clauses[1]).Items;
        Assert.Same(a, bound.SymbolOf((Variable)items[0].Expression));
        Assert.Same(r, bound.SymbolOf((Variable)items[1].Expression));
        Assert.Same(b, bound.SymbolOf(All<Variable>(items[3].Expression).Single()));
        var comprehension = (ListComprehension)items[4].Expression;
        Assert.Equal(VariableKind.Value, bound.SymbolOf(comprehension.Variable).Kind);
        Assert.Equal(["a", "r", "b", "p"], bound.VisibleAfter(clauses[0]).Select(s => s.Name));
    }

    [Fact]
    public void A_list_comprehension_declares_its_own_symbol_shadowing_the_outer_one()
    {
        var bound = Bind("WITH [1, 2] AS x RETURN [x IN x WHERE x > 1 | x * 10] AS y, x");
        var clauses = Clauses((Query)bound.Statement);
        var outer = bound.ProjectionOf(Body(clauses[0])).Items.Single().Output;
        var items = Body(clauses[1]).Items;
        var comprehension = (ListComprehension)items[0].Expression;
        var inner = bound.SymbolOf(comprehension.Variable);

        Assert.NotSame(outer, inner);
        Assert.Same(outer, bound.SymbolOf((Variable)comprehension.Source));
        Assert.Same(inner, bound.SymbolOf(All<Variable>(comprehension.Where!).Single()));
        Assert.Same(inner, bound.SymbolOf(All<Variable>(comprehension.Projection!).Single()));
        Assert.Same(outer, bound.SymbolOf((Variable)items[1].Expression)); // the comprehension's x does not leak
    }

    [Fact]
    public void A_pattern_comprehension_reads_the_outer_node_and_binds_its_own()
    {
        var bound = Bind("MATCH (a) RETURN [(a)-[:R]->(b) WHERE b.x > 0 | b.name] AS names");
        var clauses = Clauses((Query)bound.Statement);
        var a = bound.SymbolOf(((MatchClause)clauses[0]).Pattern.Parts[0].Element.Nodes[0].Variable!);
        var comprehension = (PatternComprehension)Body(clauses[1]).Items[0].Expression;
        Assert.Same(a, bound.SymbolOf(comprehension.Pattern.Element.Nodes[0].Variable!));
        var b = bound.SymbolOf(comprehension.Pattern.Element.Nodes[1].Variable!);
        Assert.Equal(VariableKind.Node, b.Kind);
        Assert.Same(b, bound.SymbolOf(All<Variable>(comprehension.Projection).Single()));
        Assert.DoesNotContain(bound.VisibleAfter(clauses[1]), s => s.Name == "b");
    }

    [Fact]
    public void A_call_subquery_reads_imported_variables_and_declares_its_columns_in_the_outer_scope()
    {
        var bound = Bind("WITH 1 AS x CALL { WITH x RETURN x + 1 AS y } RETURN x, y");
        var clauses = Clauses((Query)bound.Statement);
        var x = bound.ProjectionOf(Body(clauses[0])).Items.Single().Output;
        var call = (CallSubqueryClause)clauses[1];
        var inner = Clauses(call.Query);
        var imported = bound.ProjectionOf(Body(inner[0])).Items.Single();
        Assert.Same(x, bound.SymbolOf((Variable)imported.Expression!));
        var innerY = bound.ProjectionOf(Body(inner[1])).Items.Single().Output;
        var outerY = bound.OutputsOf(call).Single();
        Assert.NotSame(innerY, outerY);
        var returned = Body(clauses[2]).Items;
        Assert.Same(x, bound.SymbolOf((Variable)returned[0].Expression));
        Assert.Same(outerY, bound.SymbolOf((Variable)returned[1].Expression));
    }

    [Fact]
    public void Each_union_part_has_its_own_symbols_and_the_statement_its_columns()
    {
        var bound = Bind("UNWIND [1] AS n RETURN n AS a UNION UNWIND [2] AS n RETURN n AS a");
        var parts = ((UnionQuery)bound.Statement).Parts().ToList();
        var first = (UnwindClause)parts[0].Clauses[0];
        var second = (UnwindClause)parts[1].Clauses[0];
        Assert.NotSame(bound.SymbolOf(first.Variable), bound.SymbolOf(second.Variable));
        Assert.Same(bound.SymbolOf(second.Variable), bound.SymbolOf((Variable)Body(parts[1].Clauses[1]).Items[0].Expression));
        Assert.Equal(["a"], bound.Columns);
    }

    [Fact]
    public void Union_parts_are_matched_by_column_name()
    {
        var bound = Bind("RETURN 1 AS a, 2 AS b UNION RETURN 3 AS b, 4 AS a");
        Assert.Equal(["a", "b"], bound.Columns);
    }

    [Fact]
    public async Task Union_parts_with_their_columns_in_another_order_return_them_by_name()
    {
        await using var driver = Runtime.Engine.New();
        var result = await driver.Run("RETURN 1 AS a, 2 AS b UNION ALL RETURN 3 AS b, 4 AS a");
        Assert.Equal(["a", "b"], result.Keys);
        Assert.Equal([(1L, 2L), (4L, 3L)], result.Records.Select(r => ((long)r["a"]!, (long)r["b"]!)));
    }

    [Fact]
    public void Grouping_keys_and_aggregates_are_the_binders()
    {
        var bound = Bind("MATCH (n:P) WITH n.city AS city, count(*) AS c, size(collect(n.name)) + 1 AS names RETURN DISTINCT city, c ORDER BY c DESC");
        var clauses = Clauses((Query)bound.Statement);
        var with = bound.ProjectionOf(Body(clauses[1]));
        Assert.True(with.IsAggregating);
        Assert.False(with.IsDistinct);
        Assert.Equal(["city"], with.GroupingKeys.Select(k => k.Name));
        Assert.Equal([false, false], with.Items.Skip(1).Select(i => i.IsGroupingKey));
        Assert.Equal(["count(*)", "collect(`n`.`name`)"], with.Aggregates.Select(ExpressionPrinter.Print));

        var ret = bound.ProjectionOf(Body(clauses[2]));
        Assert.False(ret.IsAggregating);
        Assert.True(ret.IsDistinct);
        Assert.All(ret.Items, i => Assert.True(i.IsGroupingKey));
        // ORDER BY c after DISTINCT means the column c of this RETURN, not the WITH's
        var sort = (Variable)Body(clauses[2]).OrderBy[0].Expression;
        Assert.Same(ret.Items[1].Output, bound.SymbolOf(sort));
    }

    [Fact]
    public void Order_by_an_expression_written_like_an_item_means_that_column()
    {
        var bound = Bind("MATCH (n) RETURN n.name AS name, count(*) AS c ORDER BY n.name, count(*)");
        var body = Body(Clauses((Query)bound.Statement)[1]);
        var projection = bound.ProjectionOf(body);
        Assert.Same(projection.Items[0].Output, bound.ColumnOf(body.OrderBy[0].Expression));
        Assert.Same(projection.Items[1].Output, bound.ColumnOf(body.OrderBy[1].Expression));
        Assert.Equal(["count(*)"], projection.OrderByAggregates.Select(ExpressionPrinter.Print));
    }

    [Fact]
    public async Task A_grouping_key_read_by_an_aggregating_item_is_that_keys_column()
    {
        const string query = "MATCH (n) RETURN n.age AS age, n.age * count(*) AS weighted ORDER BY age";
        var bound = Bind(query);
        var body = Body(Clauses((Query)bound.Statement)[1]);
        var projection = bound.ProjectionOf(body);
        var lookup = All<PropertyLookup>(body.Items[1].Expression).Single();
        Assert.Same(projection.Items[0].Output, bound.ColumnOf(lookup));

        await using var driver = Runtime.Engine.New();
        await driver.Run("CREATE ({age: 2}), ({age: 2}), ({age: 3})");
        var result = await driver.Run(query);
        Assert.Equal([(2L, 4L), (3L, 3L)], result.Records.Select(r => ((long)r["age"]!, (long)r["weighted"]!)));
    }

    [Theory]
    [InlineData("MATCH (x) RETURN x, count(*) AS c", "Node", true)]
    [InlineData("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c", "Relationship", true)]
    [InlineData("UNWIND [1, 2, 1] AS x RETURN x, count(*) AS c", "Value", false)]
    [InlineData("UNWIND [{k: 1}, {k: 1}] AS x RETURN x.k AS k, count(*) AS c", "Value", false)]
    public async Task Grouping_by_entity_ids_is_planned_only_for_variables_the_binder_does_not_know_to_be_values(string query, string kind, bool byEntity)
    {
        var bound = Bind(query);
        var key = bound.ProjectionOf(Body(Clauses((Query)bound.Statement)[1])).GroupingKeys.Single().Expression!;
        Assert.Equal(Enum.Parse<VariableKind>(kind), bound.SymbolOf(All<Variable>(key).Single()).Kind);
        await using var driver = Runtime.Engine.New();
        Assert.Equal(byEntity, driver.Explain(query).Contains("Aggregation(by entity)"));
    }

    [Fact]
    public void Star_columns_copy_the_visible_symbols()
    {
        var bound = Bind("MATCH (b), (a) WITH * RETURN *");
        var clauses = Clauses((Query)bound.Statement);
        var with = bound.ProjectionOf(Body(clauses[1]));
        Assert.Equal(["b", "a"], with.Items.Select(i => i.Name)); // WITH * in declaration order
        Assert.All(with.Items, i => Assert.Equal(VariableKind.Node, i.Output.Kind));
        var ret = bound.ProjectionOf(Body(clauses[2]));
        Assert.Equal(["a", "b"], ret.Items.Select(i => i.Name)); // RETURN * in name order
        Assert.Same(with.Items[1].Output, ret.Items[0].Source);
    }

    [Fact]
    public void Function_calls_resolve_to_their_definitions_once()
    {
        var bound = Bind("RETURN toUpper('a') AS u, size([1]) AS s, count(*) AS c");
        var items = Body(Clauses((Query)bound.Statement)[0]).Items;
        Assert.Equal("toUpper", bound.FunctionOf((FunctionInvocation)items[0].Expression).Name);
        Assert.Equal("size", bound.FunctionOf((FunctionInvocation)items[1].Expression).Name);
        Assert.IsType<CountStar>(bound.ProjectionOf(Body(Clauses((Query)bound.Statement)[0])).Aggregates.Single());
    }

    [Theory]
    [InlineData("RETURN noSuchFunction(1)", "UnknownFunction")]
    [InlineData("RETURN toUpper('a', 'b')", "InvalidNumberOfArguments")]
    [InlineData("RETURN percentileCont(1)", "InvalidNumberOfArguments")]
    [InlineData("MATCH (n) RETURN n, count(*) AS c ORDER BY sum(n.y)", "InvalidAggregation")]
    [InlineData("MATCH p = shortestPath((a)-->()-->(b)) RETURN p", "UnsupportedPattern")]
    public void Checks_the_planner_made_are_the_binders(string query, string detail)
    {
        var error = Assert.Throws<ClientException>(() => Bind(query));
        Assert.Equal(detail, error.Detail);
        Assert.Equal(ErrorPhase.CompileTime, error.Phase);
    }

    [Theory]
    [InlineData("WITH 1 AS x RETURN x")]
    [InlineData("RETURN toUpper('a') AS u")]
    [InlineData("UNWIND [1, 2] AS x RETURN x, count(*) AS c")]
    public async Task The_planner_reads_resolutions_from_the_bound_statement_and_never_makes_its_own(string query)
    {
        await using var driver = Runtime.Engine.New();
        var bound = Bind(query);
        // the same statement without what the binder resolved: the planner cannot plan it by itself
        var stripped = new BoundStatement(bound.Statement, bound.Columns, new Dictionary<CallClause, ProcedureDefinition>(), new Bindings());
        var error = Assert.Throws<InvalidOperationException>(() => { new QueryPlanner(driver.Store).Plan(stripped, query); });
        Assert.Contains("was not bound", error.Message);
        Assert.NotNull(new QueryPlanner(driver.Store).Plan(bound, query));
    }
}
