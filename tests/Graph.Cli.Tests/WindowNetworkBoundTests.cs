namespace Graph.Cli.Tests;

/// <summary>
/// The stored network's participant bound applies inside a time window too: the fictional Harbour Forum ingested with
/// <c>--network-max-participants 2</c> leaves seasonal-labour-rights (Lucía Benavente endorses; Iván Sorel criticizes
/// in 2019 and endorses in 2021: three participants) out of AGREES_WITH / DISAGREES_WITH, and a window's network
/// leaves it out the same way, so a window over every date answers exactly as no window, and says which claim it left out.
/// </summary>
[Collection(CliCollection.Name)] // it redirects the process-wide Console
public sealed class WindowNetworkBoundTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private string Db => _temp["db"];

    public async Task InitializeAsync()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum", "graph-data");
        var ingest = await Cli.Succeeds("ingest", data, "--db", Db, "--network-max-participants", "2");
        Assert.Contains("leaves out 1 claims with more than 2 participants, e.g. seasonal-labour-rights (3)", ingest.Out);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("clusters", "--format", "json")]
    [InlineData("export", "--network", "subtract", "--format", "csv")]
    [InlineData("export", "--network", "congruence", "--format", "csv")]
    [InlineData("allies", "ivan-sorel", "--format", "json")]
    public async Task A_window_over_every_date_leaves_out_what_the_stored_network_leaves_out(params string[] command)
    {
        var all = await Cli.Succeeds([.. command, "--db", Db]);
        var window = await Cli.Succeeds([.. command, "--db", Db, "--from", "2019-01-01", "--to", "2021-12-31"]);
        Assert.Equal(Strip(all.Out), Strip(window.Out));
    }

    [Fact]
    public async Task A_windowed_analysis_names_the_claims_its_network_left_out()
    {
        var allies = await Cli.Succeeds("allies", "ivan-sorel", "--db", Db, "--from", "2019-01-01", "--to", "2021-12-31");
        Assert.Contains("the discourse network of the stances dated 2019-01-01 to 2021-12-31 leaves out 1 claim with more than 2 participants, " +
                        "e.g. seasonal-labour-rights \"Seasonal workers should have the same labour rights as residents\" (3)", Flatten(allies.Out));
        var export = await Cli.Succeeds("export", "--network", "subtract", "--format", "csv", "--db", Db, "--from", "2019-01-01");
        Assert.Contains("note: the discourse network of the stances dated 2019-01-01 to … leaves out 1 claim with more than 2 participants", export.Err);
        Assert.DoesNotContain("leaves out", export.Out);
        // A window with one document only: Iván's single 2019 stance and Lucía's make two participants, within the bound.
        var early = await Cli.Succeeds("allies", "ivan-sorel", "--db", Db, "--to", "2019-12-31");
        Assert.DoesNotContain("leaves out", early.Out);
        var none = await Cli.Succeeds("allies", "ivan-sorel", "--db", Db);
        Assert.DoesNotContain("leaves out", none.Out);
        // graph evolution: a three-year window holds both of Iván's positions, a one-year window one of them.
        var evolution = Flatten((await Cli.Succeeds("evolution", "--window", "3y", "--step", "1y", "--db", Db)).Out);
        Assert.Contains("leaves out 1 claim with more than 2 participants, e.g. seasonal-labour-rights (3)", evolution);
        Assert.DoesNotContain("leaves out", (await Cli.Succeeds("evolution", "--window", "1y", "--step", "1y", "--db", Db)).Out);
    }

    [Fact]
    public async Task A_windowed_viz_names_the_claims_its_network_left_out()
    {
        var html = _temp["windowed.html"];
        var windowed = await Cli.Succeeds("viz", "--out", html, "--view", "communities", "--db", Db, "--from", "2019-01-01", "--to", "2021-12-31");
        Assert.Contains("note: the discourse network of the stances dated 2019-01-01 to 2021-12-31 leaves out 1 claim with more than 2 participants, " +
                        "e.g. seasonal-labour-rights \"Seasonal workers should have the same labour rights as residents\" (3)", Flatten(windowed.Out));
        // The page itself carries the note too (graph-web's tests read it in a browser).
        Assert.Contains("/api/network-bound", await File.ReadAllTextAsync(html));
        var svg = await Cli.Succeeds("viz", "--out", _temp["windowed.svg"], "--view", "communities", "--db", Db, "--from", "2019-01-01");
        Assert.Contains("note: the discourse network of the stances dated 2019-01-01 to … leaves out 1 claim", Flatten(svg.Out));
        // All dates, or a window within the bound: no note.
        Assert.DoesNotContain("leaves out", (await Cli.Succeeds("viz", "--out", _temp["all.html"], "--db", Db)).Out);
        Assert.DoesNotContain("leaves out", (await Cli.Succeeds("viz", "--out", _temp["early.html"], "--db", Db, "--to", "2019-12-31")).Out);
    }

    // The windowed answer names its window; the numbers must be the same.
    private static string Strip(string text) => string.Join('\n', text.Split('\n').Where(l => !l.Contains("window", StringComparison.Ordinal) && !l.Contains("dated", StringComparison.Ordinal)));

    // Spectre wraps long notes at the console width.
    private static string Flatten(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
