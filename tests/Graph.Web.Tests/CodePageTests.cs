using System.Net;
using System.Text;
using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>
/// The Code page in Chromium on the fictional Harbour Forum: a selected passage coded with the keyboard, seen
/// highlighted, edited and deleted (the YAML and the store checked after each step); a save from a stale second tab
/// refused and shown; a reader refused by the server; and the endpoints' input checks.
/// </summary>
public sealed class CodePageTests(CodingFixture fixture) : IClassFixture<CodingFixture>
{
    private const int Timeout = 20_000;
    private const string Document = "harbour-forum-2021";

    // Selects the first occurrence of a passage in the document text, as a mouse drag would.
    private const string SelectScript = """
        needle => {
          const root = document.getElementById('text');
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          const nodes = []; let offset = 0;
          while (walker.nextNode()) { nodes.push([walker.currentNode, offset]); offset += walker.currentNode.length; }
          const at = root.textContent.indexOf(needle);
          if (at < 0) throw new Error('not in the text: ' + needle);
          const find = (pos, end) => { for (const [n, o] of nodes) if (end ? pos <= o + n.length : pos < o + n.length) return [n, pos - o]; };
          const range = document.createRange();
          range.setStart(...find(at, false));
          range.setEnd(...find(at + needle.length, true));
          const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range);
        }
        """;

    private async Task<IPage> OpenAsync(IBrowserContext context, List<string>? errors = null)
    {
        var page = await context.NewPageAsync();
        if (errors is not null)
        {
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            page.PageError += (_, e) => errors.Add(e);
        }
        await page.GotoAsync($"{fixture.BaseUrl}/code?document={Document}");
        await page.WaitForFunctionAsync("() => window.codePage.doc && document.querySelectorAll('#text mark').length > 0", null, new PageWaitForFunctionOptions { Timeout = Timeout });
        return page;
    }

    private Task<long> StanceCountAsync(string type, string expert, string claim) =>
        fixture.ScalarAsync($"MATCH (:Expert {{id: '{expert}'}})-[s:{type}]->(:Claim {{id: '{claim}'}}) WHERE s.source = '{Document}' RETURN count(s)");

