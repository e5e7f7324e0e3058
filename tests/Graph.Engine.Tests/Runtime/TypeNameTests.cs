using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// <c>type(r)</c> returns the token registry's name (or a virtual relationship's), which a statement does not build, so
/// its evaluator does not count a new string per row. Its values must be those of the projection operator (PROFILE),
/// in a committed store and in a transaction that wrote, for nulls, virtual relationships and wrong arguments alike.
/// </summary>
public class TypeNameTests
{
    private const string Graph =
        "CREATE (a:P {id: 'a'}), (b:P {id: 'b'}), (c:P {id: 'c'}) " +
        "CREATE (a)-[:K {w: 1}]->(b), (a)-[:K]->(b), (b)-[:L]->(a), (a)-[:K]->(a), (c)-[:`TYPE WITH SPACE`]->(a)";

    public static TheoryData<string> Statements => new()
    {
        "MATCH (x)-[r]->(y) RETURN x.id, type(r), y.id",
        "MATCH (x:P) OPTIONAL MATCH (x)-[r:K]->(y) RETURN x.id, type(r)",
        "MATCH (x)-[r]-(y) WITH type(r) AS t, x, r RETURN t, x.id, type(r) IS NULL",
        "MATCH (x)-[r]->(y) RETURN type(r) AS t, count(*) AS n",
        "MATCH (x)-[r]->() RETURN collect(type(r)) AS ts",
        "CALL db.schema.visualization() YIELD relationships UNWIND relationships AS r RETURN type(r)",
        "UNWIND [null] AS r RETURN type(r)",
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Type_names_equal_the_projection_operators(string query)
    {
        await using var driver = await Engine.NewWith(Graph);
        var expected = RowTexts.Sorted(await driver.Run("PROFILE " + query));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(query)));
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task In_a_transaction_that_wrote_type_names_equal_the_projection_operators(string query)
    {
        await using var driver = await Engine.NewWith(Graph);
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("CREATE (:P {id: 'n'})-[:NEW]->(:P {id: 'm'})");
        await tx.RunAsync("MATCH ({id: 'c'})-[r]->() DELETE r");
        string Show(QueryResult r) => string.Join("\n", RowTexts.Sorted(r));
        var expected = Show(await tx.RunAsync("PROFILE " + query));
        Assert.Equal(expected, Show(await tx.RunAsync(query)));
    }

    [Fact]
    public async Task The_names_are_the_types_and_the_registrys_own_strings()
    {
        await using var driver = await Engine.NewWith(Graph);
        var names = (await driver.Run("MATCH ()-[r]->() RETURN type(r) AS t")).Records.Select(r => (string)r["t"]!).ToList();
        Assert.Equal(["K", "K", "K", "L", "TYPE WITH SPACE"], names.Order(StringComparer.Ordinal));
        // one string per type however many rows: nothing is built per row
        Assert.Same(names.First(n => n == "K"), names.Last(n => n == "K"));
    }

    [Fact]
    public async Task A_number_or_a_node_is_refused_as_before()
    {
        await using var driver = await Engine.NewWith(Graph);
        var number = await Assert.ThrowsAsync<ClientException>(() => driver.Run("UNWIND [1] AS r RETURN type(r)"));
        var node = await Assert.ThrowsAsync<ClientException>(() => driver.Run("MATCH (r {id: 'a'}) WITH [r][0] AS r RETURN type(r)"));
        Assert.Equal(number.Code, node.Code);
        Assert.Contains("Relationship", number.Message);
    }
}
