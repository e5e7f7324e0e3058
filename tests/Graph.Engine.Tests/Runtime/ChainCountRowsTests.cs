using Graph.Engine.Driver;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The rows a ChainCount hands out: for a consumer done with each row before the next (the result cursor, through the
/// projection of the aggregates) every group is written into one buffer, reset to the argument's slots each time; for
/// any other consumer each group has a row of its own.
/// </summary>
public class ChainCountRowsTests
{
    private const string Graph =
        "UNWIND range(0, 5) AS k CREATE (:S {id: k}) WITH 1 AS one " +
        "UNWIND range(0, 29) AS k CREATE (c:C {id: k % 9, n: k}) WITH c MATCH (s:S) WHERE s.id = c.n % 6 CREATE (c)-[:T]->(s) WITH DISTINCT 1 AS one " +
        "UNWIND range(0, 59) AS k CREATE (e:E {id: k}) WITH e MATCH (c:C) WHERE (c.n + e.id) % 7 = 0 CREATE (e)-[:A]->(c) " +
        "WITH DISTINCT e MATCH (c:C) WHERE (c.n * 2 + e.id) % 11 = 0 CREATE (e)-[:B]->(c)";

    private const string Fused = "MATCH (p:S)<-[:T]-(c:C)<-[r:A|B]-(e:E) RETURN p.id AS p, c.id AS c, type(r) AS t, count(*) AS n";

    [Fact]
    public async Task A_transient_consumer_gets_every_group_in_one_buffer_and_the_same_groups_as_an_owning_one()
    {
        await using var driver = await Engine.NewWith(Graph);
        var statement = driver.Compile(Fused);
        var chain = Operators(statement.Root).OfType<ChainCountOp>().Single();
        using var tx = driver.Store.BeginTransaction(write: false);

        var owned = Rows(tx, driver, statement.SlotCount, ctx => chain.Execute(ctx, new object?[statement.SlotCount]), out var ownedArrays);
        var transient = Rows(tx, driver, statement.SlotCount, ctx => chain.ExecuteTransient(ctx, new object?[statement.SlotCount]), out var transientArrays);

        Assert.True(owned.Count > 20);
        Assert.Equal(owned.Count, ownedArrays); // a row per group
        Assert.Equal(1, transientArrays); // one buffer for all
        Assert.Equal(owned, transient); // the same groups, in the same order, each read before the next
    }

    /// <summary>The fused query and its row-by-row form (a WITH between the MATCH and the aggregation keeps them apart).</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        // the projection above computes columns of its own into the row it is given
        {
            Fused.Replace("count(*) AS n", "count(*) AS n, count(*) * 2 AS twice"),
            "MATCH (p:S)<-[:T]-(c:C)<-[r:A|B]-(e:E) WITH p, c, r RETURN p.id AS p, c.id AS c, type(r) AS t, count(*) AS n, count(*) * 2 AS twice"
        },
        // a correlated subquery: each group's row keeps the outer row's slots
        {
            "MATCH (p:S) CALL { WITH p MATCH (p)<-[:T]-(c:C)<-[r:A|B]-(e:E) RETURN c.id AS c, type(r) AS t, count(*) AS n } RETURN p.id AS p, c, t, n",
            "MATCH (p:S) CALL { WITH p MATCH (p)<-[:T]-(c:C)<-[r:A|B]-(e:E) WITH c, r RETURN c.id AS c, type(r) AS t, count(*) AS n } RETURN p.id AS p, c, t, n"
        },
        // rows kept by a sort above: each needs its own array
        { Fused + " ORDER BY c, p, t", "MATCH (p:S)<-[:T]-(c:C)<-[r:A|B]-(e:E) WITH p, c, r RETURN p.id AS p, c.id AS c, type(r) AS t, count(*) AS n ORDER BY c, p, t" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Records_made_from_the_groups_equal_the_row_by_row_aggregation(string fused, string rowByRow)
    {
        await using var driver = await Engine.NewWith(Graph);
        Assert.Contains("ChainCount", driver.Explain(fused));
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.Sorted(await driver.Run(rowByRow));
        Assert.True(expected.Count > 20);
        Assert.Equal(expected.Count, expected.Distinct().Count());
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(fused)));
    }

    [Fact]
    public async Task A_statement_after_one_with_more_groups_counts_from_zero()
    {
        // the groups' cells go back to a pool after each statement: the next one's must hold none of their counts
        await using var driver = await Engine.NewWith(Graph);
        const string rowByRow = "MATCH (p:S)<-[:T]-(c:C)<-[r:A|B]-(e:E) WITH p, c, r RETURN p.id AS p, c.id AS c, type(r) AS t, count(*) AS n";
        Assert.Equal(RowTexts.Sorted(await driver.Run(rowByRow)), RowTexts.Sorted(await driver.Run(Fused)));
        await driver.Run("MATCH (e:E) WHERE e.id % 3 = 0 DETACH DELETE e");
        var fewer = RowTexts.Sorted(await driver.Run(rowByRow));
        Assert.NotEmpty(fewer);
        Assert.Equal(fewer, RowTexts.Sorted(await driver.Run(Fused)));
        Assert.Equal(fewer, RowTexts.Sorted(await driver.Run(Fused)));
    }

    /// <summary>Each row's slots as text, read before the next row is asked for; and how many distinct arrays held them.</summary>
    private static List<string> Rows(Graph.Storage.StorageTransaction tx, EmbeddedDriver driver, int width, Func<QueryContext, IEnumerable<object?[]>> run, out int arrays)
    {
        var ctx = new QueryContext(tx, driver.Store.Tokens, ParameterValues.None, new EngineOptions(), CancellationToken.None, null);
        var texts = new List<string>();
        var seen = new HashSet<object?[]>(ReferenceEqualityComparer.Instance);
        foreach (var row in run(ctx))
        {
            Assert.Equal(width, row.Length);
            seen.Add(row);
            texts.Add(string.Join("|", row.Select(ReadPlanShapeTests.Show)));
        }
        arrays = seen.Count;
        return texts;
    }

    private static IEnumerable<PlanOperator> Operators(PlanOperator op) => [op, .. op.Children.SelectMany(Operators)];
}
