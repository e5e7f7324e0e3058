using Graph.Client;
using Graph.Engine.Driver;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// <see cref="HopRecordWriter"/> writes its records in batches (16 far nodes' values read in one store call) into the
/// cells <see cref="ResultRecordBuffer"/> hands out (the first record's own array, the scratch, then chunks): results of
/// every boundary (0, 1, a batch, a batch and one, the scratch's end, a chunk's end, several chunks) equal the
/// operators', also in a transaction that deleted some far nodes; and the memory limit stops the records where it stops
/// the operators, with their message, for plain records, plain records between converted ones, and an evaluated column.
/// </summary>
public class RecordBatchTests
{
    /// <summary>Results of the writer with 0, 1, 15, 16, 17, 32, 33 records, the scratch's end for two columns (512) and past it, a chunk's end (2,048) and past it.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(5000)]
    public async Task Written_results_of_every_batch_boundary_equal_the_operators(int size)
    {
        await using var driver = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false });
        await driver.Run("CREATE CONSTRAINT h_id FOR (n:H) REQUIRE n.id IS UNIQUE");
        // far nodes of strings, numbers, nulls and lists (converted), one without the label
        await driver.Run("CREATE (h:H {id: 'h'}) WITH h UNWIND range(1, $size) AS i " +
            "CREATE (h)-[:K {w: i}]->(:C {id: CASE i % 4 WHEN 0 THEN 'c' + toString(i) WHEN 1 THEN i WHEN 2 THEN null ELSE [i] END})",
            new { size = (long)size });
        await driver.Run("MATCH (h:H {id: 'h'}) CREATE (h)-[:K]->({id: 'unlabelled'})");
        foreach (var query in new[]
        {
            "MATCH (h:H {id: 'h'})-[r:K]->(c:C) RETURN c.id, type(r)",
            "MATCH (h:H {id: 'h'})-[r:K]->(c:C) RETURN c.id AS id, r.w, h.id",
        })
        {
            Assert.NotNull(driver.Compile(query).Root is ProjectOp { RecordWriter: { } w } ? w : null);
            var expected = RowTexts.InOrder(await driver.Run("PROFILE " + query));
            Assert.Equal(size, expected.Count);
            await using var session = driver.AsyncSession();
            Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query)));
            Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query)));
            await using var tx = await session.BeginTransactionAsync();
            await tx.RunAsync("MATCH (c:C) WITH c LIMIT 3 DETACH DELETE c");
            Assert.Equal(RowTexts.InOrder(await tx.RunAsync("PROFILE " + query)), RowTexts.InOrder(await tx.RunAsync(query)));
        }
    }

    [Theory]
    // each record keeps ~88 bytes against a 1 MB limit: the limit falls past ~11,900 records
    // plain records (strings): the limit falls inside a batch of records counted together
    [InlineData("MATCH (h:H {id: 'h'})-[r:K]->(c:C) RETURN c.id, type(r)", 15000)]
    [InlineData("MATCH (h:H {id: 'h'})-[r:K]->(c:C) RETURN c.id, type(r)", 15013)]
    // plain records between converted ones (every fifth far node's value is a list)
    [InlineData("MATCH (h:H {id: 'h'})-[r:K]->(c:C) RETURN c.x, c.id", 12001)]
    // an evaluated column (each record counted on its own)
    [InlineData("MATCH (h:H {id: 'h'})-[r:K]->(c:C) RETURN c.id, h.id", 15000)]
    public async Task A_memory_limit_inside_a_batch_stops_where_it_stops_the_operators(string query, int relationships)
    {
        foreach (var limit in new[] { 1L << 20, (1L << 20) + 40, (1L << 20) + 4000 })
        {
            await using var driver = EmbeddedDriver.InMemory(new EngineOptions { QueryMemoryLimit = limit, SyncOnCommit = false });
            await driver.Run("CREATE CONSTRAINT h_id FOR (n:H) REQUIRE n.id IS UNIQUE");
            await driver.Run("CREATE (:H {id: 'h'})");
            for (var from = 1; from <= relationships; from += 500)
                await driver.Run("MATCH (h:H {id: 'h'}) UNWIND range($from, $to) AS i " +
                    "CREATE (h)-[:K]->(:C {id: 'c' + toString(i), x: CASE WHEN i % 5 = 0 THEN range(1, 20) ELSE i END})",
                    new { from = (long)from, to = (long)Math.Min(relationships, from + 499) });
            Assert.NotNull(driver.Compile(query).Root is ProjectOp { RecordWriter: { } w } ? w : null);
            var profiled = await Xunit.Record.ExceptionAsync(() => driver.Run("PROFILE " + query));
            var written = await Xunit.Record.ExceptionAsync(() => driver.Run(query));
            Assert.IsType<TransientException>(profiled);
            Assert.Equal(profiled.GetType(), written?.GetType());
            Assert.Equal(profiled.Message, written!.Message);
            // the session goes on
            await using var session = driver.AsyncSession();
            Assert.Single((await session.RunAsync("RETURN 1 AS one")).Records);
        }
    }
}
