using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The breadth-first search's marking (<see cref="Graph.Storage.SeenNodes"/>, filled by the store's
/// <c>MarkNeighbourNodes</c> without a branch on whether a node was seen) on a graph where most far nodes are met many
/// times: 200 nodes, 2,400 relationships of two types with self-loops and parallel ones, some nodes deleted. The fused
/// reach count and the breadth-first expand against the row-by-row plan (every trail, then <c>WITH DISTINCT</c>), one
/// start and many (the pooled search's marks cleared between them), in a reader, under PROFILE and in a transaction that
/// has written (created relationships, deleted nodes: the writer's merged view).
/// </summary>
public class BreadthFirstReachMarkingTests
{
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = await Engine.NewWith("UNWIND range(0, 199) AS i CREATE (:N {k: i})");
        // pseudo-random ends: some equal (self-loops), many pairs repeated (parallel relationships)
        await driver.Run("UNWIND range(0, 1199) AS j MATCH (a:N {k: (j * 37) % 200}), (b:N {k: (j * j * 13 + 7) % 200}) CREATE (a)-[:K]->(b)");
        await driver.Run("UNWIND range(0, 1199) AS j MATCH (a:N {k: (j * 11 + 3) % 200}), (b:N {k: (j * 29) % 190}) CREATE (a)-[:L]->(b)");
        await driver.Run("MATCH (n:N) WHERE n.k % 23 = 5 DETACH DELETE n");
        return driver;
    }

    public static TheoryData<string> Patterns() =>
    [
        "-[:K*1..2]-", "-[:K*1..2]->", "<-[*1..2]-", "-[:K|L*0..2]-", "-[:K*1..3]->", "<-[:L*1..3]-", "-[*1]-", "-[:L*2..2]-",
    ];

    [Theory]
    [MemberData(nameof(Patterns))]
    public async Task The_ends_of_every_start_are_those_of_the_row_by_row_plan(string rel)
    {
        await using var driver = await Build();
        var match = $"MATCH (s:N) WITH s MATCH (s){rel}(x) ";
        var grouped = match + "RETURN s.k AS s, count(DISTINCT x) AS n";
        var plain = match + "WITH DISTINCT s, x RETURN s.k AS s, count(x) AS n";
        Assert.DoesNotContain("breadth-first", driver.Explain(plain));
        // min 2 is no breadth-first search: the general path, compared all the same
        if (!rel.Contains("2..2")) Assert.Contains("breadth-first", driver.Explain(grouped));
        Assert.Equal(RowTexts.Sorted(await driver.Run(plain)), RowTexts.Sorted(await driver.Run(grouped)));

        // one count over many starts (the union of their ends), and over one start
        var some = $"MATCH (s:N) WHERE s.k % 7 = 1 WITH s MATCH (s){rel}(x) ";
        var one = $"MATCH (s:N {{k: 42}}) WITH s MATCH (s){rel}(x) ";
        foreach (var m in new[] { some, one })
        {
            var fused = m + "RETURN count(DISTINCT x) AS n";
            var expected = await driver.Scalar(m + "WITH DISTINCT x RETURN count(x) AS n");
            Assert.Equal(expected, await driver.Scalar(fused));
            Assert.Equal(expected, (await driver.Profile(fused)).Result.Single()["n"]);
        }

        // a writer's view: relationships created, nodes deleted, uncommitted
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (a:N), (b:N) WHERE a.k % 31 = 2 AND b.k % 37 = 3 CREATE (a)-[:K]->(b), (b)-[:L]->(a), (a)-[:K]->(a)");
        await tx.RunAsync("MATCH (n:N) WHERE n.k % 19 = 4 DETACH DELETE n");
        foreach (var m in new[] { some, one })
        {
            var expected = (await tx.RunAsync(m + "WITH DISTINCT x RETURN count(x) AS n")).Single()[0];
            Assert.Equal(expected, (await tx.RunAsync(m + "RETURN count(DISTINCT x) AS n")).Single()[0]);
        }
        var inTx = RowTexts.Sorted(await tx.RunAsync(plain));
        Assert.Equal(inTx, RowTexts.Sorted(await tx.RunAsync(grouped)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task The_start_is_an_end_only_through_a_trail_back_to_it()
    {
        await using var driver = await Build();
        // starts with self-loops and parallel relationships among the others: s counted when a trail returns to it
        foreach (var rel in new[] { "-[:K*1..2]-", "-[:K*1..3]->", "<-[:L*1..2]-", "-[*1..1]-" })
        {
            var match = $"MATCH (s:N) WITH s MATCH (s){rel}(x) WHERE x = s ";
            Assert.Equal(RowTexts.Sorted(await driver.Run(match + "WITH DISTINCT s, x RETURN s.k AS s, count(x) AS n")),
                RowTexts.Sorted(await driver.Run(match + "RETURN s.k AS s, count(DISTINCT x) AS n")));
        }
    }
}
