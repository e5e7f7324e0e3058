using Microsoft.Playwright;

namespace Graph.Web.Tests;

[Collection(WebViewCollection.Name)]
public sealed class WebViewTests(WebViewFixture fixture)
{
    private const int Timeout = 15_000;

    [Fact]
    public async Task Clicking_an_expert_opens_its_page_with_quotes()
    {
        var row = (await fixture.RowsAsync(
            "MATCH (e:Expert)-[s:ENDORSES|CRITICIZES]->(:Claim) RETURN e.id AS id, e.name AS name, count(s) AS n ORDER BY n DESC, id LIMIT 1"))[0];
        var (page, errors) = await fixture.NewPageAsync();
        await ViewMeasure.OpenAsync(page, fixture.BaseUrl + "/#/alignment");

        // Click where the view drew the expert, as a person would.
        var box = (await page.Locator("#plot canvas").BoundingBoxAsync())!;
        var position = await page.EvaluateAsync<Dictionary<string, double>>(
            "id => window.graphView.view.toScreen(window.graphView.view.nodes.find(n => n.id === id))", (string)row["id"]!);
        await page.Mouse.ClickAsync((float)(box.X + position["x"]), (float)(box.Y + position["y"]));

        await page.WaitForSelectorAsync("[data-testid=expert-name]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal((string)row["name"]!, await page.InnerTextAsync("[data-testid=expert-name]"));
        // A stance shows once under each paradigm its claim aligns with: count the distinct claims quoted.
        Assert.True(await page.Locator(".stance blockquote").CountAsync() >= (long)row["n"]!);
        var claims = await page.Locator(".stance a[href^='#/claim/']").EvaluateAllAsync<string[]>("links => [...new Set(links.map(a => a.getAttribute('href')))]");
        Assert.Equal((long)row["n"]!, claims.Length);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Path_api_resolves_names_explains_hops_with_claim_texts_and_suggests_for_unknown_names()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var ok = await http.GetAsync("/api/path?from=Raul%20Delgado&to=lelio-marmora&kind=agreement");
        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        using (var json = System.Text.Json.JsonDocument.Parse(await ok.Content.ReadAsStringAsync()))
        {
            Assert.Equal("raul-delgado-wise", json.RootElement.GetProperty("from").GetProperty("id").GetString());
            Assert.Equal("Raúl Delgado Wise", json.RootElement.GetProperty("from").GetProperty("name").GetString());
            var claims = json.RootElement.GetProperty("paths")[0].GetProperty("hops")[0].GetProperty("claims").EnumerateArray().ToList();
            Assert.NotEmpty(claims);
            Assert.All(claims, c => Assert.NotEqual(c.GetProperty("id").GetString(), c.GetProperty("text").GetString()));
        }

        var unknown = await http.GetAsync("/api/path?from=Delgado%20Wyse&to=lelio-marmora");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Raúl Delgado Wise", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_path_view_shows_every_tied_chain_with_its_verdict()
    {
        // Find a pair with several equally short signed chains, as the query library sees them.
        var queries = new Graph.Queries.DebateQueries(fixture.Driver);
        var ids = (await fixture.RowsAsync("MATCH (e:Expert) WHERE (e)-[:AGREES_WITH|DISAGREES_WITH]-() RETURN e.id AS id ORDER BY id")).Select(r => (string)r["id"]!).ToList();
        (string A, string B, int Tied)? found = null;
        foreach (var a in ids.Take(12))
        foreach (var b in ids.Where(b => string.CompareOrdinal(a, b) > 0))
        {
            var paths = await queries.PathsAsync(a, b, Graph.Queries.Algorithms.NetworkMode.Signed);
            if (paths.Count > 1 && paths.All(p => p.Length == paths[0].Length)) { found = (a, b, paths.Count); break; }
            if (found is not null) break;
        }
        Assert.True(found is not null, "the shipped data has a pair with tied signed chains");
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/#/path?from={found.Value.A}&to={found.Value.B}&kind=signed");
        await page.WaitForSelectorAsync("[data-testid=tied]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal(found.Value.Tied, await page.Locator("[data-testid=path-result] .panel").CountAsync());
        Assert.Equal(found.Value.Tied, await page.Locator("[data-testid=verdict]").CountAsync());
        Assert.All(await page.Locator("[data-testid=verdict]").AllInnerTextsAsync(), v => Assert.Matches("^expected (allies|opponents)$", v));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Path_view_shows_the_agreement_between_two_experts_who_agree()
    {
        var pair = (await fixture.RowsAsync(
            "MATCH (a:Expert)-[r:AGREES_WITH]->(b:Expert) RETURN a.id AS a, b.id AS b, r.claims AS claims ORDER BY r.weight DESC, a, b LIMIT 1"))[0];
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/#/path?from={pair["a"]}&to={pair["b"]}&kind=agreement");
        await page.WaitForSelectorAsync("[data-testid=path-result] .hop", new PageWaitForSelectorOptions { Timeout = Timeout });

        var hops = page.Locator("[data-testid=path-result] .panel").First.Locator(".hop");
        Assert.Equal(1, await hops.CountAsync()); // they agree directly: a one-hop chain
        var claimLinks = await hops.First.Locator("a[href^='#/claim/']").EvaluateAllAsync<string[]>("links => links.map(a => decodeURIComponent(a.getAttribute('href').slice('#/claim/'.length)))");
        var expected = ((IReadOnlyList<object?>)pair["claims"]!).Cast<string>().ToList();
        Assert.Equal(expected.Order(), claimLinks.Order());
        // Each claim says how the two stand on it: "both criticize" is not "both endorse".
        var relations = await hops.First.Locator("[data-testid=relation]").AllInnerTextsAsync();
        Assert.Equal(expected.Count, relations.Count);
        Assert.All(relations, r => Assert.Matches("^both (endorse|criticize)$", r));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "path-view.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Claim_page_lists_endorsers_and_critics_with_quotes()
    {
        var claim = (await fixture.RowsAsync(
            "MATCH (e:Expert)-[:CRITICIZES]->(c:Claim)<-[:ENDORSES]-(:Expert) RETURN DISTINCT c.id AS id ORDER BY id LIMIT 1"))[0];
        var id = (string)claim["id"]!;
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/#/claim/{id}");
        await page.WaitForSelectorAsync(".stance.criticizes", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal(await fixture.ScalarAsync($"MATCH (:Expert)-[s:ENDORSES]->(:Claim {{id: '{id}'}}) RETURN count(s)"), await page.Locator(".stance.endorses").CountAsync());
        Assert.Equal(await fixture.ScalarAsync($"MATCH (:Expert)-[s:CRITICIZES]->(:Claim {{id: '{id}'}}) RETURN count(s)"), await page.Locator(".stance.criticizes").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Cypher_console_renders_a_table_and_a_graph()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/#/console");
        await page.FillAsync("#query", "MATCH (e:Expert)-[s:ENDORSES]->(c:Claim) RETURN e, s, c ORDER BY e.id, c.id LIMIT 5");
        await page.ClickAsync("#run");
        await page.WaitForSelectorAsync("[data-testid=console-table]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal(6, await page.Locator("[data-testid=console-table] tr").CountAsync()); // header + 5 rows
        await page.WaitForFunctionAsync("() => window.graphView.cy && window.graphView.cy.edges().length > 0", null, new PageWaitForFunctionOptions { Timeout = Timeout });
        var relationships = await page.EvaluateAsync<int>("() => window.graphView.cy.edges().length");
        Assert.Equal(5, relationships);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "cypher-console.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_malformed_query_shows_the_error_with_its_position()
    {
        var (page, _) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/#/console");
        await page.FillAsync("#query", "MATCH (e:Expert)\nRETURN e.name,");
        await page.ClickAsync("#run");
        var error = await page.WaitForSelectorAsync("[data-testid=console-error]", new PageWaitForSelectorOptions { Timeout = Timeout });
        var text = await error!.InnerTextAsync();
        Assert.Contains("Neo.ClientError.Statement.SyntaxError", text);
        Assert.Contains("line 2, column 15", text);
        Assert.Contains("RETURN e.name,\n              ^", text); // the caret under column 15
    }

    [Fact]
    public async Task Search_finds_an_expert_by_a_name_variant_without_accents()
    {
        var expert = (await fixture.RowsAsync("MATCH (e:Expert) WHERE size(e.aliases) > 0 RETURN e.name AS name, e.aliases[0] AS alias ORDER BY e.id LIMIT 1"))[0];
        var alias = ((string)expert["alias"]!).Normalize(System.Text.NormalizationForm.FormD);
        var plain = new string(alias.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray()).ToLowerInvariant();
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/#/alignment");
        await page.FillAsync("#search", plain);
        var first = await page.WaitForSelectorAsync("#search-results li a", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.StartsWith((string)expert["name"]!, await first!.InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_shared_html_snapshot_opens_offline_and_hides_what_it_cannot_answer()
    {
        var html = await new VizBuilder(fixture.Driver, fixture.Settings).BuildAsync(VizView.Alignment, [], CancellationToken.None);
        var file = Path.Combine(Directory.CreateTempSubdirectory("graph-viz-").FullName, "debate.html");
        await File.WriteAllTextAsync(file, html);
        Assert.DoesNotContain("src=\"/", html); // nothing to fetch: every script is inline

        var (page, errors) = await fixture.NewPageAsync();
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith("file:") ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync("file://" + file);
        await ViewMeasure.OpenAsync(page, "file://" + file + "#/alignment");
        var drawn = await page.EvaluateAsync<int>("() => window.graphView.view.nodes.length");
        Assert.Equal(await fixture.ScalarAsync("MATCH (e:Expert) WHERE (e)-[:ENDORSES|CRITICIZES]->() RETURN count(e)"), drawn);
        // Every tab it offers answers: the views, claims and expert pages are inside; paths (one answer per pair) and the console are not offered.
        var tabs = await page.Locator("nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.DoesNotContain("#/path", tabs);
        Assert.DoesNotContain("#/console", tabs);
        foreach (var tab in tabs)
        {
            await page.GotoAsync("file://" + file + tab);
            await page.WaitForTimeoutAsync(300);
            Assert.Equal(0, await page.Locator("#view .error").CountAsync());
        }
        Assert.Empty(errors);
    }
}
