using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// Node property reads remembered for a few rows in a statement that writes nothing (<c>a.id</c> compared on every row,
/// <c>b.id</c> read by a filter and again above it), and read anew wherever a value can change.
/// </summary>
public class PropertyMemoTests
{
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        // 1 and 1.0, a missing id, a list value, two nodes sharing an id
        await driver.Run("CREATE (a:P {id: 'a', v: 1}), (b:P {id: 'b', v: 1.0}), (c:P {v: [1, 2]}), (d:P {id: 'a', v: 2}) " +
                         "WITH a, b, c, d UNWIND range(1, 40) AS i CREATE (x:Q {id: 'q' + toString(i % 7), v: i % 3}) " +
                         "CREATE (a)-[:K]->(x), (b)-[:K]->(x), (x)-[:K]->(c), (d)-[:K]->(x)");
        return driver;
    }

    [Theory]
    // the bound node's property on every row, the far node's property read by the filter and by the aggregation
    [InlineData("MATCH (a:P)-[:K]->(:Q)<-[:K]-(b) WHERE b.id <> a.id RETURN a.id, b.id AS ally, count(*) AS n",
        "MATCH (a:P)-[:K]->(:Q)<-[:K]-(b) WITH a, b, [a.id, b.id] AS ids WHERE ids[1] <> ids[0] RETURN ids[0], ids[1] AS ally, count(*) AS n")]
    [InlineData("MATCH (a:P), (x:Q) WHERE x.v = a.v RETURN a.id, x.id, x.v, a.v",
        "MATCH (a:P), (x:Q) WITH a, x, [x.v, a.v] AS vs WHERE vs[0] = vs[1] RETURN a.id, x.id, vs[0], vs[1]")]
    public async Task Remembered_reads_return_the_values_read_from_the_store(string query, string plain)
    {
        await using var driver = await Build();
        var expected = RowTexts.Sorted(await driver.Run(plain));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(query)));
    }

    [Fact]
    public async Task A_read_only_statement_reads_a_bound_nodes_property_once_for_all_rows()
    {
        await using var driver = await Build();
        await driver.Run("UNWIND range(1, 300) AS i CREATE (:R {id: i})");
        const string query = "MATCH (a:P) WHERE a.id = 'b' WITH a MATCH (x:R) WHERE x.id <> a.id RETURN count(*)";
        var run = await driver.Profile(query);
        Assert.Equal(300L, run.Result.Records.Single()[0]);
        var filter = run.Profile.For(run.Plan.Root.Descendants().OfType<FilterOp>().Single(f => f.Describe().Contains("x.id", StringComparison.Ordinal)));
        // x.id once per row (300 nodes); a.id only until the memo exists (the first 64 reads) and when a row's x takes
        // its memo entry: not twice per row (600)
        Assert.Equal(300, filter.Rows);
        Assert.InRange(filter.DbHits, 300, 400);
    }

    [Fact]
    public async Task A_write_statement_reads_every_property_anew()
    {
        await using var driver = await Build();
        // each row reads a.n and raises it: a remembered first value would leave 1
        var result = await driver.Run("MATCH (a {id: 'b'}) SET a.n = 0 WITH a MATCH (x:Q) SET a.n = a.n + 1 RETURN a.n AS n");
        Assert.Equal(Enumerable.Repeat((object?)40L, 40), result.Records.Select(r => r["n"]));
    }

    [Fact]
    public async Task A_statement_after_a_write_in_the_same_transaction_sees_the_new_values()
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        const string read = "MATCH (a {id: 'b'}), (x:Q) WHERE x.v <= a.v RETURN x.v AS v, a.v AS av";
        var streamed = await tx.StreamAsync(read);
        Assert.True(await streamed.FetchAsync());
        // the write buffers the rest of the streamed read first: it still sees the old value
        await tx.RunAsync("MATCH (a {id: 'b'}) SET a.v = 0");
        var rest = new List<object?>();
        while (await streamed.FetchAsync()) rest.Add(streamed.Current["av"]);
        Assert.All(rest, av => Assert.Equal(1.0, av));
        var after = await tx.RunAsync(read);
        Assert.All(after.Records, r => Assert.Equal(0L, r["av"]));
        Assert.Equal(13, after.Records.Count);
        await tx.RollbackAsync();
    }
}