    private async Task SaveWithKeyboardAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForSelectorAsync(".banner.ok", new PageWaitForSelectorOptions { Timeout = Timeout });
    }

    [Fact]
    public async Task A_selected_passage_is_coded_with_the_keyboard_highlighted_then_edited_and_deleted()
    {
        var errors = new List<string>();
        await using var context = await fixture.SignInAsync(CodingFixture.Editor);
        var page = await OpenAsync(context, errors);
        var marksBefore = await page.Locator("#text mark").CountAsync();

        // Select, Enter opens the form; pick the expert by a variant without accents, the claim by words; Alt+E; Ctrl+Enter.
        await page.EvaluateAsync(SelectScript, "Iván Sorel now agreed");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=form]", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal("Iván Sorel now agreed", await page.InnerTextAsync("[data-testid=quote]"));
        await page.FillAsync("#expert", "ivan so");
        Assert.Contains("Iván Sorel", await page.InnerTextAsync("[data-testid=expert-list]"));
        await page.PressAsync("#expert", "Enter");
        await page.FillAsync("#claim", "common registry");
        await page.PressAsync("#claim", "Enter");
        Assert.Equal("aligned with no paradigm", await page.InnerTextAsync("[data-testid=claim-alignment]"));
        await page.Keyboard.PressAsync("Alt+e");
        await SaveWithKeyboardAsync(page);

        // Highlighted in the endorsing colour, hover names expert and claim; in the YAML with the coder; in the store.
        var mark = page.Locator("#text mark", new PageLocatorOptions { HasTextString = "Iván Sorel now agreed" });
        Assert.Equal(1, await mark.CountAsync());
        Assert.Equal("endorses", await mark.GetAttributeAsync("class"));
        Assert.True(await page.Locator("#text mark").CountAsync() > marksBefore);
        await mark.HoverAsync();
        var tip = await page.InnerTextAsync("#tip");
        Assert.Contains("Iván Sorel", tip);
        Assert.Contains("A common registry of arrivals would help the whole coast", tip);
        Assert.Contains("coded by ana-coder", tip);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.DocsImages, "code.png") });
        var yaml = await File.ReadAllTextAsync(fixture.StancesFile(Document));
        Assert.Contains("- expert: ivan-sorel\n    claim: common-arrivals-registry\n    stance: endorses\n    coder: ana-coder\n", yaml);
        Assert.Contains("quote: \"Iván Sorel now agreed\"", yaml);
        Assert.Equal(1, await StanceCountAsync("ENDORSES", "ivan-sorel", "common-arrivals-registry"));
        Assert.Equal(1, await fixture.ScalarAsync($"MATCH (:Expert {{id: 'ivan-sorel'}})-[s:ENDORSES]->(:Claim {{id: 'common-arrivals-registry'}}) WHERE s.coder = 'ana-coder' AND s.quote = 'Iván Sorel now agreed' RETURN count(s)"));

        // Edit: criticizes instead, with a confidence below 1 and its note.
        await page.Locator("#stances li", new PageLocatorOptions { HasTextString = "A common registry" }).ClickAsync();
        Assert.Equal("Edit this stance", await page.InnerTextAsync("#form-title"));
        await page.Keyboard.PressAsync("Alt+c");
        await page.FillAsync("#confidence", "0.7");
        await page.FillAsync("#note", "he only agreed in part");
        await SaveWithKeyboardAsync(page);
        Assert.Equal("criticizes", await page.Locator("#text mark", new PageLocatorOptions { HasTextString = "Iván Sorel now agreed" }).GetAttributeAsync("class"));
        Assert.Equal(0, await StanceCountAsync("ENDORSES", "ivan-sorel", "common-arrivals-registry"));
        Assert.Equal(1, await fixture.ScalarAsync($"MATCH (:Expert {{id: 'ivan-sorel'}})-[s:CRITICIZES]->(:Claim {{id: 'common-arrivals-registry'}}) WHERE s.confidence = 0.7 AND s.note = 'he only agreed in part' RETURN count(s)"));
        yaml = await File.ReadAllTextAsync(fixture.StancesFile(Document));
        Assert.Contains("claim: common-arrivals-registry\n    stance: criticizes\n", yaml);

        // Delete.
        await page.Locator("#stances li", new PageLocatorOptions { HasTextString = "A common registry" }).ClickAsync();
        await page.ClickAsync("[data-testid=delete]");
        await page.WaitForSelectorAsync(".banner.ok >> text=Deleted", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("#text mark", new PageLocatorOptions { HasTextString = "Iván Sorel now agreed" }).CountAsync());
        Assert.Equal(0, await StanceCountAsync("CRITICIZES", "ivan-sorel", "common-arrivals-registry"));
        Assert.DoesNotContain("common-arrivals-registry", await File.ReadAllTextAsync(fixture.StancesFile(Document)));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_save_from_a_stale_second_tab_is_refused_and_shown_never_overwriting()
    {
        await using var context = await fixture.SignInAsync(CodingFixture.Editor);
        var first = await OpenAsync(context);
        var second = await OpenAsync(context); // opened before the first tab saves: it holds the old version

        await first.Locator("#stances li", new PageLocatorOptions { HasTextString = "Tomás Ferreyra" }).ClickAsync();
        await first.FillAsync("#note", "first tab");
        await SaveWithKeyboardAsync(first);
        var afterFirst = await File.ReadAllTextAsync(fixture.StancesFile(Document));
        Assert.Contains("note: \"first tab\"", afterFirst);

        await second.Locator("#stances li", new PageLocatorOptions { HasTextString = "Tomás Ferreyra" }).ClickAsync();
        await second.FillAsync("#note", "second tab");
        await second.Keyboard.PressAsync("Control+Enter");
        await second.WaitForSelectorAsync(".banner.conflict", new PageWaitForSelectorOptions { Timeout = Timeout });
        var shown = await second.InnerTextAsync("[data-testid=banner]");
        Assert.Contains("Conflict", shown);
        Assert.Contains("nothing was overwritten", shown);
        Assert.Contains("changed since it was read", shown);
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "code-conflict.png") });
        Assert.Equal(afterFirst, await File.ReadAllTextAsync(fixture.StancesFile(Document)));
        Assert.Equal(1, await fixture.ScalarAsync($"MATCH (:Expert {{id: 'tomas-ferreyra'}})-[s]->(:Claim {{id: 'remittances-sustain-villages'}}) WHERE s.source = '{Document}' AND s.note = 'first tab' RETURN count(s)"));

        // Reloading shows the first tab's note; saving then works.
        await second.ClickAsync("[data-testid=reload]");
        await second.Locator("#stances li", new PageLocatorOptions { HasTextString = "first tab" }).ClickAsync();
        Assert.Equal("first tab", await second.InputValueAsync("#note"));
    }

    [Fact]
    public async Task A_reader_sees_the_coding_read_only_and_the_server_refuses_its_writes()
    {
        var before = await File.ReadAllTextAsync(fixture.StancesFile(Document));
        await using var context = await fixture.SignInAsync(CodingFixture.Reader);
        var page = await OpenAsync(context);
        Assert.Contains("a reader", await page.InnerTextAsync("[data-testid=banner]"));
        await page.EvaluateAsync(SelectScript, "Iván Sorel now agreed");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#text mark").First.ClickAsync();
        Assert.True(await page.Locator("[data-testid=form]").IsHiddenAsync());

        // The page is not what protects the data: the server refuses the reader's request itself.
        using var http = fixture.Http(CodingFixture.Reader);
        var response = await http.PostAsync($"/api/coding/documents/{Document}/stances", Json(
            """{"expert":"ivan-sorel","claim":"common-arrivals-registry","stance":"endorses","quote":"Iván Sorel now agreed","section":"1"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("reader", await response.Content.ReadAsStringAsync());
        var delete = await http.DeleteAsync($"/api/coding/documents/{Document}/stances/marta-quiroga/open-ports-prosperity?version=x");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(before, await File.ReadAllTextAsync(fixture.StancesFile(Document)));

        using var stranger = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/coding/documents")).StatusCode);
    }

    [Theory]
    [InlineData("{", "not a stance")]
    [InlineData("""{"expert":"ivan-sorel","claim":"common-arrivals-registry","stance":"endorses","quote":"Iván Sorel now agreed","section":"1","colour":"red"}""", "colour")]
    [InlineData("""{"claim":"common-arrivals-registry","stance":"endorses","quote":"Iván Sorel now agreed","section":"1"}""", "'expert': missing")]
    [InlineData("""{"expert":"ivan-sorel","claim":"common-arrivals-registry","stance":"agrees","quote":"Iván Sorel now agreed","section":"1"}""", "'stance': 'agrees' is not a stance")]
    [InlineData("""{"expert":"ivan-sorel","claim":"common-arrivals-registry","stance":"endorses","quote":"  ","section":"1"}""", "'quote': missing")]
    [InlineData("""{"expert":"ivan-sorel","claim":"common-arrivals-registry","stance":"endorses","quote":"Iván Sorel now agreed","section":"1","confidence":1.5}""", "'confidence'")]
    [InlineData("""{"expert":"ivan-sorel","claim":"common-arrivals-registry","stance":"endorses","quote":"Iván Sorel now agreed","section":"1","confidence":0.5}""", "'note': a confidence below 1 needs a note")]
    [InlineData("""{"expert":"ivan-sorel","claim":"common-arrivals-registry","stance":"endorses","quote":"Iván Sorel now agreed","section":"1","confidence":"high"}""", "not a stance")]
    [InlineData("""{"expert":"ivan-sorel","claim":"common-arrivals-registry","stance":"endorses","quote":"words nobody said","section":"1"}""", "the quote does not occur")]
    [InlineData("""{"expert":"nobody-at-all","claim":"common-arrivals-registry","stance":"endorses","quote":"Iván Sorel now agreed","section":"1"}""", "nobody-at-all")]
    public async Task Bad_stance_input_is_a_400_naming_the_problem_and_changes_nothing(string body, string expected)
    {
        var before = await File.ReadAllTextAsync(fixture.StancesFile(Document));
        using var http = fixture.Http(CodingFixture.Editor);
        var response = await http.PostAsync($"/api/coding/documents/{Document}/stances", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(expected, System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
        Assert.Equal(before, await File.ReadAllTextAsync(fixture.StancesFile(Document)));
    }

    [Fact]
    public async Task Requests_the_endpoints_cannot_take_are_clear_400s_and_404s()
    {
        using var http = fixture.Http(CodingFixture.Editor);
        var form = await http.PostAsync($"/api/coding/documents/{Document}/stances", new StringContent("expert=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("Content-Type: application/json", await form.Content.ReadAsStringAsync());
        var unknown = await http.GetAsync("/api/coding/documents/no-such-document");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no-such-document", await unknown.Content.ReadAsStringAsync());
        var noVersion = await http.DeleteAsync($"/api/coding/documents/{Document}/stances/marta-quiroga/open-ports-prosperity");
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Contains("'version'", await noVersion.Content.ReadAsStringAsync());
        var stale = await http.DeleteAsync($"/api/coding/documents/{Document}/stances/marta-quiroga/open-ports-prosperity?version=0000");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Name_variants_find_the_registered_expert_and_misspellings_get_suggestions()
    {
        using var http = fixture.Http(CodingFixture.Editor);
        using var alias = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/coding/experts?q=Tomas%20Ferreyra"));
        Assert.True(alias.RootElement.GetProperty("exact").GetBoolean());
        Assert.Equal("tomas-ferreyra", alias.RootElement.GetProperty("experts")[0].GetProperty("id").GetString());
        using var misspelt = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/coding/experts?q=Tomas%20Ferreira"));
        Assert.False(misspelt.RootElement.GetProperty("exact").GetBoolean());
        Assert.Contains(misspelt.RootElement.GetProperty("experts").EnumerateArray(), e => e.GetProperty("name").GetString() == "Tomás Ferreyra");
    }

    [Fact]
    public async Task A_saved_edit_that_keeps_every_count_changes_the_views_fingerprint()
    {
        var queries = new Graph.Queries.DebateQueries(fixture.Driver);
        var before = await queries.FingerprintAsync();
        using var http = fixture.Http(CodingFixture.Editor);
        using var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/coding/documents/{Document}"));
        var marta = document.RootElement.GetProperty("stances").EnumerateArray().First(s => s.GetProperty("expert").GetProperty("id").GetString() == "marta-quiroga");
        var response = await http.PutAsync($"/api/coding/documents/{Document}/stances/marta-quiroga/{marta.GetProperty("claim").GetProperty("id").GetString()}", Json(
            $$"""{"expert":"marta-quiroga","claim":"{{marta.GetProperty("claim").GetProperty("id").GetString()}}","stance":"{{marta.GetProperty("stance").GetString()}}","quote":{{marta.GetProperty("quote").GetRawText()}},"section":"1","note":"fingerprint test","version":"{{marta.GetProperty("version").GetString()}}"}"""));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.NotEqual(before, await queries.FingerprintAsync());
    }

    [Fact]
    public async Task A_new_expert_and_claim_are_created_from_the_page_and_a_name_variant_is_caught()
    {
        await using var context = await fixture.SignInAsync(CodingFixture.Editor);
        var page = await OpenAsync(context);
        await page.EvaluateAsync(SelectScript, "A fictional follow-up debate");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=form]", new PageWaitForSelectorOptions { Timeout = Timeout });

        // A name variant of a registered expert is refused, naming the expert to choose instead.
        await page.FillAsync("#expert", "Tomas Ferreyra");
        await page.ClickAsync("[data-testid=create-expert]");
        await page.ClickAsync("#new-expert-create");
        await page.WaitForSelectorAsync("[data-testid=form-error] >> text=already in the registry", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Contains("Tomás Ferreyra (tomas-ferreyra)", await page.InnerTextAsync("[data-testid=form-error]"));

        // A new (fictional) expert and a new claim, then the stance.
        await page.FillAsync("#expert", "Nadia Okonkwo Reyes");
        await page.ClickAsync("[data-testid=create-expert]");
        await page.SelectOptionAsync("#new-expert-institution", "coastal-forum");
        await page.ClickAsync("#new-expert-create");
        await page.WaitForFunctionAsync("() => window.codePage.expert && window.codePage.expert.id === 'nadia-okonkwo-reyes'", null, new PageWaitForFunctionOptions { Timeout = Timeout });
        await page.FillAsync("#claim", "Harbours need shared storm warnings");
        await page.ClickAsync("[data-testid=create-claim]");
        await page.FillAsync("#new-claim-topic", "safety");
        await page.ClickAsync("#new-claim-create");
        await page.WaitForFunctionAsync("() => window.codePage.claim && window.codePage.claim.id === 'harbours-need-shared-storm-warnings'", null, new PageWaitForFunctionOptions { Timeout = Timeout });
        await SaveWithKeyboardAsync(page);

        var experts = await File.ReadAllTextAsync(Path.Combine(fixture.DataDirectory, "registry", "experts.yaml"));
        Assert.Contains("  - id: nadia-okonkwo-reyes\n    name: \"Nadia Okonkwo Reyes\"\n    roles: [speaker]\n    affiliations: [{institution: coastal-forum}]\n", experts);
        Assert.Contains("# Invented people.", experts); // the rest of the file as it was
        var claims = await File.ReadAllTextAsync(Path.Combine(fixture.DataDirectory, "registry", "claims.yaml"));
        Assert.Contains("  - id: harbours-need-shared-storm-warnings\n    text: \"Harbours need shared storm warnings\"\n    topic: safety\n", claims);
        Assert.Equal(1, await StanceCountAsync("ENDORSES", "nadia-okonkwo-reyes", "harbours-need-shared-storm-warnings"));
        Assert.Equal(1, await fixture.ScalarAsync("MATCH (e:Expert {id: 'nadia-okonkwo-reyes'})-[:AFFILIATED_WITH]->(:Institution {id: 'coastal-forum'}) RETURN count(e)"));
    }

    [Fact]
    public async Task Creating_a_registered_expert_or_claim_over_http_is_a_409_and_changes_nothing()
    {
        var registry = Path.Combine(fixture.DataDirectory, "registry");
        var before = await File.ReadAllTextAsync(Path.Combine(registry, "experts.yaml"));
        using var http = fixture.Http(CodingFixture.Editor);
        var variant = await http.PostAsync("/api/coding/experts", Json("""{"name":"tomas ferreyra","institution":"coastal-forum"}"""));
        Assert.Equal(HttpStatusCode.Conflict, variant.StatusCode);
        Assert.Contains("Tomás Ferreyra (tomas-ferreyra)", await variant.Content.ReadAsStringAsync());
        var claim = await http.PostAsync("/api/coding/claims", Json("""{"text":"Open ports bring shared prosperity","topic":"development"}"""));
        Assert.Equal(HttpStatusCode.Conflict, claim.StatusCode);
        Assert.Contains("open-ports-prosperity", await claim.Content.ReadAsStringAsync());
        var badInstitution = await http.PostAsync("/api/coding/experts", Json("""{"name":"Ilse Marangoni","institution":"nowhere"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badInstitution.StatusCode);
        Assert.Contains("'institution'", await badInstitution.Content.ReadAsStringAsync());
        var badTopic = await http.PostAsync("/api/coding/claims", Json("""{"text":"Ports should share pilots","topic":"Two Words"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badTopic.StatusCode);
        using var reader = fixture.Http(CodingFixture.Reader);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/api/coding/experts", Json("""{"name":"Ilse Marangoni","institution":"coastal-forum"}"""))).StatusCode);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(registry, "experts.yaml")));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
