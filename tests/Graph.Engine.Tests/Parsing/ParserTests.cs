using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Parsing;

namespace Graph.Engine.Tests.Parsing;

public class ParserTests
{
    private static IReadOnlyList<Clause> Clauses(string query) => ((SingleQuery)CypherParser.Parse(query)).Clauses;

    private static Expression ReturnedExpression(string expression) =>
        ((ReturnClause)Clauses("RETURN " + expression).Single()).Body.Items.Single().Expression;

    [Theory]
    [InlineData("[*]", null, null)]
    [InlineData("[*2]", 2L, 2L)]
    [InlineData("[*1..3]", 1L, 3L)]
    [InlineData("[*..3]", null, 3L)]
    [InlineData("[*2..]", 2L, null)]
    [InlineData("[r:T*0..1]", 0L, 1L)]
    public void Variable_length_bounds(string relationship, long? min, long? max)
    {
        var match = (MatchClause)Clauses($"MATCH (a)-{relationship}->(b) RETURN a")[0];
        var length = match.Pattern.Parts[0].Element.Relationships[0].Length;
        Assert.NotNull(length);
        Assert.Equal(min, length.Min);
        Assert.Equal(max, length.Max);
    }

    [Theory]
    [InlineData("(a)-->(b)", RelationshipDirection.Outgoing)]
    [InlineData("(a)<--(b)", RelationshipDirection.Incoming)]
    [InlineData("(a)--(b)", RelationshipDirection.Both)]
    [InlineData("(a)<-->(b)", RelationshipDirection.Both)]
    [InlineData("(a)-[:R]->(b)", RelationshipDirection.Outgoing)]
    [InlineData("(a)<-[:R]-(b)", RelationshipDirection.Incoming)]
    public void Relationship_directions(string pattern, object direction) // the enum is internal: a test method is public
    {
        var match = (MatchClause)Clauses($"MATCH {pattern} RETURN a")[0];
        Assert.Equal((RelationshipDirection)direction, match.Pattern.Parts[0].Element.Relationships[0].Direction);
    }

    [Fact]
    public void Node_and_relationship_details_and_named_paths()
    {
        var match = (MatchClause)Clauses("match p = (a:Person:Admin {name: 'x'})-[r:KNOWS|:LIKES {since: $year}]->(`weird name`) return p")[0];
        var part = match.Pattern.Parts[0];
        Assert.Equal("p", part.PathVariable?.Name);
        var first = part.Element.Nodes[0];
        Assert.Equal("a", first.Variable?.Name);
        Assert.Equal(["Person", "Admin"], first.Labels);
        Assert.Equal("name", Assert.IsType<MapLiteral>(first.Properties).Entries.Single().Key);
        var relationship = part.Element.Relationships[0];
        Assert.Equal(["KNOWS", "LIKES"], relationship.Types);
        Assert.Equal("year", Assert.IsType<Parameter>(Assert.IsType<MapLiteral>(relationship.Properties).Entries[0].Value).Name);
        Assert.Equal("weird name", part.Element.Nodes[1].Variable?.Name);
    }

    [Fact]
    public void Shortest_path_in_match_and_as_expression()
    {
        var match = (MatchClause)Clauses("MATCH p = shortestPath((a)-[*..5]-(b)) RETURN p")[0];
        Assert.Equal(PathSelector.Shortest, match.Pattern.Parts[0].Selector);
        Assert.Equal("p", match.Pattern.Parts[0].PathVariable?.Name);

        var expression = Assert.IsType<PatternExpression>(ReturnedExpression("allShortestPaths((a)-[*]->(b))"));
        Assert.Equal(PathSelector.AllShortest, expression.Pattern.Selector);
    }

