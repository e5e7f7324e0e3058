using Graph.Server;

namespace Graph.Neo4j.Tests;

/// <summary>graph serve's settings: appsettings.json, then GRAPH_ environment variables, then command-line overrides.</summary>
public class ServerConfigurationTests : IDisposable
{
    private readonly string _file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"graph-serve-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Settings_file_users_and_overrides_bind()
    {
        File.WriteAllText(_file, """
            {"Server": {"Port": 8080, "TransactionIdleTimeout": "00:00:10", "QueryTimeout": "00:01:00",
                        "Users": [{"Name": "alice", "Password": "pw"}, {"Name": "rita", "Password": "pw2", "Role": "Reader"}]}}
            """);
        var options = ServerConfiguration.Bind(ServerConfiguration.Load(_file, [new("Server:Port", "9090"), new("Server:DatabaseAlias", "graph")]));

        Assert.Equal(9090, options.Port); // the override wins over the file
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(TimeSpan.FromSeconds(10), options.TransactionIdleTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.QueryTimeout);
        Assert.Equal(["neo4j", "graph"], options.DatabaseNames);
        Assert.Equal([("alice", ServerRole.Editor), ("rita", ServerRole.Reader)], options.Users.Select(u => (u.Name, u.Role)));
    }

    [Theory]
    [InlineData("Server:Port", "70000", "Server:Port")]
    [InlineData("Server:Port", "many", "wrong type")]
    [InlineData("Server:TransactionIdleTimeout", "-00:00:01", "Server:TransactionIdleTimeout")]
    [InlineData("Server:Users:0:Name", "bob", "Password is empty")]
    public void Bad_settings_name_what_to_fix(string key, string value, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ServerConfiguration.Bind(ServerConfiguration.Load(null, [new(key, value)])));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Defaults_are_loopback_port_7474_no_users()
    {
        var options = new ServerOptions();
        Assert.Equal(("127.0.0.1", 7474, false, TimeSpan.FromSeconds(30)), (options.Host, options.Port, options.AuthenticationEnabled, options.TransactionIdleTimeout));
    }
}
