using Graph.Client;

namespace Graph.Neo4j.Tests;

/// <summary>Engine errors reach the client with their Neo4j code, class and position.</summary>
public class ErrorTests(ServerHarness server) : IClassFixture<ServerHarness>
{
    private async Task<GraphException> Fails(string query, IReadOnlyDictionary<string, object?>? parameters = null, SessionConfig? config = null)
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession(config);
        return await Assert.ThrowsAnyAsync<GraphException>(() => session.RunAsync(query, parameters));
    }

    [Fact]
    public async Task Syntax_error_has_code_and_position()
    {
        var e = await Fails("MATCH (n RETURN n");
        Assert.IsType<ClientException>(e);
        Assert.Equal(Neo4jStatus.SyntaxError, e.Code);
        Assert.Equal(new InputPosition(9, 1, 10), e.Position);
        Assert.Equal(ErrorPhase.CompileTime, e.Phase);
    }

    [Fact]
    public async Task Syntax_error_on_a_later_line_points_there()
    {
        var e = await Fails("MATCH (n)\nWHERE n.x = \nRETURN n");
        Assert.Equal(Neo4jStatus.SyntaxError, e.Code);
        Assert.Equal(3, e.Position?.Line);
    }

    [Fact]
    public async Task A_write_in_a_read_session_is_an_access_mode_error()
    {
        var e = await Fails("CREATE (:ErrNope)", config: SessionConfig.Read);
        Assert.IsType<ClientException>(e);
        Assert.Equal(Neo4jStatus.AccessMode, e.Code);
    }

    [Fact]
    public async Task A_missing_parameter_is_named()
    {
        var e = await Fails("RETURN $missing AS x");
        Assert.Equal(Neo4jStatus.ParameterMissing, e.Code);
        Assert.Contains("missing", e.Message);
    }

    [Theory]
    [InlineData("RETURN undefinedVariable")]
    [InlineData("RETURN 1 / 0")]
    [InlineData("RETURN toInteger([1])")]
    [InlineData("MATCH (n) RETURN n ORDER BY m")]
    [InlineData("CREATE (a)-[:R]-(b)")]
    public async Task Errors_arrive_as_the_engine_raised_them(string query)
    {
        await using var embedded = server.Store.AsyncSession();
        var local = await Assert.ThrowsAnyAsync<GraphException>(() => embedded.RunAsync(query));

        var remote = await Fails(query);
        Assert.Equal(local.GetType(), remote.GetType());
        Assert.Equal(local.Code, remote.Code);
        Assert.StartsWith(local.Message, remote.Message);
        Assert.Equal(local.Position, remote.Position);
    }

    [Fact]
    public async Task An_unknown_database_is_DatabaseNotFound()
    {
        await using var driver = server.Connector(database: "nope");
        await using var session = driver.AsyncSession();
        var e = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("RETURN 1"));
        Assert.Equal(Neo4jStatus.DatabaseNotFound, e.Code);
        Assert.Contains("neo4j", e.Message);
    }
}