    [Fact]
    public void Literals()
    {
        Assert.Equal(255L, Assert.IsType<IntegerLiteral>(ReturnedExpression("0xFF")).Value);
        Assert.Equal(8L, Assert.IsType<IntegerLiteral>(ReturnedExpression("0o10")).Value);
        Assert.Equal(long.MinValue, Assert.IsType<IntegerLiteral>(ReturnedExpression("-9223372036854775808")).Value);
        Assert.Equal(1.5e-3, Assert.IsType<FloatLiteral>(ReturnedExpression("1.5e-3")).Value);
        Assert.Equal(0.5, Assert.IsType<FloatLiteral>(ReturnedExpression(".5")).Value);
        Assert.Equal("a'b\"c\n\t\\ é", Assert.IsType<StringLiteral>(ReturnedExpression("'a\\'b\"c\\n\\t\\\\ \\u00e9'")).Value);
        Assert.True(Assert.IsType<BooleanLiteral>(ReturnedExpression("TRUE")).Value);
        Assert.IsType<NullLiteral>(ReturnedExpression("null"));
        Assert.Equal("0", Assert.IsType<Parameter>(ReturnedExpression("$0")).Name);
    }

    [Fact]
    public void Operator_precedence()
    {
        var sum = Assert.IsType<BinaryExpression>(ReturnedExpression("1 + 2 * 3"));
        Assert.Equal(BinaryOperator.Add, sum.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpression>(sum.Right).Operator);

        var or = Assert.IsType<BinaryExpression>(ReturnedExpression("a AND b OR NOT c XOR d"));
        Assert.Equal(BinaryOperator.Or, or.Operator);
        Assert.Equal(BinaryOperator.And, Assert.IsType<BinaryExpression>(or.Left).Operator);
        Assert.Equal(BinaryOperator.Xor, Assert.IsType<BinaryExpression>(or.Right).Operator);

        var inList = Assert.IsType<BinaryExpression>(ReturnedExpression("x + 1 IN [2]"));
        Assert.Equal(BinaryOperator.In, inList.Operator);

        var notNull = Assert.IsType<IsNullExpression>(ReturnedExpression("n.name IS NOT NULL"));
        Assert.True(notNull.Negated);
    }

    [Fact]
    public void Comparison_chains_become_conjunctions_sharing_the_middle_operand()
    {
        var chain = Assert.IsType<BinaryExpression>(ReturnedExpression("1 < x <= 3"));
        Assert.Equal(BinaryOperator.And, chain.Operator);
        var left = Assert.IsType<BinaryExpression>(chain.Left);
        var right = Assert.IsType<BinaryExpression>(chain.Right);
        Assert.Equal(BinaryOperator.LessThan, left.Operator);
        Assert.Equal(BinaryOperator.LessThanOrEqual, right.Operator);
        Assert.Same(left.Right, right.Left);
    }

    [Fact]
    public void Compound_expressions()
    {
        var comprehension = Assert.IsType<ListComprehension>(ReturnedExpression("[x IN list WHERE x > 1 | x * 2]"));
        Assert.Equal("x", comprehension.Variable.Name);
        Assert.NotNull(comprehension.Where);
        Assert.NotNull(comprehension.Projection);

        var pattern = Assert.IsType<PatternComprehension>(ReturnedExpression("[p = (a)-->(b) WHERE b.x | b.name]"));
        Assert.Equal("p", pattern.Pattern.PathVariable?.Name);

        Assert.Equal(Quantifier.None, Assert.IsType<QuantifierExpression>(ReturnedExpression("none(x IN l WHERE x)")).Quantifier);
        var reduce = Assert.IsType<ReduceExpression>(ReturnedExpression("reduce(acc = 0, x IN l | acc + x)"));
        Assert.Equal("acc", reduce.Accumulator.Name);

        var projection = Assert.IsType<MapProjection>(ReturnedExpression("n {.a, .*, b: 1, v}"));
        Assert.Collection(projection.Items,
            i => Assert.IsType<PropertySelector>(i),
            i => Assert.IsType<AllPropertiesSelector>(i),
            i => Assert.IsType<LiteralEntry>(i),
            i => Assert.IsType<VariableSelector>(i));

        var simpleCase = Assert.IsType<CaseExpression>(ReturnedExpression("CASE x WHEN 1 THEN 'a' ELSE 'b' END"));
        Assert.NotNull(simpleCase.Subject);
        Assert.Null(Assert.IsType<CaseExpression>(ReturnedExpression("CASE WHEN x THEN 1 END")).Subject);

        var slice = Assert.IsType<SliceExpression>(ReturnedExpression("l[1..]"));
        Assert.Null(slice.To);
        Assert.IsType<IndexExpression>(ReturnedExpression("m['key']"));
        Assert.Equal(["A", "B"], Assert.IsType<LabelsPredicate>(ReturnedExpression("n:A:B")).Labels);

        var count = Assert.IsType<FunctionInvocation>(ReturnedExpression("count(DISTINCT n)"));
        Assert.True(count.Distinct);
        Assert.IsType<CountStar>(ReturnedExpression("COUNT(*)"));
        Assert.Equal("apoc.coll.sum", Assert.IsType<FunctionInvocation>(ReturnedExpression("apoc.coll.sum([1])")).FullName);
    }

