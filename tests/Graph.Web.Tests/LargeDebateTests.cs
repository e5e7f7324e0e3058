using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Graph.Web.Tests;

/// <summary>
/// The same readability checks on a 5,000-expert synthetic debate, and how responsive the page stays: time to the
/// first draw, and per interaction (a zoom step, a colour-mode change) the time until the view is drawn and
/// labelled again. Times are reported (test output and artifacts/large-debate-timings.txt), not asserted: a loaded
/// 2-core machine decides them, not the code.
/// </summary>
[Collection(WebViewCollection.Name)]
public sealed class LargeDebateTests(WebViewFixture browser, LargeDebateFixture debate, ITestOutputHelper output) : IClassFixture<LargeDebateFixture>
{
    private static readonly string Timings = Path.Combine(WebViewFixture.RepositoryRoot, "artifacts", "large-debate-timings.txt");

    private void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Timings, line + Environment.NewLine);
    }

    private static double Distance(string a, string b)
    {
        var (x, y) = (Convert.FromHexString(a.TrimStart('#')), Convert.FromHexString(b.TrimStart('#')));
        return Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (x[i] - y[i]) * (x[i] - y[i])));
    }

    private static string Ms(double ms) => ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Milliseconds from an interaction until the view has drawn and placed its labels again.</summary>
    private static async Task<double> TimeAsync(IPage page, Func<Task> interaction)
    {
        var before = await page.EvaluateAsync<double>("() => { const v = window.graphView.view; return Math.max(v.labelledAt || 0, v.drawnAt); }");
        var start = await page.EvaluateAsync<double>("() => performance.now()");
        await interaction();
        await page.WaitForFunctionAsync($"() => window.graphView.view && (window.graphView.view.labelledAt || window.graphView.view.drawnAt) > {before.ToString(CultureInfo.InvariantCulture)}",
            null, new PageWaitForFunctionOptions { Timeout = ViewMeasure.Timeout });
        return await page.EvaluateAsync<double>("() => { const v = window.graphView.view; return Math.max(v.labelledAt || 0, v.drawnAt); }") - start;
    }

    [Theory]
    [InlineData("alignment")]
    [InlineData("communities")]
    [InlineData("matrix")]
    public async Task Views_stay_readable_and_responsive_with_5000_experts(string view)
    {
        var (cold, warm) = debate.ServerSeconds[view];
        Report($"{DateTime.UtcNow:u} {view}, {LargeDebateFixture.Experts} experts (load {debate.LoadSeconds:0.0} s): server {cold:0.0} s first, {warm:0.00} s cached");
        var (page, errors) = await WebViewFixture.NewPageAsync(browser.Browser);
        await ViewMeasure.OpenAsync(page, $"{debate.BaseUrl}/#/{view}");
        var firstDraw = await page.EvaluateAsync<double>("() => window.graphView.view.drawnAt");
        var m = await ViewMeasure.MeasureAsync(page);
        Report($"  first draw {Ms(firstDraw)} after opening the page; {m.Nodes} experts drawn, {m.Labels} labels visible, {m.OverlappingPairs} overlapping, smallest text {m.SmallestFont} px");
        Assert.True(m.OverlappingPairs == 0, $"{view}: {m.OverlappingPairs} pairs of visible labels overlap");
        Assert.True(m.SmallestFont >= 11, $"{view}: the smallest visible text is {m.SmallestFont} px (“{m.SmallestFontText}”)");

        if (view == "matrix")
        {
            // A whole pixel whose cell holds a pair (cells are a fraction of a pixel wide at this size).
            var at = await page.EvaluateAsync<Dictionary<string, double>>(@"() => {
                const v = window.graphView.view;
                for (const c of window.graphView.data.cells) {
                  const p = v.cellAt(c[0], c[1]), x = Math.round(p.x), y = Math.round(p.y);
                  if (v.pairAt(x, y)) return { x, y };
                }
                return null; }");
            var start = await page.EvaluateAsync<double>("() => performance.now()");
            await page.Mouse.MoveAsync((float)at["x"], (float)at["y"]);
            // The counts show at once; the claims come from /api/pair (too many cells to ship every cell's claims).
            await page.WaitForFunctionAsync("() => document.querySelector('.plot .tip i')", null, new PageWaitForFunctionOptions { Timeout = ViewMeasure.Timeout });
            Report($"  hover a cell: tooltip with the claims in {Ms(await page.EvaluateAsync<double>("() => performance.now()") - start)}");
            Assert.Equal(5, m.LegendColors.Length);
        }
        else
        {
            Assert.Equal(m.NodeColors.Order(), m.LegendColors.Order());
            // Dots are 1.5 px at this size: the pixel at a centre is the dot's colour, slightly blended by antialiasing.
            var foreign = m.DrawnColors.Where(c => m.LegendColors.Min(l => Distance(c, l)) > 40).ToList();
            Report($"  {m.DrawnColors.Length} distinct colours painted at node centres, {foreign.Count} not close to a legend colour");
            Assert.True(foreign.Count == 0, $"{view}: painted colours not in the legend: {string.Join(", ", foreign.Take(10))}");
            var plot = (await page.Locator("#plot").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(plot.X + plot.Width / 2, plot.Y + plot.Height / 2);
            var zooms = new List<double>();
            for (var i = 0; i < 3; i++) zooms.Add(await TimeAsync(page, () => page.Mouse.WheelAsync(0, -240)));
            Report($"  zoom step: {string.Join(", ", zooms.Select(Ms))} until drawn and labelled again");
            var zoomed = await ViewMeasure.MeasureAsync(page);
            Assert.Equal(0, zoomed.OverlappingPairs);
            if (view == "alignment")
            {
                Assert.Empty(m.UnplacedDrawn);
                Assert.True(m.UnplacedListed > 0);
                var switchMs = await TimeAsync(page, () => page.SelectOptionAsync("#colorBy", "paradigm"));
                Report($"  colour by paradigm: {Ms(switchMs)}");
                var byParadigm = await ViewMeasure.MeasureAsync(page);
                Assert.Equal(byParadigm.NodeColors.Order(), byParadigm.LegendColors.Order());
                await page.SelectOptionAsync("#colorBy", "group");
            }
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, $"large-{view}.png") });
        Assert.Empty(errors);
    }
}
