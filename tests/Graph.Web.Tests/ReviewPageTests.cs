using System.Net;
using System.Text;
using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>
/// The review page in Chromium on the fictional Harbour Forum 2019 coded by two coders (Paul Okafor and Rosa Vidal,
/// both in stances.yaml): the agreement numbers per coder pair with the method named, each disagreement with both
/// codings side by side, a decision saved into reviews.yaml and the store, a stale decision from a second tab refused
/// and shown, and a reader refused by the server.
/// </summary>
public sealed class ReviewPageTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private const int Timeout = 20_000;
    private const string Document = "harbour-forum-2019";

    private Task<IPage> OpenAsync(IBrowserContext context, List<string> errors) => fixture.OpenReviewPageAsync(context, Document, errors);

    private ILocator Remittances(IPage page) =>
        page.Locator("[data-testid=disagreement]", new PageLocatorOptions { HasTextString = "coded differently" });

    private Task<long> PaulsStanceInStoreAsync() => fixture.ScalarAsync(
        $"MATCH (:Expert {{id: 'tomas-ferreyra'}})-[s]->(:Claim {{id: 'remittances-sustain-villages'}}) WHERE s.source = '{Document}' RETURN count(s)");

    [Fact]
    public async Task A_reviewer_decides_a_disagreement_and_a_stale_tab_is_refused()
    {
        var errors = new List<string>();
        await using var context = await fixture.SignInAsync(CodingFixture.Editor);
        var first = await OpenAsync(context, errors);
        var second = await OpenAsync(context, errors);

        // The numbers `graph agreement` prints for this pair (one matched unit, on which the experts differ), the method named.
        Assert.Contains("paul-okafor (A) and rosa-vidal (B)", await first.InnerTextAsync("[data-testid=pair] h2"));
        Assert.Equal("0.133", await first.InnerTextAsync("[data-testid=overlap]"));
        var table = await first.InnerTextAsync("[data-testid=agreement]");
        Assert.Matches(@"expert\s+0\.000\s+0\.000\s+0\.000", table);
        Assert.Matches(@"claim\s+1\.000\s+undefined\s+undefined", table);
        Assert.Contains("Krippendorff's alpha (nominal)", await first.InnerTextAsync("[data-testid=method]"));
        Assert.Equal("6 disagreements, 0 resolved by review", await first.InnerTextAsync("[data-testid=summary]"));

        // Both codings side by side, each quote highlighted in its context.
        var unit = Remittances(first);
        Assert.Contains("Tomás Ferreyra", await unit.Locator("[data-testid=side-A]").InnerTextAsync());
        Assert.Contains("Marta Quiroga", await unit.Locator("[data-testid=side-B]").InnerTextAsync());
        Assert.Equal("remittances keep the coastal villages alive", await unit.Locator("[data-testid=side-A] mark").InnerTextAsync());
        Assert.Equal("unresolved", await unit.Locator("[data-testid=status]").InnerTextAsync());
        Assert.Equal(1, await PaulsStanceInStoreAsync());
        await first.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.ScreenshotDirectory, "review-before.png"), FullPage = true });

        // B stands: saved into reviews.yaml, Paul's stance leaves the store at once.
        await unit.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "B stands" }).ClickAsync();
        await first.WaitForSelectorAsync(".banner.ok", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Contains("rosa-vidal's coding stands", await first.InnerTextAsync("[data-testid=banner]"));
        Assert.Equal("resolved by ana-coder: rosa-vidal's coding stands", await Remittances(first).Locator("[data-testid=status]").InnerTextAsync());
        Assert.Equal("6 disagreements, 1 resolved by review", await first.InnerTextAsync("[data-testid=summary]"));
        Assert.Contains("stands", await Remittances(first).Locator("[data-testid=side-B]").GetAttributeAsync("class") ?? "");
        var reviews = Path.Combine(fixture.DataDirectory, "documents", Document, "reviews.yaml");
        var yaml = await File.ReadAllTextAsync(reviews);
        // Each stance with the fingerprint of the coding the reviewer saw (polarity and quote).
        Assert.Matches(
            @"^reviews:\n  - a: \{coder: paul-okafor, expert: tomas-ferreyra, claim: remittances-sustain-villages, seen: [0-9a-f]{12}\}\n" +
            @"    b: \{coder: rosa-vidal, expert: marta-quiroga, claim: remittances-sustain-villages, seen: [0-9a-f]{12}\}\n    stands: rosa-vidal\n    reviewer: ana-coder\n$", yaml);
        Assert.Equal(0, await PaulsStanceInStoreAsync());
        Assert.Equal(1, await fixture.ScalarAsync(
            $"MATCH (:Expert {{id: 'marta-quiroga'}})-[s:ENDORSES]->(:Claim {{id: 'remittances-sustain-villages'}}) WHERE s.source = '{Document}' RETURN count(s)"));
        await first.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebViewFixture.DocsImages, "review.png") });
        // The Code page still lists Paul's stance (the file keeps it), marked as rejected.
        var code = await context.NewPageAsync();
        await code.GotoAsync($"{fixture.BaseUrl}/code?document={Document}");
        var paul = code.Locator("#stances li", new PageLocatorOptions { HasTextString = "coded by paul-okafor" });
        await paul.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        Assert.Contains("rejected by review", await paul.InnerTextAsync());
        Assert.Equal(1, await code.Locator("#stances li", new PageLocatorOptions { HasTextString = "rejected by review" }).CountAsync());

        // The second tab still shows it unresolved: its decision is refused and shown, nothing overwritten.
        await Remittances(second).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "A stands" }).ClickAsync();
        await second.WaitForSelectorAsync(".banner.conflict", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Contains("reviewed meanwhile (ana-coder: rosa-vidal stands", await second.InnerTextAsync("[data-testid=banner]"));
        Assert.Contains("reviewed meanwhile", await Remittances(second).Locator("[data-testid=status]").InnerTextAsync());
        Assert.Equal(yaml, await File.ReadAllTextAsync(reviews));
        Assert.Equal(0, await PaulsStanceInStoreAsync());

        // After reloading it may change the decision: neither stands, both stances leave the store.
        await second.ReloadAsync();
        await second.WaitForSelectorAsync("[data-testid=disagreement]", new PageWaitForSelectorOptions { Timeout = Timeout });
        await Remittances(second).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "neither" }).ClickAsync();
        await second.WaitForSelectorAsync(".banner.ok", new PageWaitForSelectorOptions { Timeout = Timeout });
        Assert.Contains("    stands: neither\n", await File.ReadAllTextAsync(reviews));
        Assert.Equal(0, await fixture.ScalarAsync(
            $"MATCH ()-[s]->(:Claim {{id: 'remittances-sustain-villages'}}) WHERE s.source = '{Document}' RETURN count(s)"));
        Assert.DoesNotContain(errors, e => !e.Contains("409"));
    }

    [Fact]
    public async Task The_server_refuses_a_reader_and_a_bad_review()
    {
        const string body = """{"a": {"coder": "paul-okafor", "expert": "tomas-ferreyra", "claim": "remittances-sustain-villages"}, "stands": "neither"}""";
        var reviews = Path.Combine(fixture.DataDirectory, "documents", Document, "reviews.yaml");
        var before = File.Exists(reviews) ? await File.ReadAllTextAsync(reviews) : null;
        using var reader = fixture.Http(CodingFixture.Reader);
        var refused = await reader.PostAsync($"/api/coding/documents/{Document}/reviews", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("is a reader", await refused.Content.ReadAsStringAsync());

        using var editor = fixture.Http(CodingFixture.Editor);
        var badChoice = await editor.PostAsync($"/api/coding/documents/{Document}/reviews",
            new StringContent(body.Replace("\"neither\"", "\"rosa-vidal\""), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badChoice.StatusCode);
        Assert.Contains("'stands': 'rosa-vidal' is not one of paul-okafor, neither", await badChoice.Content.ReadAsStringAsync());
        var unknownField = await editor.PostAsync($"/api/coding/documents/{Document}/reviews",
            new StringContent("""{"stands": "neither", "winner": "x"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains("The body is not a review", await unknownField.Content.ReadAsStringAsync());
        Assert.Equal(before, File.Exists(reviews) ? await File.ReadAllTextAsync(reviews) : null);

        var agreement = await reader.GetStringAsync($"/api/coding/documents/{Document}/agreement");
        Assert.Contains("\"coders\":[\"paul-okafor\",\"rosa-vidal\"]", agreement);
    }
}
