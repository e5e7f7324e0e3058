using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A record writer whose source is an index seek over the argument row, or a second seek over such a seek, has its start
/// rows made by the cursor (<c>IndexSeekRows</c>: the nodes found into kept lists, no seek iterator), and the general
/// plan's rows are made only when pulled (StreamAsync, ConsumeAsync). Each statement's records are compared, in order,
/// with PROFILE's (the operators, seeks included) and StreamAsync's: seeks finding no node, one, and several (a plain
/// index), a written transaction, and a cursor restarted with other statements in between.
/// </summary>
public class WriterSeekRowsTests
{
    // E has a plain index (several nodes per id), P a unique constraint
    private static readonly string[] Graph =
    [
        "CREATE INDEX e_id FOR (n:E) ON (n.id)",
        "CREATE CONSTRAINT p_id FOR (n:P) REQUIRE n.id IS UNIQUE",
        "CREATE (a1:E {id: 'a', peer: 'b'}), (a2:E {id: 'a', peer: 'z'}), (a3:E {id: 'a'}), (b1:E {id: 'b', peer: 'a'}), (b2:E {id: 'b'}), " +
        "(n:E {id: 1}), (lone:E {id: 'lone'}), " +
        "(c1:P {id: 'c1'}), (c2:P {id: 'c2'}), (c3:P {id: 'c3'}), (c4 {id: 'c4'}) " +
        "CREATE (a1)-[:K]->(c1), (a1)-[:L]->(c2), (a1)-[:K]->(c4), (a2)-[:K]->(c1), (a2)-[:K]->(c3), (a3)-[:L]->(c3), (a3)-[:K]->(c3), " +
        "(b1)-[:K]->(c1), (b1)-[:L]->(c3), (b2)-[:K]->(c2), (b2)-[:K]->(c1), (n)-[:K]->(c2), (a1)-[:K]->(b1)",
    ];

    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        foreach (var statement in Graph) await driver.Run(statement);
        return driver;
    }

    private const string Positions = "MATCH (e:E {id: $id})-[r:K|L]->(c:P) RETURN c.id, type(r), e.peer";
    private const string Shared = "MATCH (a:E {id: $a})-[r:K|L]->(c:P)<-[s:K|L]-(b:E {id: $b}) RETURN c.id, type(r), type(s), a.peer, b.peer";
    private const string EndsFirst = "MATCH (a:E {id: $a}), (b:E {id: $b}) MATCH (a)-[r:K|L]->(c:P)<-[s:K|L]-(b) RETURN c.id, type(r), type(s), a.peer, b";
    // the second seek's value read from the first seek's node
    private const string PeerSeek = "MATCH (a:E {id: $a}), (b:E {id: a.peer}) MATCH (a)-[r]->(c)<-[s]-(b) RETURN c.id, type(r), type(s), a.peer, b.id";

    public static TheoryData<string, string, string> Statements()
    {
        var data = new TheoryData<string, string, string>();
        // seeks finding several nodes, one, none, a number for a string, null
        foreach (var (a, b) in new[] { ("a", "b"), ("b", "a"), ("a", "a"), ("lone", "b"), ("zz", "b"), ("a", "zz"), ("1", "a") })
            foreach (var query in new[] { Positions, Shared, EndsFirst, PeerSeek })
                data.Add(query, a, b);
        return data;
    }

    private static Dictionary<string, object?> Parameters(string a, string b) => new()
    {
        ["id"] = a == "1" ? 1L : a,
        ["a"] = a == "1" ? 1.0 : a,
        ["b"] = b,
    };

    [Fact]
    public async Task The_shapes_have_their_seeks_found_by_the_cursor()
    {
        await using var driver = await Build();
        // over the plain index the planner seeks one end and expands to the other: two seeks only for EndsFirst
        Assert.Equal((null as string, true), Seeks(driver, Positions));
        Assert.Equal(("NodeIndexSeek(b:E {id})", true), Seeks(driver, EndsFirst));
        // a label scan as start, or a filter over one (the end's value read from the start), keeps the operators
        Assert.Null(Writer(driver, "MATCH (a:E)-[r]->(c) RETURN c.id")!.ArgumentSeeks);
        Assert.Null(Writer(driver, PeerSeek)!.ArgumentSeeks);
        // the bench's unique ids: both ends seeked in both shapes
        await using var unique = Engine.New();
        await unique.Run("CREATE CONSTRAINT e_id FOR (n:E) REQUIRE n.id IS UNIQUE");
        await unique.Run("CREATE (:E {id: 'a'})-[:K]->(:P {id: 'c'})<-[:K]-(:E {id: 'b'})");
        Assert.Equal(("NodeIndexSeek(b:E {id})", true), Seeks(unique, Shared));
        Assert.Equal(("NodeIndexSeek(b:E {id})", true), Seeks(unique, EndsFirst));
        Assert.Equal(["c|K|K|null|null"], RowTexts.InOrder(await unique.Run(Shared, new { a = "a", b = "b" })));
    }

    private static (string?, bool) Seeks(EmbeddedDriver driver, string query)
    {
        var writer = Writer(driver, query);
        Assert.True(writer?.ArgumentSeeks is not null, string.Join("\n", driver.Compile(query).Root.Descendants().Select(o => o.Describe())));
        var seeks = writer!.ArgumentSeeks!.Value;
        return (seeks.Second?.Describe(), seeks.First.SeeksArgument);
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Seeked_starts_give_the_operators_records_in_order(string query, string a, string b)
    {
        await using var driver = await Build();
        var parameters = Parameters(a, b);
        var expected = RowTexts.InOrder(await driver.Run("PROFILE " + query, parameters));
        await using var session = driver.AsyncSession();
        Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query, parameters)));
        Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query, parameters)));
        Assert.Equal(expected, await Streamed(session, query, parameters));
        await using (var cursor = await session.StreamAsync(query, parameters)) await cursor.ConsumeAsync();
        Assert.Equal(expected, RowTexts.InOrder(await session.RunAsync(query, parameters)));
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Seeked_starts_in_a_transaction_that_wrote_see_its_changes(string query, string a, string b)
    {
        await using var driver = await Build();
        var parameters = Parameters(a, b);
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        // a new start node and far node, a deleted start, a changed id, a removed label, a deleted relationship
        await tx.RunAsync("MATCH (b:E {id: 'b'}) WITH b LIMIT 1 CREATE (:E {id: 'a', peer: 'b'})-[:K]->(:P {id: 'new'})<-[:L]-(b)");
        await tx.RunAsync("MATCH (x:E {id: 'a'}) WHERE x.peer = 'z' DETACH DELETE x");
        await tx.RunAsync("MATCH (x:E {id: 'lone'}) SET x.id = 'b'");
        await tx.RunAsync("MATCH (x:P {id: 'c3'}) REMOVE x:P");
        await tx.RunAsync("MATCH (:E {id: 'b'})-[r:L]->() DELETE r");
        var expected = RowTexts.InOrder(await tx.RunAsync("PROFILE " + query, parameters));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(query, parameters)));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(query, parameters)));
    }

    [Fact]
    public async Task A_restarted_cursor_runs_other_statements_between_seeked_writers()
    {
        await using var driver = await Build();
        var statements = new (string Query, Dictionary<string, object?> Parameters)[]
        {
            (Shared, Parameters("a", "b")),
            ("MATCH (e:E {id: $id}) RETURN e.id, e.peer", Parameters("a", "b")),
            (Positions, Parameters("a", "b")),
            ("MATCH (e:E)-[r]->(c) RETURN c.id, type(r)", Parameters("a", "b")),
            (EndsFirst, Parameters("b", "a")),
            ("MATCH (e:E {id: $id}) RETURN count(*)", Parameters("zz", "b")),
            (Positions, Parameters("zz", "b")),
            (PeerSeek, Parameters("a", "b")),
            (Shared, Parameters("a", "zz")),
            (Positions, Parameters("lone", "b")),
        };
        var expected = new List<List<string>>();
        foreach (var (query, parameters) in statements)
            expected.Add(RowTexts.Sorted(await driver.Run("PROFILE " + query, parameters)));
        await using var session = driver.AsyncSession();
        for (var round = 0; round < 2; round++)
            for (var i = 0; i < statements.Length; i++)
                Assert.Equal(expected[i], RowTexts.Sorted(await session.RunAsync(statements[i].Query, statements[i].Parameters)));
    }

    [Fact]
    public async Task A_failing_second_seek_fails_as_the_operators_do()
    {
        await using var driver = await Build();
        // the second seek's value fails only when the first seek found a node
        const string query = "MATCH (a:E {id: $a}), (b:E {id: a.id / 0}) MATCH (a)-[r]->(c)<-[s]-(b) RETURN c.id";
        Assert.NotNull(Writer(driver, query));
        var expected = await Xunit.Record.ExceptionAsync(() => driver.Run("PROFILE " + query, new { a = 1L }));
        var actual = await Xunit.Record.ExceptionAsync(() => driver.Run(query, new { a = 1L }));
        Assert.NotNull(expected);
        Assert.Equal(expected.GetType(), actual?.GetType());
        Assert.Equal(expected.Message, actual!.Message);
        Assert.Empty((await driver.Run(query, new { a = 7L })).Records);
        // the session's next statement runs
        await using var session = driver.AsyncSession();
        await Assert.ThrowsAnyAsync<Exception>(() => session.RunAsync(query, new Dictionary<string, object?> { ["a"] = 1L }));
        Assert.Equal(RowTexts.InOrder(await driver.Run("PROFILE " + Positions, new { id = "a" })),
            RowTexts.InOrder(await session.RunAsync(Positions, new Dictionary<string, object?> { ["id"] = "a" })));
    }

    private static IRecordWriter? Writer(EmbeddedDriver driver, string query) =>
        driver.Compile(query).Root is ProjectOp { RecordWriter: { } writer } ? writer : null;

    private static async Task<List<string>> Streamed(IAsyncSession session, string query, Dictionary<string, object?> parameters)
    {
        await using var cursor = await session.StreamAsync(query, parameters);
        var rows = new List<string>();
        while (await cursor.FetchAsync()) rows.Add(string.Join("|", cursor.Current.Values.Select(ReadPlanShapeTests.Show)));
        return rows;
    }
}
