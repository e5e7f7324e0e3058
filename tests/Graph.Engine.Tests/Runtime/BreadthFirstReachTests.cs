using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The distinct ends of a variable-length pattern found breadth-first (<see cref="BreadthFirstReach"/>, planned when only
/// count(DISTINCT x) reads them), compared with the depth-first search over trails: the same pattern followed by
/// <c>WITH DISTINCT</c> (every path, then duplicates removed) and by <c>collect(DISTINCT x)</c> (distinct ends, depth-first).
/// </summary>
public class BreadthFirstReachTests
{
    /// <summary>
    /// Directed cycles of 2 (n0, n1) and 3 (n0, n2, n3; n4, n5, n6), two parallel relationships in one direction (n1, n4)
    /// and a pair in opposite directions (n0, n1), self-loops of each type, a node with a self-loop only (n8), an isolated
    /// node (n9), labelled, unlabelled and doubly labelled nodes. The ids repeat (1 and 1.0, 'a' twice), are missing or a list.
    /// </summary>
    private const string Graph =
        "CREATE (n0:P {name: 'n0', id: 1}), (n1:P {name: 'n1', id: 1.0}), (n2:Q {name: 'n2', id: 'a'}), (n3 {name: 'n3'}), " +
        "(n4:P:Q {name: 'n4', id: [1, 2]}), (n5:P {name: 'n5', id: 'a'}), (n6:P {name: 'n6', id: 6}), (n7:Q {name: 'n7', id: 7}), " +
        "(n8:P {name: 'n8', id: 8}), (n9:P {name: 'n9', id: 9}) " +
        "CREATE (n0)-[:K]->(n1), (n1)-[:K]->(n0), (n0)-[:K]->(n2), (n2)-[:K]->(n3), (n3)-[:K]->(n0), (n1)-[:K]->(n4), (n1)-[:K]->(n4), " +
        "(n4)-[:K]->(n5), (n5)-[:K]->(n6), (n6)-[:K]->(n4), (n2)-[:K]->(n2), (n8)-[:K]->(n8), (n7)-[:K]->(n5), " +
        "(n3)-[:L]->(n7), (n6)-[:L]->(n6), (n0)-[:L]->(n9)";

    private static Task<EmbeddedDriver> Build() => Engine.NewWith(Graph);

    /// <summary>Relationship patterns (direction, types, bounds) and end labels.</summary>
    public static TheoryData<string, string> Patterns()
    {
        var data = new TheoryData<string, string>();
        foreach (var rel in new[]
                 {
                     "-[:K*1..2]-", "-[:K*1..2]->", "<-[:K*1..2]-", "-[*1..2]-", "-[:K|L*1..2]-", "-[:K*..1]-", "-[:K*1]->",
                     "-[:K*0..2]-", "-[:K*0..3]->", "-[:K*1..3]->", "<-[:K*1..3]-", "-[:K*1..3]-", "-[:L*1..2]-", "-[:K*1..4]-",
                 })
        foreach (var end in new[] { "", ":P", ":Q", ":P:Q" })
            data.Add(rel, end);
        return data;
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public async Task The_ends_found_breadth_first_are_the_ends_of_the_trails(string rel, string end)
    {
        await using var driver = await Build();
        var match = $"MATCH (s) WITH s MATCH (s){rel}(x{end}) ";
        var breadthFirst = match + "RETURN s.name AS s, x.name AS x, count(DISTINCT x) AS n";
        var everyPath = match + "WITH DISTINCT s, x RETURN s.name AS s, x.name AS x, 1 AS n";
        Assert.Contains("breadth-first", driver.Explain(breadthFirst));
        Assert.DoesNotContain("breadth-first", driver.Explain(everyPath));
        var expected = RowTexts.Sorted(await driver.Run(everyPath));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(breadthFirst)));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run("PROFILE " + breadthFirst)));

        var counted = match + "RETURN s.name AS s, count(DISTINCT x) AS n";
        var collected = match + "WITH s, collect(DISTINCT x) AS xs RETURN s.name AS s, size(xs) AS n";
        Assert.DoesNotContain("breadth-first", driver.Explain(collected));
        Assert.Equal(RowTexts.Sorted(await driver.Run(collected)), RowTexts.Sorted(await driver.Run(counted)));
    }

    /// <summary>The bench's comparison of ids, with ids that are equal as numbers (1, 1.0), repeated, missing or lists.</summary>
    [Theory]
    [InlineData("-[:K*1..2]-")]
    [InlineData("-[:K|L*0..2]-")]
    [InlineData("-[*1..3]->")]
    public async Task A_filter_on_the_ends_sees_each_end_once(string rel)
    {
        await using var driver = await Build();
        var match = $"MATCH (s) WITH s MATCH (s){rel}(x:P) WHERE x.id <> s.id ";
        var counted = match + "RETURN s.name AS s, count(DISTINCT x) AS n";
        var plain = match + "WITH DISTINCT s, x RETURN s.name AS s, count(x) AS n";
        Assert.Contains("breadth-first", driver.Explain(counted));
        Assert.Equal(RowTexts.Sorted(await driver.Run(plain)), RowTexts.Sorted(await driver.Run(counted)));
    }

    /// <summary>
    /// The start node is an end only through a trail back to it: n1 and n4 are joined by two relationships (a trail of
    /// length 2 in both directions), n8 has a self-loop, n9 a single relationship (s-r-n0-r-s is no trail).
    /// </summary>
    [Theory]
    [InlineData("n1", "-[:K*1..2]-", 1L)]
    [InlineData("n4", "<-[:K*1..2]-", 0L)]
    [InlineData("n4", "-[:K*2]-", 1L)]
    [InlineData("n8", "-[:K*1..2]-", 1L)]
    [InlineData("n8", "-[:K*1..2]->", 1L)]
    [InlineData("n9", "-[*1..2]-", 0L)]
    [InlineData("n0", "-[:K*1..2]->", 1L)]
    [InlineData("n2", "-[:K*1..2]->", 1L)]
    [InlineData("n3", "-[:K*1..2]->", 0L)]
    [InlineData("n3", "-[:K*1..3]->", 1L)]
    [InlineData("n7", "-[*1..2]-", 0L)]
    public async Task The_start_is_an_end_only_through_a_trail_back_to_it(string start, string rel, long expected)
    {
        await using var driver = await Build();
        var query = $"MATCH (s {{name: '{start}'}}) WITH s MATCH (s){rel}(x) WHERE x.name = s.name RETURN count(DISTINCT x) AS n";
        if (!rel.Contains("*2]", StringComparison.Ordinal)) Assert.Contains("breadth-first", driver.Explain(query));
        Assert.Equal(expected, await driver.Scalar(query));
        var plain = $"MATCH (s {{name: '{start}'}}) WITH s MATCH (s){rel}(x) WHERE x.name = s.name WITH DISTINCT x RETURN count(x) AS n";
        Assert.Equal(expected, await driver.Scalar(plain));
    }

    [Fact]
    public async Task Only_count_aggregates_let_the_ends_be_found_breadth_first()
    {
        await using var driver = await Build();
        const string match = "MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*1..2]-(x) ";
        Assert.Contains("breadth-first", driver.Explain(match + "RETURN count(DISTINCT x)"));
        Assert.Contains("breadth-first", driver.Explain(match + "RETURN x.name, count(DISTINCT x)"));
        // the order of the rows matters to collect, and to min and max of tied values (1 and 1.0)
        Assert.DoesNotContain("breadth-first", driver.Explain(match + "RETURN collect(DISTINCT x.name)"));
        Assert.DoesNotContain("breadth-first", driver.Explain(match + "RETURN min(x.id)"));
        Assert.DoesNotContain("breadth-first", driver.Explain(match + "RETURN count(DISTINCT x), sum(DISTINCT x.id)"));
        // repeated rows count
        Assert.DoesNotContain("breadth-first", driver.Explain(match + "RETURN count(x)"));
        // the relationships are read, or no upper bound
        Assert.DoesNotContain("breadth-first", driver.Explain("MATCH (s {name: 'n0'}) WITH s MATCH p = (s)-[:K*1..2]-(x) RETURN count(DISTINCT x)"));
        Assert.DoesNotContain("breadth-first", driver.Explain("MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*1..]-(x) RETURN count(DISTINCT x)"));
        Assert.DoesNotContain("breadth-first", driver.Explain("MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*2..3]-(x) RETURN count(DISTINCT x)"));
        Assert.DoesNotContain("breadth-first", driver.Explain("MATCH (s {name: 'n0'}) WITH s MATCH (s)-[:K*1..2 {w: 1}]-(x) RETURN count(DISTINCT x)"));
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public async Task The_ends_found_breadth_first_see_the_changes_made_earlier_in_the_transaction(string rel, string end)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (a {name: 'n9'}), (b {name: 'n8'}) CREATE (a)-[:K]->(b), (b)-[:K]->(a), (a)-[:K]->(a)");
        await tx.RunAsync("MATCH ({name: 'n0'})-[r:K]->({name: 'n2'}) DELETE r");
        await tx.RunAsync("MATCH (n {name: 'n5'}) DETACH DELETE n");
        await tx.RunAsync("MATCH (n {name: 'n3'}) SET n:P");
        var match = $"MATCH (s) WITH s MATCH (s){rel}(x{end}) ";
        var expected = RowTexts.Sorted(await tx.RunAsync(match + "WITH DISTINCT s, x RETURN s.name AS s, x.name AS x, 1 AS n"));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(match + "RETURN s.name AS s, x.name AS x, count(DISTINCT x) AS n")));
        await tx.RollbackAsync();
    }

    /// <summary>
    /// Levels of more than 64 found nodes (prefetched) and 256 label checks (the store's label bitmaps), from many starts
    /// one after the other (the pooled bitmap of seen nodes is emptied between them): two hubs sharing 600 leaves, every
    /// third leaf labelled and linked to the next labelled one.
    /// </summary>
    [Fact]
    public async Task Large_levels_from_many_starts_give_the_depth_first_answer()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE (h:Hub {id: 'h'}), (k:Hub {id: 'k'}), (h)-[:R]->(k) WITH h, k UNWIND range(1, 600) AS i " +
                         "CREATE (h)-[:R]->(x:Leaf {i: i}), (k)-[:R]->(x) WITH x, i WHERE i % 3 = 0 SET x:Mark");
        await driver.Run("MATCH (x:Mark), (y:Mark) WHERE y.i = x.i + 3 CREATE (x)-[:R]->(y)");
        foreach (var rel in new[] { "-[:R*1..2]-", "-[:R*0..3]->", "<-[:R*1..2]-", "-[:R*1..3]-" })
        {
            var match = $"MATCH (s) WHERE s:Hub OR s.i % 50 = 0 WITH s MATCH (s){rel}(x:Mark) ";
            var counted = match + "RETURN coalesce(s.id, toString(s.i)) AS s, count(DISTINCT x) AS n";
            var plain = match + "WITH DISTINCT s, x RETURN coalesce(s.id, toString(s.i)) AS s, count(x) AS n";
            Assert.Contains("breadth-first", driver.Explain(counted));
            Assert.Equal(RowTexts.Sorted(await driver.Run(plain)), RowTexts.Sorted(await driver.Run(counted)));
        }
        Assert.Equal(200L, await driver.Scalar("MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x:Mark) RETURN count(DISTINCT x)"));
    }

    /// <summary>
    /// A level of 1,501 ends asks for the store's label bitmaps before its first check (<see cref="EndLabelCheck.Expect"/>):
    /// once the store has them, the labelled search reads what the unlabelled one reads, plus the one request for the
    /// bitmap; the first 256 ends are not looked up one by one.
    /// </summary>
    [Fact]
    public async Task A_large_level_checks_its_ends_through_the_label_bitmaps_from_the_first()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE (h:Hub {id: 'h'}), (k:Hub {id: 'k'}), (h)-[:R]->(k) WITH h, k UNWIND range(1, 1500) AS i " +
                         "CREATE (h)-[:R]->(x:Leaf {i: i}), (k)-[:R]->(x) WITH x, i WHERE i % 3 = 0 SET x:Mark");
        const string labelled = "MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x:Mark) RETURN count(DISTINCT x) AS n";
        const string unlabelled = "MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x) RETURN count(DISTINCT x) AS n";
        Assert.Contains("breadth-first", driver.Explain(labelled));
        await driver.Run(labelled); // the store builds its bitmap for :Mark
        var plain = await driver.Profile(unlabelled);
        var checkedRun = await driver.Profile(labelled);
        Assert.Equal(500L, checkedRun.Result.Single()["n"]);
        // the search is the count's (ReachCountOp) when nothing else reads the ends
        var searchHits = plain.All<ReachCountOp>().Sum(s => s.DbHits);
        Assert.True(searchHits > 0);
        Assert.Equal(searchHits + 1, checkedRun.All<ReachCountOp>().Sum(s => s.DbHits));
    }

    [Fact]
    public async Task The_nodes_a_search_keeps_count_against_the_memory_limit()
    {
        const string query = "MATCH (h:Hub) WITH h MATCH (h)-[:R*1..2]-(x) RETURN count(DISTINCT x) AS n";
        await using var small = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 256 * 1024, SyncOnCommit = false });
        await Create(small);
        Assert.Contains("breadth-first", small.Explain(query));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => small.Run(query));
        Assert.Contains("QueryMemoryLimit", error.Message);
        await using var large = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = 8 * 1024 * 1024, SyncOnCommit = false });
        await Create(large);
        Assert.Equal(20000L, await large.Scalar(query));
    }

    /// <summary>A hub with 20,000 leaves, in statements small enough for the smaller limit.</summary>
    private static async Task Create(EmbeddedDriver driver)
    {
        await driver.Run("CREATE (:Hub)");
        for (var batch = 0; batch < 40; batch++)
            await driver.Run("MATCH (h:Hub) UNWIND range(1, 500) AS i CREATE (h)-[:R]->(:Leaf)");
    }
}
