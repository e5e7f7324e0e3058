namespace Graph.Cli.Tests.Hardening;

/// <summary>A malformed engine limit stops `graph serve` at start, naming the setting, instead of running unbounded.</summary>
public class ServeSettingsChildTests
{
    [Fact]
    public async Task A_malformed_memory_limit_stops_start_up_naming_the_setting()
    {
        using var directory = new TempDirectory();
        var run = await GraphProcess.RunAsync(["serve", "--db", directory["db"], "--port", "0", "--user", "a:b"], "", TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["GRAPH_Engine__QueryMemoryLimit"] = "lots" });
        Assert.False(run.Crashed, run.ToString());
        Assert.True(run.ExitCode == CliRunner.ExitUsage, run.ToString());
        Assert.Contains("Engine:QueryMemoryLimit", run.Err);
    }
}
