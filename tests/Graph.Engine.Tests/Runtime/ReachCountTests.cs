using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// count(DISTINCT x) of a variable-length pattern's ends that pass a WHERE, fused into one operator
/// (<see cref="ReachCountOp"/>), against the plans it replaces: the same statement with a second aggregate that keeps it
/// unfused (VarLengthExpand, Filter, Aggregation), and every path followed by <c>WITH DISTINCT x</c> (depth-first).
/// </summary>
public class ReachCountTests
{
    /// <summary>
    /// Directed cycles of 2 (n0, n1) and 3 (n0, n2, n3), parallel relationships (n1, n4), a pair in opposite directions
    /// (n0, n1), self-loops (n2, n8), an isolated node (n9), nodes without the label P. The ids are equal as numbers (1
    /// and 1.0), repeated on different nodes ('a' on n2 and n5), missing (n3, n7) or a list (n4).
    /// </summary>
    private const string Graph =
        "CREATE (n0:P {name: 'n0', id: 1}), (n1:P {name: 'n1', id: 1.0}), (n2:Q {name: 'n2', id: 'a'}), (n3 {name: 'n3'}), " +
        "(n4:P:Q {name: 'n4', id: [1, 2]}), (n5:P {name: 'n5', id: 'a'}), (n6:P {name: 'n6', id: 6}), (n7:Q {name: 'n7'}), " +
        "(n8:P {name: 'n8', id: 8}), (n9:P {name: 'n9', id: 9}) " +
        "CREATE (n0)-[:K]->(n1), (n1)-[:K]->(n0), (n0)-[:K]->(n2), (n2)-[:K]->(n3), (n3)-[:K]->(n0), (n1)-[:K]->(n4), (n1)-[:K]->(n4), " +
        "(n4)-[:K]->(n5), (n5)-[:K]->(n6), (n6)-[:K]->(n4), (n2)-[:K]->(n2), (n8)-[:K]->(n8), (n7)-[:K]->(n5), " +
        "(n3)-[:L]->(n7), (n6)-[:L]->(n6), (n0)-[:L]->(n9)";

    private static readonly string[] Starts = Enumerable.Range(0, 10).Select(i => "n" + i).ToArray();

    private static Task<EmbeddedDriver> Build() => Engine.NewWith(Graph);

