using Graph.Client;
using Graph.Engine.Driver;
using Record = Graph.Client.Record;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A record is a view (keys, cells, offset) of its result's shared cells, not an object of its own
/// (<see cref="SharedCellsRecords"/>, <see cref="ChunkedRecords"/>): every record of every size of result reads back
/// its values, by index and by enumeration, at every chunk boundary, also after the session and the driver are gone;
/// a default record has no keys; two reads of one record are equal records; and a result allocates no object per record.
/// </summary>
public class RecordViewTests
{
    [Fact]
    public void A_default_record_has_no_keys_and_no_values()
    {
        var none = default(Record);
        Assert.Empty(none.Keys);
        Assert.Empty(none.Values);
        Assert.Throws<IndexOutOfRangeException>(() => none[0]);
        Assert.Throws<KeyNotFoundException>(() => none["x"]);
        Assert.False(none.ContainsKey("x"));
        Assert.Empty(none.ToDictionary());
        Assert.Equal("{}", none.ToString());
        Assert.Equal(default, none);
    }

    [Fact]
    public void Two_reads_of_one_record_are_equal_and_records_of_other_cells_are_not()
    {
        var buffer = new ResultRecordBuffer();
        buffer.Start(["x"]);
        for (var i = 0; i < 3; i++)
        {
            buffer.Next()[0] = 1L; // equal values in every record
            buffer.Add();
        }
        var records = buffer.Finish();
        Assert.Equal(records[1], records[1]);
        Assert.Equal(records[1].GetHashCode(), records[1].GetHashCode());
        Assert.True(records[0] == records.First());
        Assert.NotEqual(records[0], records[1]); // the same value, another record
        Assert.True(records[0] != records[2]);
        var values = new object?[] { 1L };
        string[] keys = ["x"];
        Assert.Equal(new Record(keys, values), new Record(keys, values));
        Assert.NotEqual(new Record(keys, values), new Record(keys, [1L]));
        Assert.False(records[0].Equals((object)"x"));
    }

