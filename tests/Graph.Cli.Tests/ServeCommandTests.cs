namespace Graph.Cli.Tests;

/// <summary>
/// `graph serve` refuses a configuration mistake before it opens the store or a port: exit code 2, one line naming the
/// setting. (The server itself is tested over HTTP in Graph.Neo4j.Tests.)
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<CliRun> Refused(params string[] args)
    {
        var run = await Cli.RunAsync(["serve", "--db", _temp["db"], "--port", "0", "--settings", Settings(), .. args]);
        Assert.Equal(CliRunner.ExitUsage, run.ExitCode);
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.False(Directory.Exists(_temp["db"]), "the store was opened before the configuration was checked");
        return run;
    }

    private string Settings(string json = """{"Server": {}}""")
    {
        var file = _temp["appsettings.json"];
        if (!File.Exists(file)) File.WriteAllText(file, json);
        return file;
    }

    [Fact]
    public async Task Help_names_the_configuration_sections_it_reads()
    {
        var run = await Cli.RunAsync(["serve", "--help"]);
        Assert.Equal(0, run.ExitCode);
        foreach (var expected in new[] { "\"Server\"", "\"Engine\"", "QueryMemoryLimit", "\"Analysis\"", "Seed", "docs/security.md", "--bolt-port" })
            Assert.Contains(expected, run.Out);
    }

    [Fact]
    public async Task Without_users_it_refuses_to_start_and_names_the_fix()
    {
        var run = await Refused();
        Assert.Contains("no users are configured", run.Err);
        Assert.Contains("--user name:password[:reader]", run.Err);
        Assert.Contains("--no-auth", run.Err);
    }

    [Fact]
    public async Task A_misspelt_role_in_the_environment_stops_it()
    {
        Environment.SetEnvironmentVariable("GRAPH_Server__Users__0__Name", "bob");
        Environment.SetEnvironmentVariable("GRAPH_Server__Users__0__Password", "pw");
        Environment.SetEnvironmentVariable("GRAPH_Server__Users__0__Role", "reder");
        try
        {
            var run = await Refused();
            Assert.Contains("Server:Users:0:Role is 'reder', which is not a role: use reader or editor.", run.Err);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GRAPH_Server__Users__0__Name", null);
            Environment.SetEnvironmentVariable("GRAPH_Server__Users__0__Password", null);
            Environment.SetEnvironmentVariable("GRAPH_Server__Users__0__Role", null);
        }
    }

    [Fact]
    public async Task A_role_unknown_in_appsettings_json_stops_it()
    {
        Settings("""{"Server": {"Users": [{"Name": "bob", "Password": "pw", "Role": "ReadOnly"}]}}""");
        var run = await Refused();
        Assert.Contains("Server:Users:0:Role is 'ReadOnly'", run.Err);
    }

    [Theory]
    [InlineData("carl:pw:readonly", "'readonly' is not a role")]
    [InlineData("carl:", "has no password")]
    public async Task A_malformed_user_stops_it_without_echoing_the_password(string user, string expected)
    {
        var run = await Refused("--user", user);
        Assert.Contains(expected, run.Err);
        Assert.DoesNotContain("carl:pw", run.Err);
    }

    [Fact]
    public async Task Users_and_no_auth_together_are_a_contradiction()
    {
        var run = await Refused("--user", "ada:pw", "--no-auth");
        Assert.Contains("authentication is off", run.Err);
    }
}