    /// <summary>Relationship patterns the breadth-first search covers for every start, end labels and WHERE clauses.</summary>
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var rel in new[] { "-[:K*1..2]-", "-[:K*1..2]->", "<-[:K*1..3]-", "-[:K*0..2]-", "-[*1..2]-", "-[:K|L*0..3]->" })
        foreach (var end in new[] { "", ":P" })
        foreach (var where in new[]
                 {
                     "", "WHERE x.id <> s.id", "WHERE s.id <> x.id", "WHERE x.id = s.id", "WHERE x.id >= 1", "WHERE x.id STARTS WITH 'a'",
                     "WHERE x.id IN [1, 'a']", "WHERE x.id <> s.id AND x.name <> 'n5'", "WHERE x:Q OR x.id IS NULL", "WHERE s.name <> 'n1'",
                 })
            data.Add(rel, end, where);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_fused_count_is_the_count_of_the_plans_it_replaces(string rel, string end, string where)
    {
        await using var driver = await Build();
        foreach (var start in Starts.Append(null))
        {
            // one input row per start, and all of them at once (ends reached from several starts are counted once)
            var match = $"MATCH (s{(start is null ? "" : $" {{name: '{start}'}}")}) WITH s MATCH (s){rel}(x{end}) {where} ";
            var fused = match + "RETURN count(DISTINCT x) AS n";
            var unfused = match + "RETURN count(DISTINCT x) AS n, count(DISTINCT s) AS starts";
            var everyPath = match + "WITH DISTINCT x RETURN count(x) AS n";
            Assert.Contains("ReachCount", driver.Explain(fused));
            Assert.DoesNotContain("ReachCount", driver.Explain(unfused));
            Assert.Contains("breadth-first", driver.Explain(unfused));
            var expected = await driver.Scalar(everyPath);
            Assert.Equal(expected, await driver.Scalar(unfused));
            Assert.Equal(expected, await driver.Scalar(fused));
            Assert.Equal(expected, (await driver.Profile(fused)).Result.Single()["n"]);
        }
    }

    /// <summary>
    /// As above once the store keeps columns of <c>id</c> and <c>name</c> (made by many reads of both): the fused count's
    /// <c>=</c> and <c>&lt;&gt;</c> against a string are then decided by the store's string matches (equal strings on
    /// two nodes, strings against numbers, lists and missing values), its other comparisons read through the columns.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_fused_count_is_the_count_of_the_plans_it_replaces_when_the_store_keeps_property_columns(string rel, string end, string where)
    {
        await using var driver = await Build();
        Assert.Equal(28_000L, await driver.Scalar("UNWIND range(1, 1000) AS i MATCH (n) RETURN count(n.id) + count(n.name) + count(n) AS reads"));
        foreach (var start in Starts.Append(null))
        {
            var match = $"MATCH (s{(start is null ? "" : $" {{name: '{start}'}}")}) WITH s MATCH (s){rel}(x{end}) {where} ";
            var expected = await driver.Scalar(match + "WITH DISTINCT x RETURN count(x) AS n");
            Assert.Equal(expected, await driver.Scalar(match + "RETURN count(DISTINCT x) AS n, count(DISTINCT s) AS starts"));
            Assert.Equal(expected, await driver.Scalar(match + "RETURN count(DISTINCT x) AS n"));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_fused_count_sees_the_changes_made_earlier_in_the_transaction(string rel, string end, string where)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (a {name: 'n9'}), (b {name: 'n8'}) CREATE (a)-[:K]->(b), (b)-[:K]->(a), (a)-[:K]->(a)");
        await tx.RunAsync("MATCH ({name: 'n0'})-[r:K]->({name: 'n2'}) DELETE r");
        await tx.RunAsync("MATCH (n {name: 'n5'}) DETACH DELETE n");
        await tx.RunAsync("MATCH (n {name: 'n3'}) SET n:P, n.id = 1");
        await tx.RunAsync("MATCH (n {name: 'n6'}) SET n.id = 'a'");
        foreach (var start in Starts.Append(null))
        {
            var match = $"MATCH (s{(start is null ? "" : $" {{name: '{start}'}}")}) WITH s MATCH (s){rel}(x{end}) {where} ";
            var expected = (await tx.RunAsync(match + "WITH DISTINCT x RETURN count(x) AS n")).Single()[0];
            Assert.Equal(expected, (await tx.RunAsync(match + "RETURN count(DISTINCT x) AS n")).Single()[0]);
        }
        await tx.RollbackAsync();
    }

    /// <summary>
    /// A hub with 60 spokes (a frontier large enough for the search to bring the relationships of its nodes into the cache
    /// in windows before reading them), each spoke joined to three of 40 rim nodes, some by two relationships, one by a
    /// self-loop: the fused count against the depth-first one, in a reader and in a transaction that has written.
    /// </summary>
    [Fact]
    public async Task A_large_frontier_gives_the_same_count()
    {
        await using var driver = await Engine.NewWith(
            "CREATE (h:H {id: 'hub'}) WITH h UNWIND range(0, 59) AS i CREATE (h)-[:K]->(s:S {id: 's' + i}) " +
            "WITH s, i UNWIND [i % 40, (i * 7) % 40, (i * 13) % 40] AS r MERGE (rim:R {id: 'r' + r}) CREATE (s)-[:K]->(rim) " +
            "WITH DISTINCT s, i WHERE i % 5 = 0 CREATE (s)-[:K]->(s)");
        const string match = "MATCH (s:H {id: 'hub'}) WITH s MATCH (s)-[:K*1..2]-(x) WHERE x.id <> s.id ";
        Assert.Contains("ReachCount", driver.Explain(match + "RETURN count(DISTINCT x) AS n"));
        var expected = await driver.Scalar(match + "WITH DISTINCT x RETURN count(x) AS n");
        Assert.Equal(100L, expected); // every spoke and every rim node
        Assert.Equal(expected, await driver.Scalar(match + "RETURN count(DISTINCT x) AS n"));
        Assert.Equal(expected, (await driver.Profile(match + "RETURN count(DISTINCT x) AS n")).Result.Single()["n"]);
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (s:S {id: 's0'}) CREATE (s)-[:K]->(:R {id: 'new'})");
        Assert.Equal(101L, (await tx.RunAsync(match + "RETURN count(DISTINCT x) AS n")).Single()[0]);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task The_plan_shows_the_fused_count_with_its_pattern_and_conjuncts()
    {
        await using var driver = await Build();
        var plan = driver.Explain("MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*1..2]-(x:P) WHERE x.id <> s.id AND x.name <> 'n5' RETURN count(DISTINCT x) AS n");
        Assert.Contains("ReachCount(breadth-first)(count(DISTINCT x) AS n of (s)-[:K]-(x) checking :P *1..2 WHERE x.id <> s.id AND x.name <> 'n5')", plan);
        Assert.DoesNotContain("VarLengthExpand", plan);
        Assert.DoesNotContain("Filter(x.", plan);
        Assert.DoesNotContain("Aggregation", plan);
        // from n0 the :P ends are n0 itself (two relationships with n1), n1 (id 1.0, equal to n0's 1) and n4 (a list)
        var profiled = await driver.Profile("MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*1..2]-(x:P) WHERE x.id <> s.id RETURN count(DISTINCT x) AS n");
        Assert.Equal(1L, profiled.Single<ReachCountOp>().Rows);
        Assert.Equal(1L, profiled.Result.Single()["n"]);
    }

    [Fact]
    public async Task Only_counts_of_distinct_ends_without_grouping_keys_in_reading_statements_are_fused()
    {
        await using var driver = await Build();
        const string match = "MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*1..2]-(x) WHERE x.id <> s.id ";
        Assert.Contains("ReachCount", driver.Explain(match + "RETURN count(DISTINCT x), count(DISTINCT x) AS again"));
        Assert.Contains("ReachCount", driver.Explain(match + "RETURN count(DISTINCT x) * 2 AS twice"));
        Assert.DoesNotContain("ReachCount", driver.Explain(match + "RETURN s.name, count(DISTINCT x)"));
        Assert.DoesNotContain("ReachCount", driver.Explain(match + "RETURN count(DISTINCT x.id)"));
        Assert.DoesNotContain("ReachCount", driver.Explain(match + "RETURN count(x)"));
        Assert.DoesNotContain("ReachCount", driver.Explain(match + "RETURN count(DISTINCT x), collect(DISTINCT x.name)"));
        // a statement that writes, and both directions beyond 2 hops (a start that may be an end is searched depth-first)
        Assert.DoesNotContain("ReachCount", driver.Explain(match + "CREATE (:Log) RETURN count(DISTINCT x)"));
        Assert.DoesNotContain("ReachCount", driver.Explain("MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*1..3]-(x) RETURN count(DISTINCT x)"));
        // the end's label check in a node pattern with properties is a separate operator
        Assert.DoesNotContain("ReachCount", driver.Explain("MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*1..2]-(x:P {id: 1}) RETURN count(DISTINCT x)"));
    }

    [Fact]
    public async Task Twice_the_same_count_and_an_expression_of_it_read_the_fused_count()
    {
        await using var driver = await Build();
        const string match = "MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*1..2]-(x) WHERE x.id <> s.id ";
        var expected = (long)(await driver.Scalar(match + "WITH DISTINCT x RETURN count(x)"))!;
        var row = (await driver.Run(match + "RETURN count(DISTINCT x) AS a, count(DISTINCT x) * 2 AS twice")).Single();
        Assert.Equal(expected, row["a"]);
        Assert.Equal(expected * 2, row["twice"]);
    }

    /// <summary>
    /// A comparison's other operand is computed at a row's first end, as the filter would: a start without ends raises
    /// nothing, one with ends the filter's error; a predicate that is not a Boolean is the same error.
    /// </summary>
    [Theory]
    [InlineData("WHERE x.id = 1 / 0")]
    [InlineData("WHERE 1 / 0 <> x.id")]
    [InlineData("WHERE x.name")]
    public async Task Errors_of_the_conjuncts_come_from_the_same_ends(string where)
    {
        await using var driver = await Build();
        foreach (var start in new[] { "n0", "n9", "n7" })
        {
            var match = $"MATCH (s {{name: '{start}'}}) WITH s MATCH (s)-[:K*1..2]->(x) {where} ";
            var fused = match + "RETURN count(DISTINCT x) AS n";
            var unfused = match + "RETURN count(DISTINCT x) AS n, count(DISTINCT s) AS starts";
            Assert.Contains("ReachCount", driver.Explain(fused));
            var expected = await Outcome(driver, unfused);
            Assert.Equal(expected, await Outcome(driver, fused));
        }
        // n9 has no K relationship: no end, no error; n0 has ends: the error
        Assert.Equal("0", await Outcome(driver, $"MATCH (s {{name: 'n9'}}) WITH s MATCH (s)-[:K*1..2]->(x) {where} RETURN count(DISTINCT x) AS n"));
        Assert.StartsWith("error", await Outcome(driver, $"MATCH (s {{name: 'n0'}}) WITH s MATCH (s)-[:K*1..2]->(x) {where} RETURN count(DISTINCT x) AS n"));
    }

    private static async Task<string> Outcome(EmbeddedDriver driver, string query)
    {
        try
        {
            return $"{(await driver.Run(query)).Single()["n"]}";
        }
        catch (ClientException e)
        {
            return "error " + e.Code + " " + e.Message;
        }
    }

    /// <summary>
    /// Levels of hundreds of ends, tested in several batches whose properties the store reads at once: every fifth leaf
    /// without <c>i</c>, every seventh with a string, one with the hub's own <c>i</c> as a float; two hubs, so that the
    /// second start's ends are counted through the set of the first's.
    /// </summary>
    [Theory]
    [InlineData("WHERE x.i <> h.i")]
    [InlineData("WHERE x.i >= 150")]
    [InlineData("WHERE 'a' < x.i")]
    [InlineData("WHERE x.i <> h.i AND x.i < 500 AND x.j = 1")]
    [InlineData("WHERE x.i <> h.i AND (x.j = 0 OR x.i IS NULL)")]
    public async Task Ends_tested_in_batches_give_the_unfused_count(string where)
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE (h:Hub {i: 7}), (k:Hub {i: 8}), (h)-[:R]->(k) WITH h, k UNWIND range(1, 700) AS n " +
                         "CREATE (x:Leaf {j: n % 2}) SET x.i = CASE WHEN n % 5 = 0 THEN null WHEN n % 7 = 0 THEN 's' + n WHEN n = 300 THEN 7.0 ELSE n END " +
                         "WITH h, k, x, n CREATE (h)-[:R]->(x) WITH k, x, n WHERE n > 400 CREATE (k)-[:R]->(x)");
        foreach (var hubs in new[] { "{i: 7}", "{i: 8}", "" })
        {
            var match = $"MATCH (h:Hub {hubs}) WITH h MATCH (h)-[:R*1..2]->(x:Leaf) {where} ";
            var fused = match + "RETURN count(DISTINCT x) AS n";
            Assert.Contains("ReachCount", driver.Explain(fused));
            var expected = await driver.Scalar(match + "RETURN count(DISTINCT x) AS n, count(DISTINCT h) AS starts");
            Assert.Equal(expected, await driver.Scalar(fused));
            Assert.Equal(expected, await driver.Scalar(match + "WITH DISTINCT x RETURN count(x) AS n"));
        }
    }

    /// <summary>
    /// 20,000 starts with one end each: the ends counted over all input rows are kept in a set from the second row on,
    /// counted against the memory limit as the aggregation's set of distinct values is.
    /// </summary>
    [Fact]
    public async Task The_ends_counted_over_many_starts_count_against_the_memory_limit()
    {
        const string query = "MATCH (a:A) WITH a MATCH (a)-[:R*1..2]->(x) WHERE x.i = a.i RETURN count(DISTINCT x) AS n";
        const string unfused = "MATCH (a:A) WITH a MATCH (a)-[:R*1..2]->(x) WHERE x.i = a.i RETURN count(DISTINCT x) AS n, count(DISTINCT a) AS starts";
        await using var small = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 256 * 1024, SyncOnCommit = false });
        await Create(small);
        Assert.Contains("ReachCount", small.Explain(query));
        foreach (var statement in new[] { query, unfused })
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => small.Run(statement));
            Assert.Contains("QueryMemoryLimit", error.Message);
        }
        await using var large = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 8 * 1024 * 1024, SyncOnCommit = false });
        await Create(large);
        Assert.Equal(20000L, await large.Scalar(query));
        Assert.Equal(20000L, await large.Scalar(unfused));
    }

    /// <summary>20,000 pairs (:A)-[:R]->(:B) with the same i, in statements small enough for the smaller limit.</summary>
    private static async Task Create(EmbeddedDriver driver)
    {
        for (var batch = 0; batch < 100; batch++)
            await driver.Run($"UNWIND range({batch * 200}, {batch * 200 + 199}) AS i CREATE (:A {{i: i}})-[:R]->(:B {{i: i}})");
    }
}
