using Graph.Queries;
using Graph.Queries.Analysis;
using Graph.Queries.Export;
using Graph.Queries.Model;
using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>
/// The web serves the two-mode (expert–claim) network as the very files `graph export --network two-mode` writes
/// (same builder, same writers; decision 25: one edge per expert and claim, "both" when the expert took both
/// positions), for all dates and for a window, linked from the Claims page with the page's dates.
/// </summary>
public sealed class TwoModeWebExportTests(CodingFixture fixture) : IClassFixture<CodingFixture>
{
    private const int Timeout = 20_000;

    [Theory]
    [InlineData("gexf", ExportFormat.Gexf)]
    [InlineData("graphml", ExportFormat.GraphMl)]
    [InlineData("csv", ExportFormat.Csv)]
    public async Task The_web_export_is_the_cli_export(string extension, ExportFormat format)
    {
        using var http = fixture.Http(CodingFixture.Reader);
        foreach (var (query, window) in new[] { ("", TimeWindow.All), ("?from=2021-01-01", TimeWindow.Parse("2021-01-01", null)) })
        {
            var served = await http.GetStringAsync($"/api/export/two-mode.{extension}{query}");
            var network = await new DebateQueries(fixture.Driver).Within(window).ExportAsync(NetworkKind.TwoMode, Normalization.None, TwoModeNormalization.None);
            Assert.Equal(NetworkWriters.WriteToString(network, format), served);
        }
        var all = await http.GetStringAsync($"/api/export/two-mode.{extension}");
        Assert.Contains(format == ExportFormat.Csv ? "ivan-sorel,seasonal-labour-rights,Iván Sorel" : "ivan-sorel", all);
        var bad = await http.GetAsync("/api/export/two-mode.svg");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("The two-mode network exports as gexf, graphml, csv", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_claims_page_links_the_two_mode_network_with_its_dates()
    {
        await using var context = await fixture.SignInAsync(CodingFixture.Reader);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/#/claims?dates=2021-01-01..");
        var links = page.Locator("[data-testid=two-mode-exports] a");
        await links.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        Assert.Equal(["/api/export/two-mode.gexf?from=2021-01-01", "/api/export/two-mode.graphml?from=2021-01-01", "/api/export/two-mode.csv?from=2021-01-01"],
            await links.EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"));
        var download = await page.RunAndWaitForDownloadAsync(() => links.Nth(2).ClickAsync());
        var saved = Path.Combine(WebViewFixture.ScreenshotDirectory, "two-mode-2021.csv");
        await download.SaveAsAsync(saved);
        Assert.Equal(4, File.ReadAllLines(saved).Length); // the header and the year's three stances
    }
}
