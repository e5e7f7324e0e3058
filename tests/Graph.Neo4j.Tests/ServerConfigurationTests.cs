using Graph.Server;

namespace Graph.Neo4j.Tests;

/// <summary>
/// graph serve's settings: appsettings.json, then GRAPH_ environment variables, then command-line overrides, all
/// validated before the server starts. A mistake stops start-up with a message naming the setting; none is dropped.
/// </summary>
public class ServerConfigurationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"graph-serve-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    private static ServerOptions Bind(params (string Key, string Value)[] settings) =>
        ServerConfiguration.Bind(ServerConfiguration.Load(null, settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))));

    [Fact]
    public void Settings_file_users_and_overrides_bind()
    {
        File.WriteAllText(_file, """
            {"Server": {"Port": 8080, "TransactionIdleTimeout": "00:00:10", "QueryTimeout": "00:02:00",
                        "Users": [{"Name": "alice", "Password": "pw"}, {"Name": "rita", "Password": "pw2", "Role": "Reader"}]}}
            """);
        var options = ServerConfiguration.Bind(ServerConfiguration.Load(_file, [new("Server:Port", "9090"), new("Server:DatabaseAlias", "graph")]));

        Assert.Equal(9090, options.Port); // the override wins over the file
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(TimeSpan.FromSeconds(10), options.TransactionIdleTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.QueryTimeout);
        Assert.Equal(["neo4j", "graph"], options.DatabaseNames);
        Assert.Equal([("alice", ServerRole.Editor), ("rita", ServerRole.Reader)], options.Users.Select(u => (u.Name, u.Role)));
    }

    [Theory]
    [InlineData("Server:Port", "70000", "Server:Port")]
    [InlineData("Server:Port", "many", "'Server:Port'")]
    [InlineData("Server:TransactionIdleTimeout", "-00:00:01", "Server:TransactionIdleTimeout")]
    [InlineData("Server:QueryTimeout", "-00:00:01", "Server:QueryTimeout")]
    [InlineData("Server:QueryTimout", "00:00:01", "Server:QueryTimout is not a setting (did you mean QueryTimeout?)")] // a misspelt setting is not ignored
    [InlineData("Server:MaxTransactionsPerUser", "0", "Server:MaxTransactionsPerUser")]
    public void Bad_settings_name_what_to_fix(string key, string value, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Bind((key, value), ("Server:Users:0:Name", "alice"), ("Server:Users:0:Password", "pw")));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("reder")]
    [InlineData("ReadOnly")]
    [InlineData("admin")]
    public void An_unknown_role_stops_start_up_naming_the_setting(string role)
    {
        // The only user: before, it was dropped with a warning and authentication went off.
        var e = Assert.Throws<ArgumentException>(() => Bind(("Server:Users:0:Name", "bob"), ("Server:Users:0:Password", "pw"), ("Server:Users:0:Role", role)));
        Assert.Equal($"Server:Users:0:Role is '{role}', which is not a role: use reader or editor.", e.Message);
    }

    [Fact]
    public void An_unknown_role_in_appsettings_json_stops_start_up()
    {
        File.WriteAllText(_file, """{"Server": {"Users": [{"Name": "bob", "Password": "pw", "Role": "ReadOnly"}]}}""");
        var e = Assert.Throws<ArgumentException>(() => ServerConfiguration.Bind(ServerConfiguration.Load(_file)));
        Assert.Contains("Server:Users:0:Role is 'ReadOnly'", e.Message);
    }

    [Theory]
    [InlineData("Server:Users:0:Name", "bob", "Server:Users:0:Password is empty for user 'bob'")]
    [InlineData("Server:Users:0:Password", "pw", "Server:Users:0:Name is empty")]
    [InlineData("Server:Users:0:Pasword", "pw", "Server:Users:0:Pasword is not a user setting")]
    public void A_user_without_a_name_or_password_stops_start_up(string key, string value, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Bind((key, value)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Without_users_start_up_stops_unless_authentication_is_turned_off_explicitly()
    {
        var e = Assert.Throws<ArgumentException>(() => Bind());
        Assert.Contains("no users are configured", e.Message);
        Assert.Contains("--no-auth", e.Message);
        Assert.DoesNotContain("\n", e.Message); // one line

        var anonymous = Bind(("Server:AuthEnabled", "false"));
        Assert.False(anonymous.AuthenticationEnabled);

        var both = Assert.Throws<ArgumentException>(() => Bind(("Server:AuthEnabled", "false"), ("Server:Users:0:Name", "a"), ("Server:Users:0:Password", "b")));
        Assert.Contains("authentication is off", both.Message);
    }

    [Fact]
    public void Command_line_users_are_validated_with_the_settings()
    {
        var options = ServerConfiguration.Bind(ServerConfiguration.Load(null, []), [ServerUser.FromCommandLine("bob:pw:reader")]);
        Assert.Equal(("bob", "pw", ServerRole.Reader), (options.Users[0].Name, options.Users[0].Password, options.Users[0].Role));
        Assert.True(options.AuthenticationEnabled);
    }

    [Theory]
    [InlineData("alice:secret", "alice", "secret", ServerRole.Editor)]
    [InlineData("bob:pw:reader", "bob", "pw", ServerRole.Reader)]
    [InlineData("eve:pw:Editor", "eve", "pw", ServerRole.Editor)]
    public void A_command_line_user_is_name_password_and_an_optional_role(string text, string name, string password, ServerRole role)
    {
        var user = ServerUser.FromCommandLine(text);
        Assert.Equal((name, password, role), (user.Name, user.Password, user.Role));
    }

    [Theory]
    [InlineData("carl:pw:readonly", "'readonly' is not a role")] // before: a writer whose password was "pw:readonly"
    [InlineData("carl:pw:reader:x", "is not name:password or name:password:role")]
    [InlineData("carl", "is not name:password")]
    [InlineData("carl:", "has no password")]
    [InlineData(":pw", "has no name")]
    public void A_malformed_command_line_user_is_refused_without_showing_the_password(string text, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ServerUser.FromCommandLine(text));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain(":pw", e.Message.Replace("password", ""));
    }

    [Fact]
    public void Defaults_are_loopback_port_7474_authentication_on_and_bounded()
    {
        var options = new ServerOptions();
        Assert.Equal(("127.0.0.1", 7474, true), (options.Host, options.Port, options.AuthenticationEnabled));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), 32), (options.TransactionIdleTimeout, options.WriteTransactionIdleTimeout, options.MaxTransactionsPerUser));
        Assert.Equal(TimeSpan.FromSeconds(60), options.QueryTimeLimit);
        Assert.Equal((3, TimeSpan.FromSeconds(5)), (options.MaxFailedLogins, options.LoginLockTime));
        Assert.Null(new ServerOptions { QueryTimeout = TimeSpan.Zero }.QueryTimeLimit); // zero: no limit, asked for explicitly
    }
}
