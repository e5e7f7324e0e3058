using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A statement that only read hands out a result whose summary is made when first asked for; it says what a summary
/// made at the end said (the query, its type, a measured time, no counters, bookmark or plan), and writes, schema
/// changes, EXPLAIN and PROFILE still have theirs made at the end.
/// </summary>
public class ResultSummaryTests
{
    [Fact]
    public async Task A_read_s_summary_says_what_ran_and_when_its_result_was_available()
    {
        await using var driver = await Engine.NewWith("UNWIND range(1, 20000) AS i CREATE (:N {i: i})");
        await using var session = driver.AsyncSession();
        const string query = "MATCH (n:N) WHERE n.i % 7 = 0 RETURN count(*) AS c";
        var result = await session.RunAsync(query);
        var summary = result.Summary;
        Assert.Same(summary, result.Summary); // made once
        Assert.Equal(query, summary.Query);
        Assert.Equal(QueryType.ReadOnly, summary.QueryType);
        Assert.Same(Counters.None, summary.Counters);
        Assert.Same(Counters.None, result.Counters);
        Assert.Null(summary.Bookmark);
        Assert.Null(summary.Plan);
        Assert.Empty(summary.Notifications);
        Assert.True(summary.ResultAvailableAfter > TimeSpan.Zero, "a scan of 20,000 nodes took some time");
        Assert.True(summary.ResultAvailableAfter < TimeSpan.FromMinutes(5));
        // the same in an explicit transaction, and through a streamed cursor's ConsumeAsync
        await using (var tx = await session.BeginTransactionAsync())
        {
            var inTx = (await tx.RunAsync(query)).Summary;
            Assert.Equal((query, QueryType.ReadOnly, (string?)null), (inTx.Query, inTx.QueryType, inTx.Bookmark));
            Assert.Same(Counters.None, inTx.Counters);
            await tx.CommitAsync();
        }
        var cursor = await session.StreamAsync(query);
        var consumed = await cursor.ConsumeAsync();
        Assert.Equal((query, QueryType.ReadOnly, (string?)null, (PlanDescription?)null), (consumed.Query, consumed.QueryType, consumed.Bookmark, consumed.Plan));
        Assert.True(consumed.ResultAvailableAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task Writes_schema_changes_explain_and_profile_keep_their_counters_bookmarks_and_plans()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var write = await session.RunAsync("CREATE (:N {i: 1}), (:N {i: 2}) RETURN 1 AS one");
        Assert.Equal(2, write.Summary.Counters.NodesCreated);
        Assert.Equal(QueryType.ReadWrite, write.Summary.QueryType);
        Assert.NotNull(write.Summary.Bookmark);
        Assert.Equal(session.LastBookmarks[0], write.Summary.Bookmark);
        var schema = await session.RunAsync("CREATE INDEX n_i FOR (n:N) ON (n.i)");
        Assert.Equal(QueryType.SchemaWrite, schema.Summary.QueryType);
        Assert.Equal(1, schema.Summary.Counters.IndexesAdded);
        Assert.NotEqual(write.Summary.Bookmark, schema.Summary.Bookmark);
        var explained = await session.RunAsync("EXPLAIN MATCH (n:N {i: $i}) RETURN n.i AS i");
        Assert.NotNull(explained.Summary.Plan);
        var profiled = await session.RunAsync("PROFILE MATCH (n:N {i: $i}) RETURN n.i AS i", new Dictionary<string, object?> { ["i"] = 1L });
        Assert.NotNull(profiled.Summary.Plan);
        Assert.Single(profiled.Records);
        // a write in an explicit transaction: its counters, no bookmark before the commit
        await using var tx = await session.BeginTransactionAsync();
        var inTx = await tx.RunAsync("MATCH (n:N {i: 1}) SET n.j = 1");
        Assert.Equal(1, inTx.Summary.Counters.PropertiesSet);
        Assert.Null(inTx.Summary.Bookmark);
        await tx.RollbackAsync();
    }

    [Fact]
    public void A_result_made_with_a_summary_hands_out_that_summary()
    {
        var summary = new ResultSummary { Query = "RETURN 1", ResultAvailableAfter = TimeSpan.FromMilliseconds(3) };
        var result = new QueryResult(["x"], [], summary);
        Assert.Same(summary, result.Summary);
        Assert.Same(summary.Counters, result.Counters);
    }
}
