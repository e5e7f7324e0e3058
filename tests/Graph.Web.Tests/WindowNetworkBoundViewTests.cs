using System.Text.Json;
using Graph.Ingestion.Planning;
using Graph.Queries.Model;
using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>
/// The stored network's participant bound inside a time window, in the web view: on the Harbour Forum loaded with a
/// bound of two participants, a window over every date draws the same network as all dates (the API's communities
/// are the same), and the range control says which claim the window's network left out, as the CLI does.
/// </summary>
public sealed class WindowNetworkBoundViewTests(BoundedNetworkFixture fixture) : IClassFixture<BoundedNetworkFixture>
{
    private const int Timeout = 20_000;
    private const string Dates = "from=2019-01-01&to=2021-12-31";

    [Fact]
    public void The_default_bound_is_graph_ingests() => Assert.Equal(NetworkLimits.DefaultMaxClaimParticipants, NetworkBound.DefaultMaxParticipants);

    [Fact]
    public async Task A_window_leaves_out_what_the_stored_network_leaves_out_and_says_so()
    {
        using var http = fixture.Http(CodingFixture.Reader);
        using var bound = JsonDocument.Parse(await http.GetStringAsync("/api/network-bound?" + Dates));
        Assert.Equal(2, bound.RootElement.GetProperty("maxParticipants").GetInt32());
        var leftOut = Assert.Single(bound.RootElement.GetProperty("leftOut").EnumerateArray());
        Assert.Equal(("seasonal-labour-rights", 3), (leftOut.GetProperty("claim").GetString(), leftOut.GetProperty("participants").GetInt32()));
        using var all = JsonDocument.Parse(await http.GetStringAsync("/api/network-bound"));
        Assert.Equal(1, all.RootElement.GetProperty("leftOutCount").GetInt32());
        // For all dates the stored network's count comes from the store's manifest (which does not name the claims).
        Assert.Equal("the stored discourse network leaves out 1 claim with more than 2 participants (their pairs grow quadratically; graph ingest --network-max-participants sets the bound)",
            all.RootElement.GetProperty("note").GetString());

        // The evolution's windows: a three-year one holds both of Iván's positions.
        using var evolution = JsonDocument.Parse(await http.GetStringAsync("/api/evolution?window=3y&step=1y"));
        Assert.Contains(evolution.RootElement.GetProperty("windows").EnumerateArray(),
            w => w.GetProperty("boundNote").GetString() is { } n && n.Contains("leaves out 1 claim with more than 2 participants"));

        // The same groups and ties with and without the window.
        var communities = await http.GetStringAsync("/api/communities");
        var windowed = await http.GetStringAsync("/api/communities?" + Dates);
        Assert.Equal(Edges(communities), Edges(windowed));

        await using var context = await fixture.SignInAsync(CodingFixture.Reader);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/#/communities?dates=2019-01-01..2021-12-31");
        var note = page.Locator("[data-testid=bound-note]");
        await note.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        Assert.Equal("The discourse network of the stances dated 2019-01-01 to 2021-12-31 leaves out 1 claim with more than 2 participants, " +
                     "e.g. \u201cSeasonal workers should have the same labour rights as residents\u201d (3) (their pairs grow quadratically; graph ingest --network-max-participants sets the bound).",
            await note.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "window-bound-note.png") });
        // Without a window the control has no note.
        var plain = await context.NewPageAsync();
        await plain.GotoAsync($"{fixture.BaseUrl}/#/communities");
        await plain.WaitForSelectorAsync("[data-testid=active-window]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal("Showing: all dates", await plain.InnerTextAsync("[data-testid=active-window]"));
        Assert.Equal(0, await plain.Locator("[data-testid=bound-note]").CountAsync());
    }

    [Fact]
    public async Task A_windowed_shared_snapshot_says_what_its_network_left_out()
    {
        var window = TimeWindow.Parse("2019-01-01", "2021-12-31");
        var file = await WriteSnapshotAsync(window);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        foreach (var view in new[] { "#/communities", "#/alignment", "#/claims" })
        {
            await page.GotoAsync("file://" + file + view);
            var note = page.Locator("[data-testid=bound-note]");
            await note.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
            Assert.Equal("The discourse network of the stances dated 2019-01-01 to 2021-12-31 leaves out 1 claim with more than 2 participants, " +
                         "e.g. \u201cSeasonal workers should have the same labour rights as residents\u201d (3) (their pairs grow quadratically; graph ingest --network-max-participants sets the bound).",
                await note.InnerTextAsync());
        }
        await page.GotoAsync("file://" + file + "#/communities");
        await page.Locator("[data-testid=bound-note]").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "window-bound-note-snapshot.png") });

        // A snapshot of all dates carries no window, so no note (as graph serve without a range).
        var plain = await WriteSnapshotAsync(null);
        await page.GotoAsync("file://" + plain + "#/communities");
        await page.WaitForSelectorAsync("[data-testid=sentence]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("[data-testid=bound-note]").CountAsync());
        Assert.Empty(errors);
    }

    private async Task<string> WriteSnapshotAsync(TimeWindow? window)
    {
        var html = await new VizBuilder(fixture.Driver, Graph.Queries.Settings.AnalysisSettings.Default, window).BuildAsync(VizView.Communities, [], CancellationToken.None);
        var file = Path.Combine(Directory.CreateTempSubdirectory("graph-viz-bound-").FullName, "debate.html");
        await File.WriteAllTextAsync(file, html);
        return file;
    }

    // What the network decides in the view (groups, fault lines, modularity), whatever else (the header naming the window) differs.
    private static string Edges(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return string.Join("\n", new[] { "groups", "faultLines", "unclustered", "modularity" }.Select(p => doc.RootElement.GetProperty(p).GetRawText()));
    }
}