    [Fact]
    public void Exists_subqueries_and_pattern_predicates()
    {
        var match = (MatchClause)Clauses("MATCH (a) WHERE EXISTS { (a)-->(b) WHERE b.x = 1 } AND (a)--() AND exists(a.name) RETURN a")[0];
        var and = Assert.IsType<BinaryExpression>(match.Where);
        var inner = Assert.IsType<BinaryExpression>(and.Left);
        var exists = Assert.IsType<ExistsSubquery>(inner.Left);
        var subMatch = Assert.IsType<MatchClause>(Assert.IsType<SingleQuery>(exists.Query).Clauses.Single());
        Assert.NotNull(subMatch.Where);
        Assert.IsType<PatternExpression>(inner.Right);
        Assert.Equal("exists", Assert.IsType<FunctionInvocation>(and.Right).Name);

        var full = (MatchClause)Clauses("MATCH (a) WHERE exists { MATCH (a)-->(b) RETURN b } RETURN a")[0];
        Assert.IsType<ReturnClause>(((SingleQuery)Assert.IsType<ExistsSubquery>(full.Where).Query).Clauses[1]);
    }

    [Fact]
    public void Projection_items_keep_their_source_text_as_column_name()
    {
        var body = ((ReturnClause)Clauses("MATCH (n) RETURN n.name, count( * ), n.x  +  1 AS y, `n`")[1]).Body;
        Assert.Equal(["n.name", "count( * )", "y", "n"], body.Items.Select(i => i.Name));
        Assert.Equal("n.x  +  1", body.Items[2].Text);
    }

    [Fact]
    public void Projection_modifiers()
    {
        var with = (WithClause)Clauses("MATCH (n) WITH DISTINCT *, n.x AS x ORDER BY x DESC, n.y SKIP 1 LIMIT $l WHERE x > 1 RETURN x")[1];
        Assert.True(with.Body.Distinct);
        Assert.True(with.Body.IncludeExisting);
        Assert.True(with.Body.OrderBy[0].Descending);
        Assert.False(with.Body.OrderBy[1].Descending);
        Assert.IsType<IntegerLiteral>(with.Body.Skip);
        Assert.IsType<Parameter>(with.Body.Limit);
        Assert.NotNull(with.Where);
    }

    [Fact]
    public void Updating_clauses()
    {
        var clauses = Clauses("""
            MERGE (a:A {id: 1}) ON CREATE SET a.created = 1 ON MATCH SET a += {seen: true}, a:Seen
            WITH a
            MATCH (a)-[r]->(b)
            SET b = {x: 1}, r.w = r.w + 1
            REMOVE a.tmp, b:Old:Older
            DETACH DELETE b
            DELETE r
            FOREACH (x IN [1] | CREATE (:X {v: x}))
            """);
        var merge = (MergeClause)clauses[0];
        Assert.Equal([true, false], merge.Actions.Select(a => a.OnCreate));
        Assert.True(Assert.IsType<SetPropertiesItem>(merge.Actions[1].Items[0]).Merge);
        Assert.IsType<SetLabelsItem>(merge.Actions[1].Items[1]);
        var set = (SetClause)clauses[3];
        Assert.False(Assert.IsType<SetPropertiesItem>(set.Items[0]).Merge);
        Assert.Equal("w", Assert.IsType<SetPropertyItem>(set.Items[1]).Property.PropertyName);
        var remove = (RemoveClause)clauses[4];
        Assert.Equal(["Old", "Older"], Assert.IsType<RemoveLabelsItem>(remove.Items[1]).Labels);
        Assert.True(((DeleteClause)clauses[5]).Detach);
        Assert.False(((DeleteClause)clauses[6]).Detach);
        Assert.IsType<CreateClause>(((ForeachClause)clauses[7]).Clauses.Single());
    }

