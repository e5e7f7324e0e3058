using System.Xml.Linq;

namespace Graph.Web.Tests;

[Collection(WebViewCollection.Name)]
public sealed class MapExportTests(WebViewFixture fixture)
{
    [Fact]
    public async Task Svg_is_deterministic_for_a_seed_and_draws_every_expert()
    {
        var first = MapExports.Svg(await new WebApi(fixture.Driver).MapAsync(3, CancellationToken.None));
        var again = MapExports.Svg(await new WebApi(fixture.Driver).MapAsync(3, CancellationToken.None));
        var other = MapExports.Svg(await new WebApi(fixture.Driver).MapAsync(4, CancellationToken.None));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);

        var svg = XDocument.Parse(first);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var experts = svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("id") == "experts");
        Assert.Equal(await fixture.ScalarAsync("MATCH (e:Expert) RETURN count(e)"), experts.Elements(ns + "circle").Count());
        await File.WriteAllTextAsync(System.IO.Path.Combine(WebViewFixture.ScreenshotDirectory, "paradigm-map.svg"), first);
    }

    [Fact]
    public async Task Dot_lists_every_expert_and_tie()
    {
        var map = await new WebApi(fixture.Driver).MapAsync(MapLayout.DefaultSeed, CancellationToken.None);
        var dot = MapExports.Dot(map);
        Assert.StartsWith("graph paradigm_map {", dot);
        Assert.Equal(map.Experts.Count, dot.Split('\n').Count(l => l.Contains("shape=circle")));
        Assert.Equal(map.Edges.Count, dot.Split('\n').Count(l => l.Contains(" -- ")));
        Assert.Equal(map.Edges.Count(e => e.Kind == "disagree"), dot.Split('\n').Count(l => l.Contains("style=dashed")));
    }
}
