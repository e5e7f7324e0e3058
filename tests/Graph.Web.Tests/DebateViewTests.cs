using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Graph.Web.Tests;

/// <summary>
/// The three views of the shipped debate in real Chromium at 1400x900 and the default zoom, measured from the
/// rendered page: no two visible labels overlap, no visible text is smaller than 11 px, the legend lists exactly the
/// colours drawn, and no expert without stances is drawn (let alone inside a paradigm's region). Each test writes
/// the screenshot the README shows (docs/images).
/// </summary>
[Collection(WebViewCollection.Name)]
public sealed class DebateViewTests(WebViewFixture fixture, ITestOutputHelper output)
{
    private static void AssertReadable(ViewMeasurement m, string view)
    {
        Assert.True(m.Labels > 0, $"{view}: no label is visible");
        Assert.True(m.OverlappingPairs == 0, $"{view}: {m.OverlappingPairs} pairs of visible labels overlap");
        Assert.True(m.SmallestFont >= 11, $"{view}: the smallest visible text is {m.SmallestFont} px (“{m.SmallestFontText}”)");
    }

    private static void AssertLegendMatchesColours(ViewMeasurement m, string view)
    {
        Assert.Equal(m.NodeColors.Order(), m.LegendColors.Order());
        // What was painted at every node's centre is a legend colour (the picture, not just the model).
        Assert.All(m.DrawnColors, c => Assert.True(m.LegendColors.Contains(c), $"{view}: {c} is drawn but not in the legend ({string.Join(", ", m.LegendColors)})"));
    }

    [Fact]
    public async Task Alignment_view_places_experts_between_the_paradigms_readably()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await ViewMeasure.OpenAsync(page, fixture.BaseUrl + "/#/alignment");
        var m = await ViewMeasure.MeasureAsync(page);
        output.WriteLine($"alignment: {m.Nodes} experts, {m.Labels} labels, {m.OverlappingPairs} overlaps, smallest text {m.SmallestFont} px, first draw {m.FirstDrawMs:0} ms");
        AssertReadable(m, "alignment");
        AssertLegendMatchesColours(m, "alignment");

