using Graph.Client;
using Graph.Engine.Driver;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// One-hop records (positions' shape): the start's relationships read as ids into a list the thread keeps, the columns
/// read by id (the far node's property, <c>type(r)</c>, <c>id(c)</c>, <c>id(r)</c>) written without a call per record,
/// and the result's cells made for the expected count (<see cref="ResultRecordBuffer.Expect"/>). Each statement equals
/// PROFILE's operators in order: far nodes failing the label (fewer records than expected), two start rows (more),
/// parallel relationships, self-loops, both directions, ids that are numbers, nulls and lists; in a transaction
/// that changed and removed ids, relabelled and deleted far nodes and made a relationship, uncommitted; a start of more
/// relationships than are read as ids (read as the operators read them), then small ones on the same thread.
/// </summary>
public class OneHopRecordTests
{
    private static readonly string[] Graph =
    [
        "CREATE CONSTRAINT e_id FOR (n:E) REQUIRE n.id IS UNIQUE",
        "CREATE (e:E {id: 'e'}), (f:E {id: 'f'}), (a:C {id: 'a'}), (b:C {id: 7}), (c:C), (d:C {id: [1, 2]}), (g:C {id: 2.5}), " +
        "(u {id: 'unlabelled'}), (x:X {id: 'x'}) " +
        "CREATE (e)-[:EN]->(a), (e)-[:EN]->(a), (e)-[:CR]->(a), (e)-[:EN]->(b), (e)-[:CR]->(c), (e)-[:EN]->(d), (e)-[:CR]->(g), " +
        "(e)-[:EN]->(u), (e)-[:CR]->(x), (e)-[:EN]->(e), (a)-[:CR]->(e), (f)-[:EN]->(a), (f)-[:CR]->(b), (b)-[:EN]->(f)",
        "MATCH (d:C {id: [1, 2]}) SET d.m = 1",
    ];

