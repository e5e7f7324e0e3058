using Microsoft.Playwright;

namespace Graph.Web.Tests;

[Collection(WebViewCollection.Name)]
public sealed class WebViewTests(WebViewFixture fixture)
{
    private const int Timeout = 15_000;

    private static async Task WaitForMapAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => window.graphView && window.graphView.cy && window.graphView.cy.nodes().length > 0",
            null, new PageWaitForFunctionOptions { Timeout = Timeout });

    [Fact]
    public async Task Paradigm_map_draws_every_expert_without_console_errors()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/#/map");
        await WaitForMapAsync(page);

        var drawn = await page.EvaluateAsync<int>("() => window.graphView.cy.nodes('[kind=\"expert\"]').length");
        var paradigms = await page.EvaluateAsync<int>("() => window.graphView.cy.nodes('[kind=\"paradigm\"]').length");
        Assert.Equal(await fixture.ScalarAsync("MATCH (e:Expert) RETURN count(e)"), drawn);
        Assert.Equal(3, paradigms);
        var agreements = await page.EvaluateAsync<int>("() => window.graphView.cy.edges('[kind=\"agree\"]').length");
        Assert.Equal(await fixture.ScalarAsync("MATCH (:Expert)-[r:AGREES_WITH]->(:Expert) RETURN count(r)"), agreements);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(WebViewFixture.ScreenshotDirectory, "paradigm-map.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Clicking_an_expert_opens_its_page_with_quotes()
    {
        var row = (await fixture.RowsAsync(
            "MATCH (e:Expert)-[s:ENDORSES|CRITICIZES]->(:Claim) RETURN e.id AS id, e.name AS name, count(s) AS n ORDER BY n DESC, id LIMIT 1"))[0];
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/#/map");
        await WaitForMapAsync(page);

        // Click where Cytoscape drew the node, as a person would.
        var box = (await page.Locator("#cy").BoundingBoxAsync())!;
        var position = await page.EvaluateAsync<Dictionary<string, double>>(
            "id => window.graphView.cy.getElementById(id).renderedPosition()", (string)row["id"]!);
        await page.Mouse.ClickAsync((float)(box.X + position["x"]), (float)(box.Y + position["y"]));

        await page.WaitForSelectorAsync("[data-testid=expert-name]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal((string)row["name"]!, await page.InnerTextAsync("[data-testid=expert-name]"));
        // A stance shows once under each paradigm its claim aligns with: count the distinct claims quoted.
        Assert.True(await page.Locator(".stance blockquote").CountAsync() >= (long)row["n"]!);
        var claims = await page.Locator(".stance a[href^='#/claim/']").EvaluateAllAsync<string[]>("links => [...new Set(links.map(a => a.getAttribute('href')))]");
        Assert.Equal((long)row["n"]!, claims.Length);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(WebViewFixture.ScreenshotDirectory, "expert-page.png"), FullPage = true });
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
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(WebViewFixture.ScreenshotDirectory, "path-view.png"), FullPage = true });
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
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(WebViewFixture.ScreenshotDirectory, "cypher-console.png"), FullPage = true });
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
        await page.GotoAsync(fixture.BaseUrl + "/#/map");
        await page.FillAsync("#search", plain);
        var first = await page.WaitForSelectorAsync("#search-results li a", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.StartsWith((string)expert["name"]!, await first!.InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_shared_html_snapshot_opens_offline_and_draws_the_map()
    {
        var html = await new VizBuilder(fixture.Driver).BuildAsync(VizView.Clusters, [], MapLayout.DefaultSeed, CancellationToken.None);
        var file = System.IO.Path.Combine(Directory.CreateTempSubdirectory("graph-viz-").FullName, "debate.html");
        await File.WriteAllTextAsync(file, html);
        Assert.DoesNotContain("src=\"/", html); // nothing to fetch: every script is inline

        var (page, errors) = await fixture.NewPageAsync();
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith("file:") ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync("file://" + file);
        await WaitForMapAsync(page);
        Assert.Equal(await fixture.ScalarAsync("MATCH (e:Expert) RETURN count(e)"),
            await page.EvaluateAsync<int>("() => window.graphView.cy.nodes('[kind=\"expert\"]').length"));
        Assert.Empty(errors);
    }
}
