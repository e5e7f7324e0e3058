using System.Net;
using System.Text.Json;
using Graph.Queries;
using Graph.Queries.Model;
using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>
/// Time in the web view, on the fictional Harbour Forum (a 2019 and a 2021 document): the evolution chart and the
/// range control ask the query library the same questions as `graph evolution` and `graph clusters --from --to`.
/// </summary>
public sealed class TimeWindowViewTests(CodingFixture fixture) : IClassFixture<CodingFixture>
{
    private const int Timeout = 20_000;

    [Fact]
    public async Task Evolution_api_serves_the_query_librarys_numbers()
    {
        using var http = fixture.Http(CodingFixture.Reader);
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/evolution?window=1y&step=6m"));
        var expected = await new DebateQueries(fixture.Driver).EvolutionAsync(CalendarPeriod.Parse("1y", "w"), CalendarPeriod.Parse("6m", "s"));
        var windows = json.RootElement.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(expected.Windows.Count, windows.Count);
        Assert.True(windows.Count >= 3);
        foreach (var (w, e) in windows.Zip(expected.Windows))
        {
            Assert.Equal(TimeWindow.Text(e.Window.From!.Value), w.GetProperty("from").GetString());
            Assert.Equal(e.Experts, w.GetProperty("experts").GetInt32());
            Assert.Equal(e.Stances, w.GetProperty("stances").GetInt32());
            Assert.Equal(e.Density, w.GetProperty("density").GetDouble(), 12);
            Assert.Equal(e.Polarization, w.GetProperty("polarization").GetDouble(), 12);
            Assert.Equal(e.Modularity, w.GetProperty("modularity").GetDouble(), 12);
        }
        var bad = await http.GetAsync("/api/evolution?window=1y&from=2019-02-30");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("from '2019-02-30' is not a date", await bad.Content.ReadAsStringAsync());
        var badStep = await http.GetAsync("/api/evolution?step=soon");
        Assert.Equal(HttpStatusCode.BadRequest, badStep.StatusCode);
        Assert.Contains("step 'soon' is not a period", await badStep.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_range_control_restricts_the_views_to_the_dates()
    {
        using var http = fixture.Http(CodingFixture.Reader);
        using var y2021 = JsonDocument.Parse(await http.GetStringAsync("/api/communities?from=2021-01-01"));
        Assert.Contains("3 stances dated 2021-01-01 to …", y2021.RootElement.GetProperty("header").GetProperty("source").GetString());
        // The path API's from/to are experts, so its dates are since/until: Lucía has no 2021 stance, so no chain then.
        using var always = JsonDocument.Parse(await http.GetStringAsync("/api/path?from=ivan-sorel&to=lucia-benavente&kind=disagreement"));
        Assert.NotEmpty(always.RootElement.GetProperty("paths").EnumerateArray());
        using var in2021 = JsonDocument.Parse(await http.GetStringAsync("/api/path?from=ivan-sorel&to=lucia-benavente&kind=disagreement&since=2021-01-01"));
        Assert.Empty(in2021.RootElement.GetProperty("paths").EnumerateArray());
        var badSince = await http.GetAsync("/api/path?from=ivan-sorel&to=lucia-benavente&since=2021");
        Assert.Equal(HttpStatusCode.BadRequest, badSince.StatusCode);
        Assert.Contains("since '2021' is not a date", await badSince.Content.ReadAsStringAsync());
        var bad = await http.GetAsync("/api/matrix?to=June");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("to 'June' is not a date", await bad.Content.ReadAsStringAsync());

        await using var context = await fixture.SignInAsync(CodingFixture.Reader);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(fixture.BaseUrl + "/#/alignment");
        await page.WaitForSelectorAsync("[data-testid=range]", new PageWaitForSelectorOptions { Timeout = Timeout });
        await page.FillAsync("#range-from", "2019-01-01");
        await page.FillAsync("#range-to", "2019-12-31");
        await page.ClickAsync("#range-apply");
        await page.WaitForSelectorAsync("[data-testid=caption] >> text=dated 2019-01-01 to 2019-12-31", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Contains("6 stances", await page.InnerTextAsync("[data-testid=caption]"));
        // ISO dates, not the browser's locale; the range is in the address, every page shows it and every link carries it.
        Assert.Equal("text", await page.GetAttributeAsync("#range-from", "type"));
        Assert.Equal("YYYY-MM-DD", await page.GetAttributeAsync("#range-from", "placeholder"));
        Assert.Contains("dates=2019-01-01..2019-12-31", page.Url);
        Assert.Contains("from=2019-01-01&to=2019-12-31", await page.GetAttributeAsync("a[download]:has-text('GEXF')", "href"));
        Assert.Contains("dates=2019-01-01..2019-12-31", await page.GetAttributeAsync("nav a[data-nav=claims]", "href"));
        await page.ClickAsync("nav a[data-nav=claims]");
        await page.WaitForSelectorAsync("[data-testid=claims-table]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Contains("stances dated 2019-01-01 to 2019-12-31", await page.InnerTextAsync("[data-testid=active-window]"));
        // In 2019 Iván only criticizes seasonal-labour-rights: 1 endorser (Lucía), 1 critic.
        Assert.Equal("1 1", string.Join(' ', (await page.Locator("tr[data-claim=seasonal-labour-rights] td").AllInnerTextsAsync()).Skip(2)));
        await page.ClickAsync("tr[data-claim=seasonal-labour-rights] a");
        await page.WaitForSelectorAsync("[data-testid=document]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal(new[] { "Harbour Forum 2019 (fictional) (2019-03-14)" }, (await page.Locator("[data-testid=document]").AllInnerTextsAsync()).Distinct().ToArray());
        Assert.Contains("stances dated 2019-01-01 to 2019-12-31", await page.InnerTextAsync("[data-testid=active-window]"));
        await page.GotoAsync(fixture.BaseUrl + "/#/expert/ivan-sorel?dates=2021-01-01..");
        await page.WaitForSelectorAsync("[data-testid=expert-name]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Contains("stances dated 2021-01-01 to …", await page.InnerTextAsync("[data-testid=active-window]"));
        Assert.Equal(new[] { "Harbour Forum 2021 (fictional) (2021-06-02)" }, (await page.Locator("[data-testid=document]").AllInnerTextsAsync()).Distinct().ToArray());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.DocsImages, "range-expert.png") });
        // A date that is not ISO is refused on the page, naming the format.
        await page.FillAsync("#range-from", "03/14/2019");
        await page.ClickAsync("#range-apply");
        Assert.Contains("use YYYY-MM-DD", await page.InnerTextAsync("#range-error"));
        await page.GotoAsync(fixture.BaseUrl + "/#/alignment?dates=2019-01-01..2019-12-31");
        await page.WaitForSelectorAsync("[data-testid=caption] >> text=dated 2019-01-01 to 2019-12-31", new PageWaitForSelectorOptions { Timeout = Timeout });

        // The chart page keeps the range; each measure is a line with a point per window, and the table lists them.
        await page.GotoAsync(fixture.BaseUrl + "/#/evolution?window=1y&step=6m&dates=2019-01-01..2019-12-31");
        await page.WaitForSelectorAsync("[data-testid=evolution-chart] polyline", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal(3, await page.Locator("[data-testid=evolution-chart] polyline").CountAsync());
        var rows = await page.Locator("[data-testid=evolution-table] tbody tr").CountAsync();
        Assert.Equal(rows * 3, await page.Locator("[data-testid=evolution-chart] circle").CountAsync());
        await page.ClickAsync("#range-clear");
        await page.WaitForFunctionAsync("n => document.querySelectorAll('[data-testid=evolution-table] tbody tr').length > n", rows, new PageWaitForFunctionOptions { Timeout = Timeout });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.DocsImages, "evolution.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Quotes_from_several_documents_each_name_their_document()
    {
        using var http = fixture.Http(CodingFixture.Reader);
        using var ivan = JsonDocument.Parse(await http.GetStringAsync("/api/experts/ivan-sorel"));
        var onClaim = ivan.RootElement.GetProperty("positions").EnumerateArray().SelectMany(g => g.GetProperty("stances").EnumerateArray())
            .Where(s => s.GetProperty("claim").GetProperty("id").GetString() == "seasonal-labour-rights")
            .Select(s => $"{s.GetProperty("document").GetProperty("date").GetString()} {s.GetProperty("stance").GetString()}").ToArray();
        Assert.Equal(new[] { "2019-03-14 criticizes", "2021-06-02 endorses" }, onClaim);
        using var claim = JsonDocument.Parse(await http.GetStringAsync("/api/claims/seasonal-labour-rights"));
        Assert.Contains(claim.RootElement.GetProperty("endorsers").EnumerateArray(),
            s => s.GetProperty("expert").GetProperty("id").GetString() == "ivan-sorel" && s.GetProperty("document").GetProperty("id").GetString() == "harbour-forum-2021");
        Assert.Contains(claim.RootElement.GetProperty("critics").EnumerateArray(),
            s => s.GetProperty("expert").GetProperty("id").GetString() == "ivan-sorel" && s.GetProperty("document").GetProperty("id").GetString() == "harbour-forum-2019");

        // Without a window both of Iván's positions count (StanceRule), as in `graph shared` and `graph contested`
        // (tests/Graph.Cli.Tests/StanceRuleCommandTests.cs): he and Lucía agree and disagree on the claim, and he is
        // one of its 2 endorsers and its 1 critic.
        using var pair = JsonDocument.Parse(await http.GetStringAsync("/api/pair?a=ivan-sorel&b=lucia-benavente"));
        Assert.Contains(pair.RootElement.GetProperty("agree").EnumerateArray(), c => c.GetProperty("id").GetString() == "seasonal-labour-rights");
        Assert.Contains(pair.RootElement.GetProperty("disagree").EnumerateArray(), c => c.GetProperty("id").GetString() == "seasonal-labour-rights");
        using var claims = JsonDocument.Parse(await http.GetStringAsync("/api/claims"));
        var seasonal = claims.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "seasonal-labour-rights");
        Assert.Equal((2, 1), (seasonal.GetProperty("endorsers").GetInt32(), seasonal.GetProperty("critics").GetInt32()));
        var ports = claims.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "open-ports-prosperity");
        Assert.Equal(1, ports.GetProperty("endorsers").GetInt32()); // Marta endorses it in both documents: once

        await using var context = await fixture.SignInAsync(CodingFixture.Reader);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/#/claim/seasonal-labour-rights");
        await page.WaitForSelectorAsync("[data-testid=document]", new PageWaitForSelectorOptions { Timeout = Timeout });
        var cited = await page.Locator("[data-testid=document]").AllInnerTextsAsync();
        Assert.Contains("Harbour Forum 2019 (fictional) (2019-03-14)", cited);
        Assert.Contains("Harbour Forum 2021 (fictional) (2021-06-02)", cited);
    }
}
