using Graph.Client;
using Graph.Engine.Driver;
using Graph.Engine.Functions;
using Graph.Engine.Runtime;
using Record = Graph.Client.Record;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// What a statement allocates per row and per result (a one-argument function called without an argument array,
/// RunAsync's records in one array of their exact number collected in a list the session reuses) does not change what
/// it returns: values, nulls, errors, and records that stay as they were while the session runs other statements.
/// </summary>
public class StatementCostTests
{
    private static readonly object?[] Samples =
    [
        0L, -3L, 42L, 2.5, -0.0, double.NaN, "", " Ab c ", "ÅäÖ", true, false,
        new List<object?> { 1L, "x", null }, new List<object?>(), new Dictionary<string, object?> { ["k"] = 1L },
    ];

    [Fact]
    public async Task Every_one_argument_function_gives_through_its_direct_form_what_its_argument_array_form_gives()
    {
        await using var driver = await Engine.NewWith("CREATE (:A {n: 1})-[:R {w: 2}]->(:B)");
        using var tx = driver.Store.BeginTransaction(write: false);
        var ctx = new QueryContext(tx, driver.Store.Tokens, ParameterValues.None, new EngineOptions(), CancellationToken.None, null);
        var rel = tx.Relationship(0);
        object?[] values = [.. Samples, new NodeValue(0), new NodeValue(1), new RelValue(rel.Id, rel.Type, rel.Start, rel.End)];
        var unary = ScalarFunctions.Names.Select(n => ScalarFunctions.TryGet(n, out var d) ? d : null).Where(d => d?.Unary is not null).ToList();
        Assert.Contains(unary, d => d!.Name == "type");
        Assert.Contains(unary, d => d!.Name == "toUpper");
        foreach (var definition in unary)
        {
            Assert.Null(definition!.Invoke([null], ctx)); // the direct form is never called with null: the caller answers null
            foreach (var value in values)
                Assert.Equal(Outcome(() => definition.Invoke([value], ctx), ctx), Outcome(() => definition.Unary!(value!, ctx), ctx));
        }
    }

    /// <summary>The value as the client sees it, or the error's type and message.</summary>
    private static string Outcome(Func<object?> call, QueryContext ctx)
    {
        try
        {
            return "value " + ValueFormatter.ToCypherLiteral(ctx.ToClient(call()));
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    [Fact]
    public async Task One_argument_functions_in_a_statement_keep_their_nulls_values_and_errors()
    {
        await using var driver = await Engine.NewWith(
            "CREATE (a:P {name: 'ann'}), (b:P), (a)-[:KNOWS]->(b), (a)-[:KNOWS]->(b), (a)-[:LIKES]->(a)");
        var rows = await driver.Run(
            "MATCH (a:P {name: 'ann'}) OPTIONAL MATCH (a)-[r]->(x) RETURN type(r) AS t, toUpper(a.name) AS up, toUpper(x.name) AS none ORDER BY t");
        Assert.Equal(["KNOWS|ANN|null", "KNOWS|ANN|null", "LIKES|ANN|ANN"],
            rows.Records.Select(r => $"{r["t"]}|{r["up"]}|{r["none"] ?? "null"}"));
        var missing = await driver.Run("OPTIONAL MATCH (a:P {name: 'nobody'}) OPTIONAL MATCH (a)-[r]->() RETURN type(r) AS t, size(a.name) AS s");
        Assert.Equal([null, null], missing.Single().Values);
        // a parameter's type is known only when the statement runs: the function itself rejects it
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("RETURN type($x) AS t", new { x = 1L }));
        Assert.Contains("type()", error.Message);
        var sqrt = await Assert.ThrowsAsync<ClientException>(() => driver.Run("RETURN sqrt($x) AS s", new { x = "nine" }));
        Assert.Contains("sqrt()", sqrt.Message);
        Assert.Null(await driver.Scalar("RETURN toUpper($x) AS u", new { x = (string?)null }));
    }

    [Fact]
    public async Task A_one_argument_function_is_called_without_an_argument_array_per_row()
    {
        await using var driver = await Engine.NewWith("UNWIND range(1, 2000) AS i CREATE (:N)-[:R]->(:M)");
        await using var session = driver.AsyncSession();
        // the same rows and records; the first calls the function, the second reads a literal
        var withFunction = await StatementAllocations.OfRerun(session, "MATCH ()-[r:R]->() RETURN type(r) AS t", 2000);
        var withLiteral = await StatementAllocations.OfRerun(session, "MATCH ()-[r:R]->() RETURN 'R' AS t", 2000);
        // an argument array is 32 bytes per row (64,000 here); what is left is the plan's constant difference
        Assert.True(withFunction - withLiteral < 2000 * 8, $"type(r) allocated {withFunction - withLiteral} bytes more than a literal over 2,000 rows");
    }

    [Fact]
    public async Task RunAsync_hands_out_a_small_result_as_views_of_one_array_of_its_exact_cells_and_a_large_one_in_chunks()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        foreach (var n in new[] { 0, 1, 15, ResultRecordBuffer.ScratchCells, ResultRecordBuffer.ScratchCells + 1, 1500, 10_000 })
        {
            var result = await session.RunAsync("UNWIND range(1, $n) AS i RETURN i", new Dictionary<string, object?> { ["n"] = (long)n });
            if (n == 0) Assert.Empty(Assert.IsType<Record[]>(result.Records));
            else if (n <= ResultRecordBuffer.ScratchCells) Assert.IsType<SharedCellsRecords>(result.Records);
            else Assert.IsType<ChunkedRecords>(result.Records);
            Assert.Equal(n, result.Records.Count);
            Assert.Equal(Enumerable.Range(1, n).Select(i => (object?)(long)i), result.Records.Select(r => r["i"]));
            Assert.Equal(Enumerable.Range(1, n).Select(i => (object?)(long)i), Enumerable.Range(0, n).Select(i => result.Records[i][0]));
        }
    }

