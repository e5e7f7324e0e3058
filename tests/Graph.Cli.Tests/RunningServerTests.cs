using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Graph.Cli.Tests;

/// <summary>
/// Commands on a store that a running <c>graph serve</c> holds go through that server (it records where it listens
/// in the database directory), or say in one line how to when it asks for a login.
/// </summary>
[Collection(CliCollection.Name)]
public class RunningServerTests(IngestedDatabase database)
{
    [Fact]
    public async Task Positions_answers_through_the_server_that_holds_the_store()
    {
        Assert.Equal(0, database.Ingest.ExitCode);
        using var temp = new TempDirectory();
        var db = CopyStore(database.Db, temp["db"]);
        var direct = await Cli.Succeeds("positions", "Raul Delgado", "--db", db);

        await using (var server = await ServeChild.StartAsync(db))
        {
            var through = await Cli.Succeeds("positions", "Raul Delgado", "--db", db);
            Assert.Equal(direct.Out, through.Out);
            Assert.Contains($"graph serve (process {server.ProcessId}) holds", through.Err);
            Assert.Contains("bolt://127.0.0.1:", through.Err);

            // --target neo4j reaches the same server by its Bolt URI, bolt:// and neo4j:// alike.
            var bolt = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(db, "serve.json"))).RootElement.GetProperty("bolt").GetString()!;
            foreach (var uri in new[] { bolt, bolt.Replace("bolt://", "neo4j://") })
            {
                var remote = await Cli.Succeeds("positions", "Raul Delgado", "--target", "neo4j", "--neo4j-uri", uri);
                Assert.Equal(direct.Out, remote.Out);
            }

            // A command that must write the files itself says why it cannot, in one line.
            var import = await Cli.RunAsync("import", "--nodes", "X=" + temp["none.csv"], "--db", db);
            Assert.NotEqual(0, import.ExitCode);
            Assert.Contains("stop it first", import.Err);
        }

        // The server is gone (and took its address file with it): the store opens directly again.
        Assert.False(File.Exists(Path.Combine(db, "serve.json")));
        Assert.Equal(direct.Out, (await Cli.Succeeds("positions", "Raul Delgado", "--db", db)).Out);
    }

    [Fact]
    public async Task A_server_with_users_is_named_with_the_options_that_reach_it()
    {
        Assert.Equal(0, database.Ingest.ExitCode);
        using var temp = new TempDirectory();
        var db = CopyStore(database.Db, temp["db"]);
        var direct = await Cli.Succeeds("positions", "Raul Delgado", "--db", db);
        await using var server = await ServeChild.StartAsync(db, "--user", "ana:cli-secret:reader");

        var refused = await Cli.RunAsync("positions", "Raul Delgado", "--db", db);
        Assert.Equal(1, refused.ExitCode);
        Assert.Single(refused.Err.Trim().Split('\n'));
        Assert.Contains($"held by graph serve (process {server.ProcessId})", refused.Err);
        Assert.Contains("--neo4j-user NAME --neo4j-password PASSWORD", refused.Err);
        Assert.DoesNotContain("cli-secret", refused.All);

        var through = await Cli.Succeeds("positions", "Raul Delgado", "--db", db, "--neo4j-user", "ana", "--neo4j-password", "cli-secret");
        Assert.Equal(direct.Out, through.Out);
        var serveFile = await File.ReadAllTextAsync(Path.Combine(db, "serve.json"));
        Assert.DoesNotContain("cli-secret", serveFile); // the address file never holds a password
    }

    [Fact]
    public async Task A_bolt_port_in_use_is_named_with_the_options_that_fix_it()
    {
        using var temp = new TempDirectory();
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var run = await Cli.RunAsync("serve", "--db", temp["db"], "--port", "0", "--no-auth", "--bolt-port", port);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"Cannot listen for Bolt on 127.0.0.1:{port}", run.Err);
            Assert.Contains("--bolt-port", run.Err);
            Assert.Contains("--no-bolt", run.Err);
            Assert.False(File.Exists(Path.Combine(temp["db"], "serve.json")));
        }
        finally
        {
            taken.Stop();
        }
    }

    private static string CopyStore(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => Path.GetFileName(f) != "LOCK"))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        return to;
    }
}
