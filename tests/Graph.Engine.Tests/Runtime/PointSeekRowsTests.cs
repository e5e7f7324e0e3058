using Graph.Client;
using Graph.Engine.Driver;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A point lookup (an index seek over the argument row, under the root projection the cursor evaluates) binds the
/// seek's nodes itself (<see cref="IndexSeekRows"/>): the same rows as the seek's iterator, which the same seek over an
/// UNWIND's rows (or under PROFILE) still runs.
/// </summary>
public class PointSeekRowsTests
{
    /// <summary>Fictional records: U nodes under a unique constraint, D nodes with a plain index and shared keys (1 and 1.0 equal).</summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = await Engine.NewWith(
            "CREATE (:U {id: 'a', n: 1}), (:U {id: 'b', n: 2}), (:U {id: 3, n: 3}), (:U {n: 4}), " +
            "(:D {k: 1, i: 1}), (:D {k: 1.0, i: 2}), (:D {k: 1, i: 3}), (:D {k: 'x', i: 4}), (:D {k: [1, 2], i: 5}), (:D {i: 6})");
        await driver.Run("CREATE CONSTRAINT u_id FOR (n:U) REQUIRE n.id IS UNIQUE");
        await driver.Run("CREATE INDEX d_k FOR (n:D) ON (n.k)");
        return driver;
    }

    // the point lookup, and the same seek under an UNWIND (its source is no Argument: the seek's own iterator)
    private static readonly (string Point, string General)[] Pairs =
    [
        ("MATCH (u:U {id: $v}) RETURN u.id AS id, u.n AS n", "UNWIND [$v] AS v MATCH (u:U {id: v}) RETURN u.id AS id, u.n AS n"),
        ("MATCH (d:D {k: $v}) RETURN d.i AS i, d.k AS k", "UNWIND [$v] AS v MATCH (d:D {k: v}) RETURN d.i AS i, d.k AS k"),
        ("MATCH (d:D {k: $v}) RETURN d AS d, d.i * 10 AS ten", "UNWIND [$v] AS v MATCH (d:D {k: v}) RETURN d AS d, d.i * 10 AS ten"),
        ("MATCH (d:D) WHERE d.k = $v RETURN d.i AS i", "UNWIND [$v] AS v MATCH (d:D) WHERE d.k = v RETURN d.i AS i"),
    ];

    // strings, numbers for strings, a float equal to an int, a list, null, a value found nowhere
    private static readonly object?[] Values = ["a", "b", 3L, 3.0, 1L, 1.0, "x", new List<object?> { 1L, 2L }, null, "zz", 2L];

    public static TheoryData<int, int> Cases()
    {
        var cases = new TheoryData<int, int>();
        for (var p = 0; p < Pairs.Length; p++)
            for (var v = 0; v < Values.Length; v++) cases.Add(p, v);
        return cases;
    }

    private static Dictionary<string, object?> With(object? value) => new() { ["v"] = value };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_point_lookup_returns_the_rows_of_the_seek_over_an_unwind(int pair, int valueNumber)
    {
        var (point, general) = Pairs[pair];
        var value = Values[valueNumber];
        await using var driver = await Build();
        Assert.Contains("NodeIndexSeek", driver.Explain(point));
        Assert.Contains("NodeIndexSeek", driver.Explain(general));
        var expected = RowTexts.Sorted(await driver.Run(general, With(value)));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(point, With(value))));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run("PROFILE " + point, With(value))));
        // one session, so that the cursor (and its seek rows) is reused from statement to statement
        await using var session = driver.AsyncSession();
        for (var i = 0; i < 3; i++) Assert.Equal(expected, RowTexts.Sorted(await session.RunAsync(point, With(value))));
        var cursor = await session.StreamAsync(point, With(value));
        var streamed = new List<string>();
        while (await cursor.FetchAsync()) streamed.Add(string.Join("|", cursor.Current.Values.Select(ReadPlanShapeTests.Show)));
        Assert.Equal(expected, streamed.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(expected.Count, (await session.RunAsync(point, With(value))).Records.Count);
    }

    [Fact]
    public async Task A_point_lookup_in_a_written_transaction_sees_its_creations_changes_and_deletions()
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:D {k: 1, i: 7}), (:U {id: 'c', n: 8})");
        await tx.RunAsync("MATCH (d:D {i: 1}) DELETE d");
        await tx.RunAsync("MATCH (d:D {i: 2}) SET d.k = 2");
        await tx.RunAsync("MATCH (d:D {i: 4}) SET d.k = 1");
        foreach (var (point, general) in Pairs[..2])
            foreach (var value in new object?[] { 1L, 1.0, 2L, "c", "a", "x" })
            {
                var expected = RowTexts.Sorted(await tx.RunAsync(general, With(value)));
                Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(point, With(value))));
                Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(point, With(value))));
            }
        Assert.Equal(["3", "4", "7"], RowTexts.Sorted(await tx.RunAsync("MATCH (d:D {k: $v}) RETURN d.i AS i", With(1L))));
        Assert.Equal(["c|8"], RowTexts.Sorted(await tx.RunAsync("MATCH (u:U {id: $v}) RETURN u.id AS id, u.n AS n", With("c"))));
        await tx.RollbackAsync();
        Assert.Equal(["1", "2", "3"], RowTexts.Sorted(await session.RunAsync("MATCH (d:D {k: $v}) RETURN d.i AS i", With(1L))));
        Assert.Empty((await session.RunAsync("MATCH (u:U {id: $v}) RETURN u.id AS id", With("c"))).Records);
    }

    [Fact]
    public async Task A_point_lookup_on_a_label_or_key_nobody_has_yet_finds_nothing_then_what_was_created()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession();
        await session.RunAsync("CREATE INDEX z_k FOR (n:Z) ON (n.k)");
        const string point = "MATCH (z:Z {k: $v}) RETURN z.k AS k";
        Assert.Empty((await session.RunAsync(point, With(1L))).Records);
        await session.RunAsync("CREATE (:Z {k: 1}), (:Z {k: 1})");
        Assert.Equal(["1", "1"], RowTexts.Sorted(await session.RunAsync(point, With(1L))));
    }

    [Fact]
    public async Task A_point_lookup_that_fails_fails_as_the_seek_does_and_the_next_statement_runs()
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        // the key's value fails when the rows are first asked for, as the seek's does
        const string point = "MATCH (u:U {id: 1 / $v}) RETURN u.n AS n";
        var error = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync(point, With(0L)));
        var general = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("UNWIND [$v] AS v MATCH (u:U {id: 1 / v}) RETURN u.n AS n", With(0L)));
        Assert.Equal(general.Code, error.Code);
        await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("MATCH (u:U {id: $v}) RETURN u.n AS n"));
        Assert.Equal(["3"], RowTexts.Sorted(await session.RunAsync("MATCH (u:U {id: $v}) RETURN u.n AS n", With(3L))));
        Assert.Empty((await session.RunAsync(point, With(0.5))).Records); // 1 / 0.5 = 2.0: no U has id 2
    }

    [Fact]
    public async Task A_point_lookup_over_many_nodes_binds_each_and_keeps_no_large_list()
    {
        await using var driver = await Engine.NewWith("UNWIND range(1, 3000) AS i CREATE (:P {k: 1, i: i})");
        await driver.Run("CREATE INDEX p_k FOR (n:P) ON (n.k)");
        await using var session = driver.AsyncSession();
        var all = await session.RunAsync("MATCH (p:P {k: $v}) RETURN p.i AS i", With(1L));
        Assert.Equal(Enumerable.Range(1, 3000).Select(i => (long)i).Order(), all.Records.Select(r => (long)r[0]!).Order());
        Assert.Equal(3000, (await session.RunAsync("MATCH (p:P {k: $v}) RETURN p AS p", With(1L))).Records.Select(r => ((Node)r[0]!).ElementId).Distinct().Count());
        Assert.Single((await session.RunAsync("MATCH (p:P {k: $v}) WITH p LIMIT 1 RETURN p.i AS i", With(1L))).Records);
    }

    [Fact]
    public async Task A_point_lookup_allocates_no_seek_iterator_row_copy_or_result_array()
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var bytes = await StatementAllocations.OfRerun(session, "MATCH (u:U {id: 'a'}) RETURN u.id AS id, u.n AS n", 1);
        // 632 bytes with the seek's iterator (116), its row copy (40) and the store's result array (32)
        Assert.True(bytes < 520, $"a point lookup allocated {bytes} bytes");
    }

    [Fact]
    public async Task A_parameter_is_found_whatever_instance_or_comparer_its_name_has()
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        const string point = "MATCH (u:U {id: $v}) RETURN u.n AS n";
        var literal = new Dictionary<string, object?> { ["v"] = "a" };
        var copied = new Dictionary<string, object?> { [new string(['v'])] = "a" }; // not the interned instance
        var ordinal = new Dictionary<string, object?>(StringComparer.Ordinal) { [new string(['v'])] = "a" };
        var ignoringCase = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["V"] = "a" };
        foreach (var parameters in new[] { literal, copied, ordinal, literal })
            Assert.Equal(["1"], RowTexts.Sorted(await session.RunAsync(point, parameters)));
        // a map that ignores case is read as the caller's map: "V" is not "v" in Cypher
        await Assert.ThrowsAsync<ClientException>(() => session.RunAsync(point, ignoringCase));
    }
}