    [Fact]
    public void Calls_and_unions()
    {
        var call = (CallClause)Clauses("CALL db.labels() YIELD label AS l WHERE l <> 'x' RETURN l")[0];
        Assert.Equal("db.labels", call.FullName);
        Assert.Equal("label", call.Yield![0].Field);
        Assert.Equal("l", call.Yield[0].Variable.Name);
        Assert.NotNull(call.Where);
        Assert.Null(((CallClause)Clauses("CALL test.proc")[0]).Arguments);
        Assert.IsType<CallSubqueryClause>(Clauses("CALL { MATCH (n) RETURN n } RETURN n")[0]);

        var union = Assert.IsType<UnionQuery>(CypherParser.Parse("RETURN 1 AS a UNION ALL RETURN 2 AS a UNION ALL RETURN 3 AS a"));
        Assert.True(union.All);
        Assert.Equal(3, union.Parts().Count());
    }

    [Fact]
    public void Keywords_are_case_insensitive_comments_are_skipped_and_a_trailing_semicolon_is_allowed()
    {
        var clauses = Clauses("""
            mAtCh (n) // a comment
            /* a block
               comment */ ReTuRn n;
            """);
        Assert.IsType<MatchClause>(clauses[0]);
        Assert.Equal(new InputPosition(48, 3, 15), clauses[1].Position);
    }

    [Fact]
    public void Schema_commands()
    {
        var unique = Assert.IsType<CreateConstraintCommand>(CypherParser.Parse("CREATE CONSTRAINT expert_id IF NOT EXISTS FOR (e:Expert) REQUIRE e.id IS UNIQUE"));
        Assert.Equal(("expert_id", true, "Expert", ConstraintKind.Unique), (unique.Name, unique.IfNotExists, unique.LabelOrType, unique.Kind));
        Assert.Equal(["id"], unique.Properties);

        var composite = Assert.IsType<CreateConstraintCommand>(CypherParser.Parse("CREATE CONSTRAINT FOR (n:L) REQUIRE (n.a, n.b) IS UNIQUE"));
        Assert.Null(composite.Name);
        Assert.Equal(["a", "b"], composite.Properties);

        var index = Assert.IsType<CreateIndexCommand>(CypherParser.Parse("CREATE INDEX claim_topic FOR (c:Claim) ON (c.topic, c.id)"));
        Assert.Equal(["topic", "id"], index.Properties);
        var relationshipIndex = Assert.IsType<CreateIndexCommand>(CypherParser.Parse("CREATE INDEX IF NOT EXISTS FOR ()-[r:ENDORSES]-() ON (r.quote)"));
        Assert.True(relationshipIndex.IsRelationship);

        Assert.True(Assert.IsType<DropConstraintCommand>(CypherParser.Parse("DROP CONSTRAINT expert_id IF EXISTS")).IfExists);
        Assert.False(Assert.IsType<DropIndexCommand>(CypherParser.Parse("DROP INDEX claim_topic")).IfExists);

        var show = Assert.IsType<ShowSchemaCommand>(CypherParser.Parse("SHOW INDEXES YIELD name, type WHERE type = 'RANGE' RETURN name"));
        Assert.Equal(SchemaObjectKind.Indexes, show.Kind);
        Assert.Equal(2, show.Yield!.Items.Count);
        Assert.NotNull(show.Where);
        Assert.NotNull(show.Return);
        Assert.Equal(SchemaObjectKind.Constraints, Assert.IsType<ShowSchemaCommand>(CypherParser.Parse("SHOW CONSTRAINTS")).Kind);
    }