        var silent = await fixture.ScalarAsync("MATCH (e:Expert) WHERE NOT (e)-[:ENDORSES|CRITICIZES]->() RETURN count(e)");
        Assert.True(silent > 0, "the shipped data has experts without stances (this test relies on them)");
        Assert.Equal(silent, m.UnplacedListed);
        Assert.Empty(m.UnplacedDrawn);
        Assert.Equal(await fixture.ScalarAsync("MATCH (e:Expert) RETURN count(e)") - silent, m.Nodes);
        Assert.Empty(m.InsideRegionWithoutSupport);
        Assert.Contains("placed towards the paradigms", await page.InnerTextAsync("[data-testid=sentence]"));
        Assert.Contains("seed 42", await page.InnerTextAsync("[data-testid=caption]"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.DocsImages, "alignment.png") });
        // The other colour mode: the legend follows it.
        await page.SelectOptionAsync("#colorBy", "paradigm");
        await ViewMeasure.OpenAsync(page, fixture.BaseUrl + "/#/alignment");
        var byParadigm = await ViewMeasure.MeasureAsync(page);
        AssertReadable(byParadigm, "alignment by paradigm");
        AssertLegendMatchesColours(byParadigm, "alignment by paradigm");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Community_view_draws_groups_with_captions_and_fault_lines()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await ViewMeasure.OpenAsync(page, fixture.BaseUrl + "/#/communities");
        var m = await ViewMeasure.MeasureAsync(page);
        output.WriteLine($"communities: {m.Nodes} experts, {m.Labels} labels, {m.OverlappingPairs} overlaps, smallest text {m.SmallestFont} px");
        AssertReadable(m, "communities");
        AssertLegendMatchesColours(m, "communities");
        var captions = await page.Locator(".plot .label.caption.first").AllInnerTextsAsync();
        Assert.NotEmpty(captions);
        Assert.All(captions, c => Assert.Matches(@"^(Group \d+|small groups)", c));
        // Each group's caption in words, in the side panel, with what its members share and where they split.
        var listed = await page.Locator(".captions li").AllInnerTextsAsync();
        Assert.Contains(listed, c => c.Contains("experts") && c.Contains("split from group"));
        Assert.True(await page.Locator(".plot .label.fault").CountAsync() > 0, "no fault line is labelled");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.DocsImages, "communities.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Agreement_matrix_orders_experts_by_group_and_names_the_claims_on_hover()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await ViewMeasure.OpenAsync(page, fixture.BaseUrl + "/#/matrix");
        var m = await ViewMeasure.MeasureAsync(page);
        output.WriteLine($"matrix: {m.Nodes} rows, {m.Labels} labels, {m.OverlappingPairs} overlaps, smallest text {m.SmallestFont} px");
        AssertReadable(m, "matrix");
        Assert.Equal(5, m.LegendColors.Length);

        // Hover the strongest agreeing pair's cell: the tooltip names both experts, the score with its normalization, and the claims.
        var cell = await page.EvaluateAsync<double[]>("() => { const d = window.graphView.data; return d.cells.reduce((a, c) => c[2] > a[2] ? c : a); }");
        var at = await page.EvaluateAsync<Dictionary<string, double>>("([i, j]) => window.graphView.view.cellAt(i, j)", new[] { cell[0], cell[1] });
        await page.Mouse.MoveAsync((float)at["x"], (float)at["y"]);
        var tip = await page.Locator(".plot .tip").InnerTextAsync();
        Assert.Contains("score (average)", tip);
        Assert.Contains("shared", tip);
        await page.Mouse.MoveAsync(5, 5);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.DocsImages, "matrix.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Expert_page_labels_a_claim_that_opposes_the_paradigm_it_is_listed_under()
    {
        // An expert who endorses a claim that opposes a paradigm: under that paradigm the stance must say so.
        var row = (await fixture.RowsAsync(
            "MATCH (e:Expert)-[:ENDORSES]->(c:Claim)-[a:ALIGNS_WITH {sign: -1}]->(p:Paradigm) RETURN e.id AS id, c.id AS claim, p.name AS paradigm ORDER BY e.id, c.id LIMIT 1"))[0];
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/#/expert/{row["id"]}");
        await page.WaitForSelectorAsync(".stance", new PageWaitForSelectorOptions { Timeout = ViewMeasure.Timeout });
        var stance = page.Locator(".stance", new PageLocatorOptions { Has = page.Locator($"a[href='#/claim/{row["claim"]}']") })
            .Filter(new LocatorFilterOptions { Has = page.Locator(".tag.opposing") });
        Assert.True(await stance.CountAsync() >= 1);
        Assert.Contains($"claim opposes {row["paradigm"]}", await stance.First.InnerTextAsync());
        Assert.Contains("counts against it", await stance.First.InnerTextAsync());
        Assert.Contains("score (average)", await page.InnerTextAsync("#view"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "expert-page.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Exported_svgs_have_no_overlapping_text_in_the_browser()
    {
        // The SVG exports measured where people open them: in a browser.
        var api = new WebApi(fixture.Driver, fixture.Settings);
        foreach (var view in Graph.Web.Exports.ExportFile.Views)
        {
            var svg = (await Graph.Web.Exports.ExportFile.CreateAsync(api, view, "svg")).Content;
            var file = Path.Combine(WebViewFixture.ScreenshotDirectory, $"{view}.svg");
            await File.WriteAllBytesAsync(file, svg);
            var (page, _) = await fixture.NewPageAsync();
            await page.GotoAsync("file://" + file);
            var result = await page.EvaluateAsync<double[]>(@"() => {
                const texts = [...document.querySelectorAll('text')].map(t => ({ b: t.getBBox(), size: parseFloat(t.getAttribute('font-size')) }));
                let overlaps = 0;
                for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
                    const a = texts[i].b, b = texts[j].b;
                    if (a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5) overlaps++;
                }
                return [texts.length, overlaps, Math.min(...texts.map(t => t.size))];
            }");
            output.WriteLine($"{view}.svg: {result[0]} texts, {result[1]} overlapping pairs, smallest {result[2]} px");
            Assert.Equal(0, result[1]);
            Assert.True(result[2] >= 11, $"{view}.svg has text of {result[2]} px");
        }
    }
}