    [Fact]
    public async Task Records_stay_as_they_were_while_the_session_runs_other_statements_in_and_out_of_transactions()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        var first = await session.RunAsync("UNWIND [1, 2, 3] AS i RETURN i");
        var second = await session.RunAsync("UNWIND ['a', 'b'] AS s RETURN s");
        await using (var tx = await session.BeginTransactionAsync())
        {
            var inside = await tx.RunAsync("UNWIND range(10, 14) AS j RETURN j");
            Assert.Equal([10L, 11L, 12L, 13L, 14L], inside.Records.Select(r => r["j"]));
            await tx.CommitAsync();
        }
        await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("UNWIND [1, 0] AS d RETURN 6 / d AS q"));
        var third = await session.RunAsync("UNWIND [7] AS k RETURN k");
        Assert.Equal([1L, 2L, 3L], first.Records.Select(r => r["i"]));
        Assert.Equal(["a", "b"], second.Records.Select(r => r["s"]));
        Assert.Equal([7L], third.Records.Select(r => r["k"]));
    }

    [Fact]
    public async Task A_failed_statement_leaves_no_records_behind_for_the_next_one()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("UNWIND [1, 2, 0] AS d RETURN 6 / d AS q"));
        var next = await session.RunAsync("UNWIND [5] AS d RETURN d AS q");
        Assert.Equal([5L], next.Records.Select(r => r["q"]));
    }

    [Fact]
    public void The_buffer_keeps_no_value_of_a_result_once_it_is_handed_out_or_dropped()
    {
        var buffer = new ResultRecordBuffer();
        foreach (var rows in new[] { 3, ResultRecordBuffer.ScratchCells / 2 + 1 })
        {
            buffer.Start(["x", "y"]);
            for (var i = 0; i < rows; i++)
            {
                var cells = buffer.Next();
                cells[0] = (long)i;
                cells[1] = "v" + i;
                buffer.Add();
            }
            var half = buffer.Next(); // a record begun but never added (its statement failed)
            half[0] = "left";
            var records = buffer.Finish();
            Assert.Equal(Enumerable.Range(0, rows).Select(i => $"{i}:v{i}"), records.Select(r => $"{r["x"]}:{r["y"]}"));
            Assert.All(ScratchOf(buffer), Assert.Null);
            buffer.Start(["x"]);
            Assert.Equal(1, buffer.Next().Length);
            buffer.Add();
            Assert.Equal(1, buffer.Next().Length); // the second record: the first moves to the scratch
            buffer.Clear();
            Assert.All(ScratchOf(buffer), Assert.Null);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_failure_at_any_record_leaves_the_scratch_empty(int added)
    {
        var buffer = new ResultRecordBuffer();
        buffer.Start(["x", "y"]);
        for (var i = 0; i < added; i++)
        {
            var cells = buffer.Next();
            cells[0] = "a" + i;
            cells[1] = "b" + i;
            buffer.Add();
        }
        buffer.Next()[1] = "half"; // the statement fails while writing this record
        buffer.Clear();
        Assert.All(ScratchOf(buffer), Assert.Null);
        Assert.Equal(0, buffer.Count);
        buffer.Start(["z"]);
        buffer.Next()[0] = 7L;
        buffer.Add();
        Assert.Equal([7L], buffer.Finish().Select(r => r["z"]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(ResultRecordBuffer.ScratchCells / 2)]
    [InlineData(ResultRecordBuffer.ScratchCells / 2 + 1)]
    public void The_first_record_is_kept_in_its_own_array_only_when_it_is_the_only_one(int rows)
    {
        var buffer = new ResultRecordBuffer();
        buffer.Start(["x", "y"]);
        for (var i = 0; i < rows; i++)
        {
            var cells = buffer.Next();
            cells[0] = (long)i;
            cells[1] = i % 2 == 0 ? null : "v" + i;
            buffer.Add();
        }
        var records = buffer.Finish();
        Assert.Equal(rows, records.Count);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => (object?)(long)i), records.Select(r => r["x"]));
        Assert.Equal(Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? null : "v" + i), records.Select(r => r["y"]));
        Assert.All(records, r => Assert.Equal(2, r.Values.Count));
        if (rows == 1) Assert.Same(records[0].Values, records[0].Values); // its own array, not a view made per call
        Assert.All(ScratchOf(buffer), Assert.Null);
    }

    private static object?[] ScratchOf(ResultRecordBuffer buffer) => buffer.Scratch.ToArray();

    [Fact]
    public void Records_wider_than_a_chunk_get_a_chunk_each()
    {
        var keys = Enumerable.Range(0, ResultRecordBuffer.ChunkCells + 3).Select(i => "k" + i).ToArray();
        var buffer = new ResultRecordBuffer();
        buffer.Start(keys);
        for (var r = 0; r < 3; r++)
        {
            var cells = buffer.Next();
            for (var i = 0; i < keys.Length; i++) cells[i] = (long)(r * 100_000 + i);
            buffer.Add();
        }
        var records = buffer.Finish();
        Assert.Equal(3, records.Count);
        for (var r = 0; r < 3; r++)
        {
            Assert.Equal(keys.Length, records[r].Values.Count);
            Assert.Equal((long)(r * 100_000 + keys.Length - 1), records[r][keys[^1]]);
            Assert.Equal((long)(r * 100_000), records[r].Values[0]);
        }
    }
}
