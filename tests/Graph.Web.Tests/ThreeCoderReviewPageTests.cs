using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>
/// The review page in Chromium with three fictional coders whose codings are in codings/&lt;coder&gt;.yaml (Paul Okafor,
/// Rosa Vidal, Nadia Ek; stances.yaml holds Rosa's): choosing Paul's stance copies it into stances.yaml and the store
/// in the same save; a second pair's review of a decided stance is accepted when it decides it the same way, refused
/// when it contradicts, and the third pair then shows resolved; a decision made on a view whose coding changed
/// meanwhile is refused and shown; a coding edited after its review shows as needing review again.
/// </summary>
public sealed class ThreeCoderReviewPageTests(ThreeCoderReviewFixture fixture) : IClassFixture<ThreeCoderReviewFixture>
{
    private const int Timeout = 20_000;
    private const string Document = "harbour-forum-2019";
    private const string Claim = "remittances-sustain-villages";

    private string DocumentFile(string relative) => Path.Combine(fixture.DataDirectory, "documents", Document, relative);

    private Task<IPage> OpenAsync(IBrowserContext context, List<string> errors) => fixture.OpenReviewPageAsync(context, Document, errors);

    /// <summary>The disagreement of a pair whose highlighted quote starts with <paramref name="quote"/>.</summary>
    private static ILocator Unit(IPage page, string pair, string quote) =>
        page.Locator("[data-testid=pair]", new PageLocatorOptions { HasTextString = pair })
            .Locator("[data-testid=disagreement]", new LocatorLocatorOptions
            {
                Has = page.Locator("mark", new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + quote) }),
            });

    private static Task DecideAsync(ILocator unit, string button) =>
        unit.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = button, Exact = true }).ClickAsync();

    private static async Task<string> BannerAfterAsync(IPage page, string kind)
    {
        await page.WaitForSelectorAsync($".banner.{kind}", new PageWaitForSelectorOptions { Timeout = Timeout });
        return await page.InnerTextAsync("[data-testid=banner]");
    }

    private Task<long> StoredAsync(string expert, string coder) => fixture.ScalarAsync(
        $"MATCH (:Expert {{id: '{expert}'}})-[s]->(:Claim {{id: '{Claim}'}}) WHERE s.source = '{Document}' AND s.coder = '{coder}' RETURN count(s)");

    [Fact]
    public async Task Three_coders_are_reviewed_pair_by_pair_with_copies_into_stances_yaml_and_stale_views_refused()
    {
        var errors = new List<string>();
        await using var context = await fixture.SignInAsync(CodingFixture.Editor);
        var page = await OpenAsync(context, errors);
        var stale = await OpenAsync(context, errors);
        Assert.Equal(3, await page.Locator("[data-testid=pair]").CountAsync());
        Assert.Equal((0L, 1L), (await StoredAsync("tomas-ferreyra", "paul-okafor"), await StoredAsync("marta-quiroga", "rosa-vidal")));

        // Paul's reading of the remittances passage stands: it is only in codings/paul-okafor.yaml, so the same save copies it into stances.yaml.
        await DecideAsync(Unit(page, "paul-okafor (A) and rosa-vidal (B)", "remittances"), "A stands");
        Assert.Contains("paul-okafor's coding stands, copied from paul-okafor's coding into stances.yaml", await BannerAfterAsync(page, "ok"));
        Assert.Contains("  - expert: tomas-ferreyra\n    claim: remittances-sustain-villages\n    stance: endorses\n    coder: paul-okafor\n", File.ReadAllText(DocumentFile("stances.yaml")));
        Assert.Matches(@"a: \{coder: paul-okafor, expert: tomas-ferreyra, claim: remittances-sustain-villages, seen: [0-9a-f]{12}\}", File.ReadAllText(DocumentFile("reviews.yaml")));
        Assert.Equal((1L, 0L), (await StoredAsync("tomas-ferreyra", "paul-okafor"), await StoredAsync("marta-quiroga", "rosa-vidal")));

        // Nadia and Rosa: Rosa's stance is rejected already, so keeping it is refused; "neither" agrees and is saved.
        var nadiaRosa = Unit(page, "nadia-ek (A) and rosa-vidal (B)", "remittances");
        await DecideAsync(nadiaRosa, "B stands");
        var refused = await BannerAfterAsync(page, "banner:not(.ok):not([hidden])");
        Assert.Contains("rosa-vidal's stance of marta-quiroga on remittances-sustain-villages is already decided by the review at", refused);
        Assert.Contains("which rejects it, but this review keeps it", refused);
        await DecideAsync(Unit(page, "nadia-ek (A) and rosa-vidal (B)", "remittances"), "neither");
        Assert.Contains("neither coding stands", await BannerAfterAsync(page, "ok"));
        // Nadia and Paul: both their stances are decided by the other two reviews.
        var nadiaPaul = Unit(page, "nadia-ek (A) and paul-okafor (B)", "remittances");
        Assert.StartsWith("resolved by the reviews of other pairs: ana-coder: neither coding stands (", await nadiaPaul.Locator("[data-testid=status]").InnerTextAsync());
        Assert.Contains("stands", await nadiaPaul.Locator("[data-testid=side-B]").GetAttributeAsync("class") ?? "");
        Assert.Contains("rejected", await nadiaPaul.Locator("[data-testid=side-A]").GetAttributeAsync("class") ?? "");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "review-three-coders.png"), FullPage = true });

        // Paul changes his reading of Iván Sorel in his file while the second tab is open: its decision is refused and shown.
        var paulFile = DocumentFile("codings/paul-okafor.yaml");
        File.WriteAllText(paulFile, File.ReadAllText(paulFile).Replace(
            "stance: endorses\n    coder: paul-okafor\n    section: \"1\"\n    quote: \"seasonal workers could ever", "stance: criticizes\n    coder: paul-okafor\n    section: \"1\"\n    quote: \"seasonal workers could ever"));
        var reviews = File.ReadAllText(DocumentFile("reviews.yaml"));
        await DecideAsync(Unit(stale, "paul-okafor (A) and rosa-vidal (B)", "seasonal workers could ever"), "A stands");
        var conflict = await BannerAfterAsync(stale, "conflict");
        Assert.Contains("paul-okafor's stance of ivan-sorel on seasonal-labour-rights in harbour-forum-2019 changed since the page was loaded (now criticizes", conflict);
        Assert.Equal(reviews, File.ReadAllText(DocumentFile("reviews.yaml")));

        // Paul edits his remittances stance after it was reviewed: the review needs review again, until it is decided anew.
        File.WriteAllText(paulFile, File.ReadAllText(paulFile).Replace(
            "stance: endorses\n    coder: paul-okafor\n    section: \"1\"\n    quote: \"remittances", "stance: criticizes\n    coder: paul-okafor\n    section: \"1\"\n    quote: \"remittances"));
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=disagreement]", new PageWaitForSelectorOptions { Timeout = Timeout });
        var again = Unit(page, "paul-okafor (A) and rosa-vidal (B)", "remittances");
        Assert.StartsWith("needs review again: paul-okafor's stance of tomas-ferreyra on remittances-sustain-villages changed since the review at graph-data/documents/harbour-forum-2019/reviews.yaml:2",
            await again.Locator("[data-testid=status]").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "review-needs-review-again.png"), FullPage = true });
        await DecideAsync(again, "A stands");
        Assert.Contains("copied from paul-okafor's coding into stances.yaml", await BannerAfterAsync(page, "ok"));
        Assert.Contains("  - expert: tomas-ferreyra\n    claim: remittances-sustain-villages\n    stance: criticizes\n    coder: paul-okafor\n", File.ReadAllText(DocumentFile("stances.yaml")));
        Assert.Equal(1, await fixture.ScalarAsync(
            $"MATCH (:Expert {{id: 'tomas-ferreyra'}})-[s:CRITICIZES {{coder: 'paul-okafor'}}]->(:Claim {{id: '{Claim}'}}) WHERE s.source = '{Document}' RETURN count(s)"));
        Assert.StartsWith("resolved by ana-coder: paul-okafor's coding stands", await Unit(page, "paul-okafor (A) and rosa-vidal (B)", "remittances").Locator("[data-testid=status]").InnerTextAsync());
        Assert.DoesNotContain(errors, e => !e.Contains("409") && !e.Contains("400"));
    }
}
