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
public sealed class TimeWindowCommandTests : HarbourForumDatabase
{
    [Fact]
    public async Task Contested_claims_follow_the_window()
    {
        using var y2019 = JsonDocument.Parse((await Cli.Succeeds("contested", "--db", Db, "--from", "2019-01-01", "--to", "2019-12-31", "--format", "json")).Out);
        Assert.Equal(new[] { "open-ports-prosperity", "seasonal-labour-rights" },
            y2019.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("claimId").GetString()!).Order().ToArray());
        // In 2021 nobody disagrees on anything.
        using var y2021 = JsonDocument.Parse((await Cli.Succeeds("contested", "--db", Db, "--from", "2021-01-01", "--format", "json")).Out);
        Assert.Equal(0, y2021.RootElement.GetProperty("total").GetInt32());
        // Over both years both of Iván's positions count (StanceRule): seasonal-labour-rights stays contested, and Tomás's
        // 2021 criticism makes remittances-sustain-villages contested too.
        using var both = JsonDocument.Parse((await Cli.Succeeds("contested", "--db", Db, "--from", "2019-01-01", "--to", "2021-12-31", "--format", "json")).Out);
        Assert.Equal(new[] { "open-ports-prosperity", "remittances-sustain-villages", "seasonal-labour-rights" },
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

        // One window over both documents: 8 of the 9 stances count (Marta's repeated endorsement of open-ports-prosperity
        // once); Marta-Tomás and Lucía-Iván share claims; of the 4 pairs of two experts' stances on one claim
        // (open-ports 1, remittances 1, seasonal-labour-rights 2: Lucía with each of Iván's positions) 3 are opposed.
        using var whole = JsonDocument.Parse((await Cli.Succeeds("evolution", "--db", Db, "--window", "3y", "--step", "3y", "--format", "json")).Out);
        var all = whole.RootElement.GetProperty("windows")[0];
        Assert.Equal(8, all.GetProperty("stances").GetInt32());
        Assert.Equal(2, all.GetProperty("pairs").GetInt32());
        Assert.Equal(3 / 4.0, all.GetProperty("polarization").GetDouble(), 9);

        // Modularity is the one graph clusters reports for the same window and settings.
        using var clusters = JsonDocument.Parse((await Cli.Succeeds("clusters", "--db", Db, "--from", "2019-03-14", "--to", "2020-03-13", "--format", "json")).Out);
        Assert.Equal(clusters.RootElement.GetProperty("modularity").GetDouble(), windows[0].GetProperty("modularity").GetDouble(), 12);
    }

    [Fact]
    public async Task Per_expert_questions_and_exports_follow_the_window()
    {
        // Iván's positions in 2021: his endorsement only, cited from the 2021 document.
        using var positions = JsonDocument.Parse((await Cli.Succeeds("positions", "ivan-sorel", "--db", Db, "--from", "2021-01-01", "--format", "json")).Out);
        var held = positions.RootElement.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("positions").EnumerateArray()).ToList();
        Assert.Equal("endorses harbour-forum-2021", Assert.Single(held).GetProperty("polarity").GetString() + " " + held[0].GetProperty("document").GetProperty("id").GetString());

        // In 2019 Iván and Lucía only disagree; no chain of agreement links them until his 2021 endorsement counts.
        using var shared = JsonDocument.Parse((await Cli.Succeeds("shared", "ivan-sorel", "lucia-benavente", "--db", Db, "--to", "2019-12-31", "--format", "json")).Out);
        Assert.Equal(0, shared.RootElement.GetProperty("agreements").GetInt32());
        Assert.Equal(1, shared.RootElement.GetProperty("disagreements").GetInt32());
        var none = await Cli.RunAsync("path", "ivan-sorel", "lucia-benavente", "--db", Db, "--to", "2019-12-31");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("No chain of agreement", none.All);
        Assert.Contains("Seasonal workers", (await Cli.Succeeds("path", "ivan-sorel", "lucia-benavente", "--db", Db, "--to", "2021-12-31")).Out);

        // Opponents in 2021: Marta and Tomás share no claim that year.
        using var opponents = JsonDocument.Parse((await Cli.Succeeds("allies", "tomas-ferreyra", "--opponents", "--db", Db, "--from", "2021-01-01", "--format", "json")).Out);
        Assert.Equal(0, opponents.RootElement.GetProperty("total").GetInt32());

        // The 2021 two-mode network: the year's three stances.
        var csv = (await Cli.Succeeds("export", "--network", "two-mode", "--format", "csv", "--db", Db, "--from", "2021-01-01")).Out;
        Assert.Equal(new[] { "ivan-sorel,seasonal-labour-rights", "marta-quiroga,open-ports-prosperity", "tomas-ferreyra,remittances-sustain-villages" },
            csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))).Order(StringComparer.Ordinal).ToArray());
        var gexf = (await Cli.Succeeds("export", "--network", "conflict", "--format", "gexf", "--db", Db, "--from", "2019-01-01", "--to", "2019-12-31")).Out;
        Assert.Contains("stances dated 2019-01-01 to 2019-12-31", gexf);

        // graph viz: a view file and the offline HTML of the window.
        await Cli.Succeeds("viz", "--view", "communities", "--out", Temp["y2019.gexf"], "--db", Db, "--from", "2019-01-01", "--to", "2019-12-31");
        Assert.Contains("dated 2019-01-01 to 2019-12-31", await File.ReadAllTextAsync(Temp["y2019.gexf"]));
        await Cli.Succeeds("viz", "--out", Temp["y2021.html"], "--db", Db, "--from", "2021-01-01");
        Assert.Contains("3 stances dated 2021-01-01 to …", await File.ReadAllTextAsync(Temp["y2021.html"]));

        // graph tour answers for the window too (its own store: it loads the data first).
        var tour = await Cli.Succeeds("tour", Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum", "graph-data"), "--db", Temp["tour-db"], "--from", "2021-01-01");
        Assert.Contains("count only stances dated 2021-01-01 to …", tour.All);
    }

    [Theory]
    [InlineData(new[] { "clusters", "--from", "2019-02-30" }, "--from '2019-02-30' is not a date: use yyyy-MM-dd")]
    [InlineData(new[] { "contested", "--to", "14/03/2019" }, "--to '14/03/2019' is not a date: use yyyy-MM-dd")]
    [InlineData(new[] { "contested", "--from", "2021-01-01", "--to", "2019-01-01" }, "--to 2019-01-01 is before --from 2021-01-01")]
    [InlineData(new[] { "evolution", "--window", "1q" }, "--window '1q' is not a period")]
    [InlineData(new[] { "positions", "ivan-sorel", "--from", "2019-13-01" }, "--from '2019-13-01' is not a date")]
    [InlineData(new[] { "export", "--network", "congruence", "--to", "yesterday" }, "--to 'yesterday' is not a date")]
    [InlineData(new[] { "evolution", "--step", "1d", "--window", "1d" }, "more than 400 windows")]
    public async Task A_bad_window_is_a_usage_error_naming_the_option(string[] args, string expected)
    {
        var run = await Cli.RunAsync([.. args, "--db", Db]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Err);
    }
}
