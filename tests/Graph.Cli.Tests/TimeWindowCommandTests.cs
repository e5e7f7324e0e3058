using System.Text.Json;

namespace Graph.Cli.Tests;

/// <summary>
/// --from/--to and `graph evolution` on the fictional Harbour Forum (tests/Fixtures/harbour-forum: a 2019 and a 2021
/// document sharing one registry). The expected numbers are counted by hand from the two stances.yaml files:
/// 2019 — Marta endorses and Tomás criticizes open-ports-prosperity, Lucía endorses and Iván criticizes
/// seasonal-labour-rights, Marta endorses remittances-sustain-villages, Lucía endorses common-arrivals-registry;
/// 2021 — Marta endorses open-ports-prosperity, Iván endorses seasonal-labour-rights, Tomás criticizes
/// remittances-sustain-villages.
/// </summary>
[Collection(CliCollection.Name)] // it redirects the process-wide Console
public sealed class TimeWindowCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private string Db => _temp["db"];

    public async Task InitializeAsync()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum", "graph-data");
        await Cli.Succeeds("ingest", data, "--db", Db);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Contested_claims_follow_the_window()
    {
        using var y2019 = JsonDocument.Parse((await Cli.Succeeds("contested", "--db", Db, "--from", "2019-01-01", "--to", "2019-12-31", "--format", "json")).Out);
        Assert.Equal(new[] { "open-ports-prosperity", "seasonal-labour-rights" },
            y2019.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("claimId").GetString()!).Order().ToArray());
        // In 2021 nobody disagrees on anything.
        using var y2021 = JsonDocument.Parse((await Cli.Succeeds("contested", "--db", Db, "--from", "2021-01-01", "--format", "json")).Out);
        Assert.Equal(0, y2021.RootElement.GetProperty("total").GetInt32());
        // Over both years Iván's latest stance (2021, endorses) counts: seasonal-labour-rights is no longer contested.
        using var both = JsonDocument.Parse((await Cli.Succeeds("contested", "--db", Db, "--from", "2019-01-01", "--to", "2021-12-31", "--format", "json")).Out);
        Assert.Equal(new[] { "open-ports-prosperity", "remittances-sustain-villages" },
            both.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("claimId").GetString()!).Order().ToArray());
        var table = await Cli.Succeeds("clusters", "--db", Db, "--from", "2019-01-01", "--to", "2019-12-31");
        Assert.Contains("time window 2019-01-01 to 2019-12-31", table.Out);
    }

    [Fact]
    public async Task Evolution_reports_each_window_with_hand_counted_numbers()
    {
        using var json = JsonDocument.Parse((await Cli.Succeeds("evolution", "--db", Db, "--window", "1y", "--step", "1y", "--format", "json")).Out);
        var windows = json.RootElement.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(new[] { "2019-03-14", "2020-03-14", "2021-03-14" }, windows.Select(w => w.GetProperty("from").GetString()!).ToArray());
        Assert.Equal("2021-06-02", windows[2].GetProperty("to").GetString()); // the last window ends at the last dated stance
        // 2019: 4 experts, 6 stances, 2 of 6 pairs share a claim, both shared claims split: polarization 1.
        Assert.Equal(4, windows[0].GetProperty("experts").GetInt32());
        Assert.Equal(6, windows[0].GetProperty("stances").GetInt32());
        Assert.Equal(1 / 3.0, windows[0].GetProperty("density").GetDouble(), 9);
        Assert.Equal(1.0, windows[0].GetProperty("polarization").GetDouble(), 9);
        Assert.Equal(2, windows[0].GetProperty("contested").GetArrayLength());
        Assert.Equal(0, windows[1].GetProperty("stances").GetInt32());
        Assert.Equal(3, windows[2].GetProperty("experts").GetInt32());
        Assert.Equal(0.0, windows[2].GetProperty("density").GetDouble(), 9);
        Assert.Equal("signed Louvain, seed 42, resolution 1", json.RootElement.GetProperty("method").GetString());

        // One window over both documents: latest stances only (7 of 9), Lucía and Iván now agree, 2 of 3 shared-claim pairs split.
        using var whole = JsonDocument.Parse((await Cli.Succeeds("evolution", "--db", Db, "--window", "3y", "--step", "3y", "--format", "json")).Out);
        var all = whole.RootElement.GetProperty("windows")[0];
        Assert.Equal(7, all.GetProperty("stances").GetInt32());
        Assert.Equal(2, all.GetProperty("pairs").GetInt32());
        Assert.Equal(2 / 3.0, all.GetProperty("polarization").GetDouble(), 9);

        // Modularity is the one graph clusters reports for the same window and settings.
        using var clusters = JsonDocument.Parse((await Cli.Succeeds("clusters", "--db", Db, "--from", "2019-03-14", "--to", "2020-03-13", "--format", "json")).Out);
        Assert.Equal(clusters.RootElement.GetProperty("modularity").GetDouble(), windows[0].GetProperty("modularity").GetDouble(), 12);
    }

    [Theory]
    [InlineData(new[] { "clusters", "--from", "2019-02-30" }, "--from '2019-02-30' is not a date: use yyyy-MM-dd")]
    [InlineData(new[] { "contested", "--to", "14/03/2019" }, "--to '14/03/2019' is not a date: use yyyy-MM-dd")]
    [InlineData(new[] { "contested", "--from", "2021-01-01", "--to", "2019-01-01" }, "--to 2019-01-01 is before --from 2021-01-01")]
    [InlineData(new[] { "evolution", "--window", "1q" }, "--window '1q' is not a period")]
    [InlineData(new[] { "evolution", "--step", "1d", "--window", "1d" }, "more than 400 windows")]
    public async Task A_bad_window_is_a_usage_error_naming_the_option(string[] args, string expected)
    {
        var run = await Cli.RunAsync([.. args, "--db", Db]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Err);
    }
}