    public static TheoryData<int, int> Sizes()
    {
        var sizes = new TheoryData<int, int>();
        foreach (var width in new[] { 0, 1, 2, 3, 5, 7, 64, ResultRecordBuffer.ChunkCells, ResultRecordBuffer.ChunkCells + 1 })
        {
            var perChunk = 1 << ChunkedRecords.ShiftFor(width);
            var counts = new SortedSet<int> { 0, 1, 2, 3 };
            if (width > 0) counts.UnionWith([ResultRecordBuffer.ScratchCells / width, ResultRecordBuffer.ScratchCells / width + 1]);
            if (width <= 64) counts.UnionWith([perChunk - 1, perChunk, perChunk + 1, 3 * perChunk + 5]);
            foreach (var count in counts) sizes.Add(width, count);
        }
        return sizes;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_record_reads_back_its_cells_at_every_size_and_chunk_boundary(int width, int count)
    {
        var keys = Enumerable.Range(0, width).Select(i => "k" + i).ToArray();
        var buffer = new ResultRecordBuffer();
        // twice: the buffer kept by a session starts each result empty
        for (var round = 0; round < 2; round++)
        {
            buffer.Start(keys);
            for (var r = 0; r < count; r++)
            {
                var cells = buffer.Next();
                Assert.Equal(width, cells.Length);
                for (var i = 0; i < width; i++) cells[i] = Value(r, i);
                buffer.Add();
            }
            // a record begun but never added (its statement failed at the end) is not part of the result
            if (width > 0) buffer.Next()[0] = "never added";
            var records = buffer.Finish();
            Assert.Equal(count, records.Count);
            var seen = 0;
            foreach (var record in records)
            {
                Assert.Equal(keys, record.Keys);
                Assert.Equal(Enumerable.Range(0, width).Select(i => Value(seen, i)), record.Values);
                seen++;
            }
            Assert.Equal(count, seen);
            for (var r = 0; r < count; r += Math.Max(1, count / 50))
            {
                for (var i = 0; i < width; i += Math.Max(1, width / 7)) Assert.Equal(Value(r, i), records[r][i]);
                if (width > 0) Assert.Equal(Value(r, width - 1), records[r][keys[^1]]);
            }
            Assert.Throws<ArgumentOutOfRangeException>(() => records[count]);
            Assert.Throws<ArgumentOutOfRangeException>(() => records[-1]);
            Assert.All(buffer.Scratch.ToArray(), Assert.Null);
        }
    }

    // a value of each record and cell, some null, some numbers, some strings
    private static object? Value(int record, int cell) => (record + cell) % 5 == 0 ? null : (record + cell) % 2 == 0 ? $"r{record}c{cell}" : (long)(record * 10_000 + cell);

    [Fact]
    public void A_large_results_chunks_stay_below_the_large_object_heap()
    {
        foreach (var width in new[] { 1, 2, 3, 5, 100, 4096 })
        {
            var shift = ChunkedRecords.ShiftFor(width);
            Assert.True(((long)width << shift) <= ResultRecordBuffer.ChunkCells, $"width {width}");
            Assert.True(((long)width << (shift + 1)) > ResultRecordBuffer.ChunkCells, $"width {width}: a chunk holds as many records as fit");
        }
        Assert.Equal(0, ChunkedRecords.ShiftFor(ResultRecordBuffer.ChunkCells + 1)); // one wider record: a chunk of its own
    }

    private const string Stances =
        "UNWIND range(1, 3) AS e CREATE (x:Expert {id: 'e' + e}) WITH x, e UNWIND range(1, e * 700) AS c " +
        "CREATE (x)-[:ENDORSES]->(:Claim {id: CASE WHEN c % 9 = 0 THEN c ELSE 'c' + c END})";

    [Theory]
    // the record writer's path (positions), the cursor's evaluated columns, and rows collected as they are
    [InlineData("MATCH (e:Expert {id: $id})-[r:ENDORSES|CRITICIZES]->(c:Claim) RETURN c.id AS claim, type(r) AS stance")]
    [InlineData("MATCH (e:Expert {id: $id})-[r:ENDORSES]->(c:Claim) RETURN c.id AS claim, toUpper(type(r)) AS stance, e.id AS expert")]
    [InlineData("MATCH (e:Expert {id: $id})-[:ENDORSES]->(c:Claim) RETURN c.id AS claim, count(*) AS n")]
    public async Task RunAsyncs_records_are_a_streamed_results_and_stay_readable_after_the_driver_is_gone(string query)
    {
        var results = new List<(QueryResult Whole, List<string> Streamed)>();
        await using (var driver = await Engine.NewWith(Stances))
        {
            foreach (var id in new object[] { "e1", "e2", "e3", "nobody", 1L })
            {
                var parameters = new Dictionary<string, object?> { ["id"] = id };
                await using var session = driver.AsyncSession();
                var whole = await session.RunAsync(query, parameters);
                var cursor = await session.StreamAsync(query, parameters);
                var streamed = new List<string>();
                while (await cursor.FetchAsync()) streamed.Add(cursor.Current.ToString());
                await cursor.ConsumeAsync();
                results.Add((whole, streamed));
                // and once more in an explicit transaction that wrote first (the operators' path)
                await using var tx = await session.BeginTransactionAsync();
                await tx.RunAsync("CREATE (:Claim {id: 'new'})");
                var written = await tx.RunAsync(query, parameters);
                Assert.Equal(streamed, written.Records.Select(r => r.ToString()));
                await tx.RollbackAsync();
            }
        }
        Assert.Equal([700, 1400, 2100, 0, 0], results.Select(r => r.Streamed.Count));
        foreach (var (whole, streamed) in results)
        {
            Assert.Equal(streamed, whole.Records.Select(r => r.ToString()));
            Assert.Equal(streamed, Enumerable.Range(0, whole.Records.Count).Select(i => whole.Records[i].ToString()));
        }
    }

    [Fact]
    public async Task A_result_allocates_no_object_per_record()
    {
        await using var driver = await Engine.NewWith(Stances);
        await using var session = driver.AsyncSession();
        const string positions = "MATCH (e:Expert {id: 'e1'})-[r:ENDORSES]->(c:Claim) WHERE c.id IN ['c1', 'c2'] RETURN c.id AS claim, type(r) AS stance";
        var two = await StatementAllocations.OfRerun(session, positions, 2);
        var many = await StatementAllocations.OfRerun(session, "MATCH (e:Expert {id: 'e1'})-[r:ENDORSES]->(c:Claim) RETURN c.id AS claim, type(r) AS stance", 700);
        // 698 records more: their cells (16 bytes each, in chunks) and the writer's reads, not an object of 40 bytes per record
        Assert.True(many - two < 698 * 40, $"700 records allocated {many - two} bytes more than 2");
        // the writer's path again, with values the store holds (no value is made per record): 1 and 15 records
        await session.RunAsync("CREATE (:Expert {id: 'one'})-[:ENDORSES]->(:Claim {id: 'only'}), (:Expert {id: 'fifteen'})");
        await session.RunAsync("MATCH (f:Expert {id: 'fifteen'}) UNWIND range(1, 15) AS c CREATE (f)-[:ENDORSES]->(:Claim {id: 'f' + c})");
        const string of = "MATCH (e:Expert {id: $id})-[r:ENDORSES]->(c:Claim) RETURN c.id AS claim, type(r) AS stance";
        var one = await StatementAllocations.OfRerun(session, of.Replace("$id", "'one'"), 1);
        var fifteen = await StatementAllocations.OfRerun(session, of.Replace("$id", "'fifteen'"), 15);
        // 14 records more: their 28 cells (224 bytes) in the result's one array, no record objects (14 x 40 bytes more)
        Assert.True(fifteen - one < 14 * 40, $"15 records allocated {fifteen - one} bytes more than 1");
    }
}