    [Theory]
    [InlineData("EXPLAIN MATCH (n) RETURN n", ExecutionMode.Explain)]
    [InlineData("profile MATCH (n) RETURN n", ExecutionMode.Profile)]
    [InlineData("PROFILE CALL db.labels()", ExecutionMode.Profile)]
    [InlineData("EXPLAIN SHOW PROCEDURES", ExecutionMode.Explain)]
    [InlineData("MATCH (n) RETURN n", ExecutionMode.Normal)]
    public void Explain_and_profile_are_statement_prefixes(string query, object mode) =>
        Assert.Equal((ExecutionMode)mode, CypherParser.Parse(query).Mode);

    [Theory]
    [InlineData("SHOW DATABASES", ShowKind.Databases, null)]
    [InlineData("SHOW DATABASE neo4j YIELD name", ShowKind.Databases, "neo4j")]
    [InlineData("SHOW DEFAULT DATABASE", ShowKind.DefaultDatabase, null)]
    [InlineData("SHOW HOME DATABASE WHERE name = 'x'", ShowKind.HomeDatabase, null)]
    [InlineData("SHOW PROCEDURES EXECUTABLE BY ada", ShowKind.Procedures, null)]
    [InlineData("SHOW FUNCTIONS", ShowKind.Functions, null)]
    [InlineData("SHOW ALL FUNCTIONS", ShowKind.Functions, null)]
    [InlineData("SHOW BUILT IN FUNCTIONS EXECUTABLE", ShowKind.Functions, null)]
    [InlineData("SHOW USER DEFINED FUNCTIONS", ShowKind.UserDefinedFunctions, null)]
    [InlineData("SHOW CURRENT USER YIELD user RETURN user", ShowKind.CurrentUser, null)]
    public void Show_listings(string query, object kind, string? name)
    {
        var show = Assert.IsType<ShowCommand>(CypherParser.Parse(query));
        Assert.Equal((ShowKind)kind, show.Kind);
        Assert.Equal(name, show.Name);
    }

    [Fact]
    public void Label_expressions_keep_plain_labels_apart_from_the_rest()
    {
        var node = ((MatchClause)Clauses("MATCH (n:A&(B|C)&!D) RETURN n")[0]).Pattern.Parts[0].Element.Nodes[0];
        Assert.Equal(["A"], node.Labels);
        var rest = Assert.IsType<LabelAnd>(node.LabelExpression);
        Assert.IsType<LabelOr>(rest.Left);
        Assert.IsType<LabelNot>(rest.Right);
        Assert.Equal("(B|C)&!D", LabelExpressionForms.Print(rest));

        var conjunction = ((MatchClause)Clauses("MATCH (n:A:B) RETURN n")[0]).Pattern.Parts[0].Element.Nodes[0];
        Assert.Equal(["A", "B"], conjunction.Labels);
        Assert.Null(conjunction.LabelExpression);

        var relationship = ((MatchClause)Clauses("MATCH ()-[r:R|:S]->() RETURN r")[0]).Pattern.Parts[0].Element.Relationships[0];
        Assert.Equal(["R", "S"], relationship.Types);
        var negated = ((MatchClause)Clauses("MATCH ()-[r:!R]->() RETURN r")[0]).Pattern.Parts[0].Element.Relationships[0];
        Assert.Empty(negated.Types);
        Assert.IsType<LabelNot>(negated.TypeExpression);

        var predicate = Assert.IsType<LabelsPredicate>(((MatchClause)Clauses("MATCH (n) WHERE n:A|B RETURN n")[0]).Where);
        Assert.Empty(predicate.Labels);
        Assert.IsType<LabelOr>(predicate.LabelExpression);

        // in a list comprehension the bar after a label starts the projection
        var comprehension = Assert.IsType<ListComprehension>(((ReturnClause)Clauses("RETURN [x IN [] WHERE x:A | x] AS l")[0]).Body.Items[0].Expression);
        Assert.Equal(["A"], Assert.IsType<LabelsPredicate>(comprehension.Where).Labels);
        Assert.IsType<Variable>(comprehension.Projection);
    }
}