    public static TheoryData<string> Written => new()
    {
        "MATCH (e:E {id: 'e'})-[r:EN|CR]->(c:C) RETURN c.id AS claim, type(r) AS stance",
        "MATCH (e:E {id: 'e'})-[r:EN|CR]->(c:C) RETURN type(r), id(c), id(r), c.id",
        "MATCH (e:E {id: 'e'})-[r]-(c) RETURN id(r), c.id",
        "MATCH (e:E {id: 'e'})<-[r:EN|CR]-(c) RETURN c.id, type(r)",
        "MATCH (e:E {id: 'e'})-[r:EN]->(c:C) RETURN type(r)",
        "MATCH (e:E {id: 'e'})-[r:EN|CR]->(c:C) RETURN c.m, c.id",
        // two start rows (a label scan): more records than the first row's relationships
        "MATCH (e:E)-[r:EN|CR]->(c:C) RETURN c.id, type(r)",
        "MATCH (e:E)-[r:EN|CR]-(c) RETURN c.id, type(r), id(c)",
        // a start with no relationship of the types, one that does not exist, a label nobody has
        "MATCH (e:E {id: 'e'})-[r:NONE]->(c:C) RETURN c.id, type(r)",
        "MATCH (e:E {id: 'zz'})-[r:EN]->(c:C) RETURN c.id, type(r)",
        "MATCH (e:E {id: 'e'})-[r:EN|CR]->(c:NOLABEL) RETURN c.id, type(r)",
    };

    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        foreach (var statement in Graph) await driver.Run(statement);
        return driver;
    }

    [Theory]
    [MemberData(nameof(Written))]
    public async Task Records_read_by_id_equal_the_operators(string query)
    {
        await using var driver = await Build();
        Assert.True(driver.Compile(query).Root is ProjectOp { RecordWriter: not null });
        var expected = RowTexts.InOrder(await driver.Run("PROFILE " + query));
        await using var session = driver.AsyncSession();
        Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query)));
        Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query)));
    }

    [Theory]
    [MemberData(nameof(Written))]
    public async Task Records_read_by_id_in_a_written_transaction_equal_the_operators(string query)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        // an id changed to a number and one removed, a far node relabelled, one deleted, a new relationship and a
        // far node given the label
        await tx.RunAsync("MATCH (a:C {id: 'a'}) SET a.id = 11");
        await tx.RunAsync("MATCH (g:C {id: 2.5}) REMOVE g.id");
        await tx.RunAsync("MATCH (b:C {id: 7}) REMOVE b:C SET b:X");
        await tx.RunAsync("MATCH (d:C) WHERE d.m = 1 DETACH DELETE d");
        await tx.RunAsync("MATCH (e:E {id: 'e'}), (x:X {id: 'x'}) SET x:C CREATE (e)-[:EN]->(x), (e)-[:CR]->(:C {id: 'new'})");
        var expected = RowTexts.InOrder(await tx.RunAsync("PROFILE " + query));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(query)));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(query)));
        await tx.RollbackAsync();
        Assert.Equal(RowTexts.InOrder(await session.RunAsync("PROFILE " + query)), RowTexts.InOrder(await session.RunAsync(query)));
    }

    [Fact]
    public async Task A_start_of_many_relationships_then_small_ones_equal_the_operators()
    {
        await using var driver = await Build();
        await driver.Run("CREATE (h:E {id: 'hub'}) WITH h UNWIND range(1, 1500) AS i CREATE (h)-[:EN]->(:C {id: i})");
        await using var session = driver.AsyncSession();
        foreach (var query in new[]
        {
            "MATCH (e:E {id: 'hub'})-[r:EN|CR]->(c:C) RETURN c.id, type(r)",
            "MATCH (e:E {id: 'e'})-[r:EN|CR]->(c:C) RETURN c.id, type(r)",
            // three start rows, the hub's among them
            "MATCH (e:E)-[r:EN|CR]->(c:C) RETURN c.id, type(r), e.id",
            "MATCH (e:E {id: 'f'})-[r]-(c) RETURN c.id, type(r)",
            "MATCH (e:E {id: 'hub'})-[r:EN|CR]->(c:C) RETURN c.id, type(r)",
        })
        {
            var expected = RowTexts.InOrder(await driver.Run("PROFILE " + query));
            Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query)));
        }
    }

    /// <summary>What a buffer collects with <see cref="ResultRecordBuffer.Expect"/> of some count and without.</summary>
    [Theory]
    // (expected, written, width): exactly, fewer, none, more (through the scratch), past the scratch (chunks)
    [InlineData(15, 15, 2)]
    [InlineData(15, 3, 2)]
    [InlineData(15, 1, 2)]
    [InlineData(15, 0, 2)]
    [InlineData(15, 16, 2)]
    [InlineData(15, 40, 2)]
    [InlineData(400, 400, 2)]
    [InlineData(400, 700, 2)]
    [InlineData(512, 512, 2)]
    [InlineData(513, 513, 2)]
    [InlineData(1, 5, 2)]
    [InlineData(0, 5, 3)]
    [InlineData(7, 7, 0)]
    [InlineData(3, 9, 1)]
    public void Expected_counts_give_the_records_of_a_buffer_without_them(int expected, int written, int width)
    {
        var keys = Enumerable.Range(0, width).Select(i => "k" + i).ToArray();
        static List<string> Collect(ResultRecordBuffer buffer, string[] keys, int expect, int written, bool failed)
        {
            buffer.Start(keys);
            if (expect >= 0) buffer.Expect(expect);
            for (var i = 0; i < written; i++)
            {
                var cells = buffer.Next();
                for (var c = 0; c < cells.Length; c++) cells[c] = c % 2 == 0 ? "v" + i + "." + c : (object)(long)i;
                buffer.Add();
                // a second hint once records came changes nothing
                if (i == 0) buffer.Expect(expect + 3);
            }
            if (failed)
            {
                if (keys.Length > 0) buffer.Next()[0] = "never added";
                buffer.Clear();
                return [];
            }
            if (keys.Length > 0) buffer.Next()[0] = "never added";
            return buffer.Finish().Select(r => r.ToString()).ToList();
        }
        var plain = Collect(new ResultRecordBuffer(), keys, -1, written, false);
        Assert.Equal(written, plain.Count);
        var buffer = new ResultRecordBuffer();
        // twice on one buffer, a failed statement between them
        Assert.Equal(plain, Collect(buffer, keys, expected, written, false));
        Assert.True(buffer.Scratch.ToArray().All(c => c is null));
        Assert.Empty(Collect(buffer, keys, expected, written, true));
        Assert.True(buffer.Scratch.ToArray().All(c => c is null));
        Assert.Equal(plain, Collect(buffer, keys, expected, written, false));
        Assert.True(buffer.Scratch.ToArray().All(c => c is null));
    }

    [Fact]
    public async Task A_memory_limit_stops_a_start_of_many_relationships_where_it_stops_the_operators()
    {
        // 6,000 relationships (~192 KB as the expand counts them): the limit falls at their read, or at a record
        foreach (var limit in new[] { 150_000L, 300_000L })
        {
            await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = limit, SyncOnCommit = false });
            await driver.Run("CREATE CONSTRAINT e_id FOR (n:E) REQUIRE n.id IS UNIQUE");
            await driver.Run("CREATE (:E {id: 'hub'})");
            for (var from = 1; from <= 6000; from += 200)
                await driver.Run("MATCH (h:E {id: 'hub'}) UNWIND range($from, $from + 199) AS i CREATE (h)-[:EN]->(:C {id: 'c' + toString(i)})",
                    new { from = (long)from });
            const string query = "MATCH (e:E {id: 'hub'})-[r:EN]->(c:C) RETURN c.id, type(r)";
            var profiled = await Xunit.Record.ExceptionAsync(() => driver.Run("PROFILE " + query));
            var written = await Xunit.Record.ExceptionAsync(() => driver.Run(query));
            Assert.IsType<TransientException>(profiled);
            Assert.Equal(profiled.Message, written?.Message);
        }
    }
}
