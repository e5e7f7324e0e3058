using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// Rows copied into reused buffers element by element when narrow (<see cref="RowCopy"/>), and results handed out as
/// arrays copied the same way when small (<see cref="Driver.ResultRecordBuffer"/>): the same rows as a bulk copy, at
/// every width and count around the switch.
/// </summary>
public class RowCopyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void A_row_is_copied_whole_into_a_buffer_as_long_or_longer(int width)
    {
        var row = Enumerable.Range(0, width).Select(i => i % 3 == 0 ? null : (object?)(i % 2 == 0 ? i.ToString() : (long)i)).ToArray();
        var exact = new object?[width];
        RowCopy.Into(row, exact);
        Assert.Equal(row, exact);
        var longer = Enumerable.Repeat((object?)"kept", width + 2).ToArray();
        RowCopy.Into(row, longer);
        Assert.Equal(row, longer.Take(width));
        Assert.Equal(["kept", "kept"], longer.Skip(width));
        // a covariant buffer (a string[] seen as object[]) is copied with the runtime's type checks
        var strings = Enumerable.Range(0, width).Select(i => (object?)i.ToString()).ToArray();
        object?[] covariant = new string[width];
        RowCopy.Into(strings, covariant);
        Assert.Equal(strings, covariant);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(2000)]
    public async Task A_result_holds_every_record_in_order(int count)
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        for (var run = 0; run < 2; run++) // the second run collects into the session's kept list
        {
            var result = await session.RunAsync("UNWIND range(1, $n) AS i RETURN i, 'r' + i AS s", new Dictionary<string, object?> { ["n"] = (long)count });
            Assert.Equal(count, result.Records.Count);
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(i + 1L, result.Records[i][0]);
                Assert.Equal("r" + (i + 1), result.Records[i][1]);
            }
        }
    }

    [Fact]
    public async Task Expands_and_seeks_under_rows_wider_than_the_elementwise_copy_keep_every_slot()
    {
        await using var driver = await Engine.NewWith("CREATE (a:P {id: 'a'})-[:R]->(:Q {n: 1}), (a)-[:R]->(:Q {n: 2}), (a)-[:S]->(a)");
        // twenty values carried through a seek, an expand and a projection on a transient path
        var carried = string.Join(", ", Enumerable.Range(1, 20).Select(i => $"{i} AS c{i}"));
        var sum = string.Join(" + ", Enumerable.Range(1, 20).Select(i => $"c{i}"));
        var result = await driver.Run(
            $"WITH {carried} MATCH (a:P {{id: 'a'}})-[r]->(b) RETURN type(r) AS t, coalesce(b.n, b.id) AS b, {sum} AS s, c20 ORDER BY t, b");
        Assert.Equal(["R 1 210 20", "R 2 210 20", "S a 210 20"],
            result.Records.Select(r => string.Join(" ", r.Values)));
    }
}
