using Graph.Client;
using Record = Graph.Client.Record;
using Graph.Server;

namespace Graph.Neo4j.Tests.Server;

/// <summary>The server tells the store who it authenticated (SessionConfig.User); a reader's sessions are Read sessions.</summary>
public class SessionUserTests
{
    [Fact]
    public async Task The_authenticated_user_and_role_reach_the_store()
    {
        var store = new ScriptedDriver(q => new QueryResult(["x"], [new Record(["x"], [1L])], new ResultSummary { Query = q }));
        var options = new ServerOptions
        {
            Users = [new ServerUser { Name = "ada", Password = "pw-ada" }, new ServerUser { Name = "ben", Password = "pw-ben", Role = ServerRole.Reader }],
        };
        await using var server = await ScriptedServer.StartAsync(store, options);

        await using (var ada = server.Connector("ada", "pw-ada"))
        await using (var session = ada.AsyncSession())
            await session.RunAsync("RETURN 1 AS x");
        await using (var ben = server.Connector("ben", "pw-ben"))
        await using (var session = ben.AsyncSession())
        {
            await session.RunAsync("RETURN 1 AS x");
            await using var tx = await session.BeginTransactionAsync();
            await tx.CommitAsync();
        }

        var seen = store.Sessions.ToList();
        Assert.Equal(3, seen.Count);
        Assert.Equal(("ada", "editor", AccessMode.Write), (seen[0].User!.Name, seen[0].User!.Roles.Single(), seen[0].AccessMode));
        Assert.Equal(("ben", "reader", AccessMode.Read), (seen[1].User!.Name, seen[1].User!.Roles.Single(), seen[1].AccessMode));
        Assert.Equal("ben", seen[2].User!.Name);
    }

    [Fact]
    public async Task The_web_views_api_runs_as_the_logged_in_user()
    {
        var store = new ScriptedDriver(q => new QueryResult([], [], new ResultSummary { Query = q }));
        var options = new ServerOptions
        {
            Users = [new ServerUser { Name = "ada", Password = "pw-ada" }, new ServerUser { Name = "ben", Password = "pw-ben", Role = ServerRole.Reader }],
        };
        await using var server = await ScriptedServer.StartAsync(store, options);
        using var http = new HttpClient { BaseAddress = server.Uri, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ben:pw-ben")));
        using var response = await http.GetAsync("/api/experts");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var seen = store.Sessions.ToList();
        Assert.NotEmpty(seen);
        Assert.All(seen, config => Assert.Equal(("ben", "reader", AccessMode.Read), (config.User?.Name, config.User?.Roles.Single(), config.AccessMode)));
    }

    [Fact]
    public async Task Without_authentication_no_user_is_claimed()
    {
        var store = new ScriptedDriver(q => new QueryResult([], [], new ResultSummary { Query = q }));
        await using var server = await ScriptedServer.StartAsync(store, new ServerOptions { AuthEnabled = false });
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        await session.RunAsync("RETURN 1");
        Assert.Null(Assert.Single(store.Sessions).User);
    }
}
