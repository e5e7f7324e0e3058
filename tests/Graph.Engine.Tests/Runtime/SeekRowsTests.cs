using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A node seek reads an Argument source's row directly, and a seek whose consumer is done with each row before the
/// next reads its source's rows transiently (a seek below it then overwrites one buffer instead of copying a row per node).
/// </summary>
public class SeekRowsTests
{
    /// <summary>Fictional records: 2,001 P nodes share k = 1 or 1.0 (no unique constraint); Q nodes with k = 2, 2.0, 3 and none.</summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = await Engine.NewWith("UNWIND range(1, 2000) AS i CREATE (:P {k: 1, i: i})");
        await driver.Run("CREATE (:Q {k: 2, i: -1}), (:Q {i: -2}), (:Q {k: 2.0, i: -3}), (:Q {k: 3, i: -4}), (:P {k: 1.0, i: 0})");
        await driver.Run("CREATE INDEX p_k FOR (n:P) ON (n.k)");
        await driver.Run("CREATE INDEX q_k FOR (n:Q) ON (n.k)");
        return driver;
    }

    // each against a scan and filter the planner cannot turn into a seek (k + 0 is k for every number, and null for null)
    public static TheoryData<string, string> SeekPairs => new()
    {
        // two seeks, the lower one with many nodes; 1 and 1.0 (and 2 and 2.0) are the same key
        { "MATCH (a:P {k: 1}), (b:Q {k: 2}) RETURN a.i, b.i", "MATCH (a:P), (b:Q) WHERE a.k + 0 = 1 AND b.k + 0 = 2 RETURN a.i, b.i" },
        { "MATCH (b:Q {k: 2.0}) MATCH (a:P {k: $k}) RETURN a.i, b.i", "MATCH (b:Q), (a:P) WHERE b.k + 0 = 2.0 AND a.k + 0 = $k RETURN a.i, b.i" },
        // a NULL key finds nothing
        { "MATCH (a:P {k: 1}), (b:Q {k: $none}) RETURN a.i, b.i", "MATCH (a:P), (b:Q) WHERE a.k + 0 = 1 AND b.k + 0 = $none RETURN a.i, b.i" },
        // under an aggregation and a sort (consumers that keep rows or values)
        { "MATCH (a:P {k: 1}), (b:Q {k: 2}) RETURN b.i AS b, count(a) AS n, collect(a.i)[0..3] AS some",
          "MATCH (a:P), (b:Q) WHERE a.k + 0 = 1 AND b.k + 0 = 2 RETURN b.i AS b, count(a) AS n, collect(a.i)[0..3] AS some" },
        { "MATCH (a:P {k: 1}), (b:Q {k: 2}) RETURN a, b ORDER BY a.i DESC LIMIT 5", "MATCH (a:P), (b:Q) WHERE a.k + 0 = 1 AND b.k + 0 = 2 RETURN a, b ORDER BY a.i DESC LIMIT 5" },
    };

    [Theory]
    [MemberData(nameof(SeekPairs))]
    public async Task Seeks_return_the_rows_of_a_scan_and_filter(string seek, string scan)
    {
        await using var driver = await Build();
        var parameters = new Dictionary<string, object?> { ["k"] = 1L, ["none"] = null };
        Assert.Contains("NodeIndexSeek", driver.Explain(seek));
        Assert.DoesNotContain("NodeIndexSeek", driver.Explain(scan));
        var expected = RowTexts.Sorted(await driver.Run(scan, parameters));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(seek, parameters)));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run("PROFILE " + seek, parameters)));
        await using var session = driver.AsyncSession();
        var cursor = await session.StreamAsync(seek, parameters);
        var streamed = new List<string>();
        while (await cursor.FetchAsync()) streamed.Add(string.Join("|", cursor.Current.Values.Select(ReadPlanShapeTests.Show)));
        Assert.Equal(expected, streamed.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_seek_above_another_copies_no_row_per_node_of_the_one_below()
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var one = await StatementAllocations.OfRerun(session, "MATCH (a:P {k: 1}) RETURN a.i AS i", 2001);
        // the seek of b runs once per node a's seek finds
        const string two = "MATCH (a:P {k: 1}) MATCH (b:Q {k: 3}) RETURN a.i AS i";
        var plan = driver.Explain(two);
        Assert.True(plan.IndexOf("NodeIndexSeek(b") < plan.IndexOf("NodeIndexSeek(a"), plan);
        var both = await StatementAllocations.OfRerun(session, two, 2001);
        // per row of the lower seek, the upper one's node value (24 bytes) and the store's answer (a 32-byte array); a
        // copy of the lower seek's row per node would add 56 bytes more
        Assert.True(both - one < 2001 * 80, $"the second seek allocated {both - one} bytes over 2,001 rows");
    }
}
