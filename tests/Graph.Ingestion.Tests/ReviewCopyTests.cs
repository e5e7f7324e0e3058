using Graph.Core;
using Graph.Core.Agreement;
using Graph.Core.Editing;
using Graph.Core.Model;
using Graph.Engine;
using Graph.Ingestion.Coding;

namespace Graph.Ingestion.Tests;

/// <summary>
/// A reviewer's choice of a stance that is only in its coder's independent coding, on the fictional Harbour Forum 2019
/// as the fixture has it (stances.yaml: Rosa Vidal's coding; codings/paul-okafor.yaml and codings/rosa-vidal.yaml):
/// the chosen stance reaches stances.yaml and the store in the same save, a save made on a stale view is refused, and
/// a review whose stance was edited later is reported as needing review again.
/// </summary>
public sealed class ReviewCopyTests : IAsyncLifetime, IDisposable
{
    private const string Document = "harbour-forum-2019";
    private const string Remittances = "remittances-sustain-villages";

    private readonly TestCorpus _corpus = new("SharedFixtures/harbour-forum/graph-data");
    private readonly EmbeddedDriver _driver = EmbeddedDriver.InMemory();
    private CodingWorkspace _workspace = null!;

    private string Reviews => _corpus.PathOf($"documents/{Document}/reviews.yaml");
    private string Stances => _corpus.PathOf($"documents/{Document}/stances.yaml");

    public async Task InitializeAsync()
    {
        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        _workspace = new CodingWorkspace(_driver, _corpus.Directory);
    }

    public async Task DisposeAsync() => await _driver.DisposeAsync();
    public void Dispose() => _corpus.Dispose();

    private GraphDocument Read() => GraphData.Load(_corpus.Directory).Data.Documents.Single(d => d.Id == Document);

    private string Seen(string coder, string expert, string claim) =>
        StanceFingerprint.Of(CodingAgreement.CodingsOf(Read())[coder].Single(s => s.Expert.Id == expert && s.Claim.Id == claim));

    /// <summary>The coders of the stored stances of this expert on this claim in the document, comma-separated.</summary>
    private async Task<string> Coders(string expert, string claim) => (string)(await StoreSnapshot.ScalarAsync(_driver,
        $"MATCH (:Expert {{id: '{expert}'}})-[s {{source: '{Document}'}}]->(:Claim {{id: '{claim}'}}) WITH s.coder AS c ORDER BY c " +
        "RETURN reduce(t = '', x IN collect(c) | t + CASE t WHEN '' THEN '' ELSE ',' END + x)"))!;

    private ReviewDraft PaulStands() => new(("paul-okafor", "tomas-ferreyra", Remittances), ("rosa-vidal", "marta-quiroga", Remittances), "paul-okafor", "ana-coder",
        Seen("paul-okafor", "tomas-ferreyra", Remittances), Seen("rosa-vidal", "marta-quiroga", Remittances));

    [Fact]
    public async Task The_chosen_stance_of_an_independent_coding_is_copied_into_stances_yaml_and_the_store_in_the_same_save()
    {
        Assert.Equal(("", "rosa-vidal"), (await Coders("tomas-ferreyra", Remittances), await Coders("marta-quiroga", Remittances)));
        var stancesBefore = File.ReadAllText(Stances);

        var saved = await _workspace.ReviewAsync(Document, PaulStands(), null);

        Assert.True(saved.CopiedIntoStances);
        Assert.Equal(stancesBefore + "  - expert: tomas-ferreyra\n    claim: remittances-sustain-villages\n    stance: endorses\n    coder: paul-okafor\n" +
                     "    section: \"1\"\n    quote: \"remittances keep the coastal villages alive\"\n", File.ReadAllText(Stances));
        Assert.Matches(@"a: \{coder: paul-okafor, expert: tomas-ferreyra, claim: remittances-sustain-villages, seen: [0-9a-f]{12}\}", File.ReadAllText(Reviews));
        Assert.Equal(("paul-okafor", ""), (await Coders("tomas-ferreyra", Remittances), await Coders("marta-quiroga", Remittances)));
        await AssertSameAsAWholeLoad();

        // Rosa's coding stands after all: Paul's copy stays in the file, rejected, out of the store; nothing is copied.
        var stancesAfterCopy = File.ReadAllText(Stances);
        var rosa = await _workspace.ReviewAsync(Document, PaulStands() with { Stands = "rosa-vidal" }, saved.Version);
        Assert.False(rosa.CopiedIntoStances);
        Assert.Equal(stancesAfterCopy, File.ReadAllText(Stances));
        Assert.Equal(("", "rosa-vidal"), (await Coders("tomas-ferreyra", Remittances), await Coders("marta-quiroga", Remittances)));
        await AssertSameAsAWholeLoad();
    }

    [Fact]
    public async Task A_copy_replaces_an_exact_copy_of_the_other_coding_and_is_refused_where_it_would_lose_text()
    {
        // Rosa's stance of Tomás Ferreyra on open ports in stances.yaml is exactly her coding: Paul's replaces it.
        var ports = new ReviewDraft(("paul-okafor", "tomas-ferreyra", "open-ports-prosperity"), ("rosa-vidal", "tomas-ferreyra", "open-ports-prosperity"), "paul-okafor", "ana-coder");
        var saved = await _workspace.ReviewAsync(Document, ports, null);
        Assert.True(saved.CopiedIntoStances);
        Assert.Contains("coder: paul-okafor\n    section: \"1\"\n    quote: \"open ports bring smuggling\"\n", File.ReadAllText(Stances));
        Assert.DoesNotContain("open ports bring smuggling before", File.ReadAllText(Stances));
        Assert.Equal("paul-okafor", await Coders("tomas-ferreyra", "open-ports-prosperity"));
        await AssertSameAsAWholeLoad();

        // Rosa's stance of Ivan Sorel in stances.yaml carries a session, a confidence and a note her coding lacks: refused, no file changes.
        var files = (File.ReadAllText(Stances), File.ReadAllText(Reviews));
        var sorel = new ReviewDraft(("paul-okafor", "ivan-sorel", "seasonal-labour-rights"), ("rosa-vidal", "ivan-sorel", "seasonal-labour-rights"), "paul-okafor", "ana-coder");
        var refused = await Assert.ThrowsAsync<IngestionException>(() => _workspace.ReviewAsync(Document, sorel, null));
        Assert.Contains($"graph-data/documents/{Document}/stances.yaml:", refused.Message);
        Assert.Contains("holds rosa-vidal's stance of ivan-sorel on seasonal-labour-rights, which differs from rosa-vidal's coding at", refused.Message);
        Assert.Contains("Nothing was saved", refused.Message);
        Assert.Equal(files, (File.ReadAllText(Stances), File.ReadAllText(Reviews)));
        Assert.Equal("rosa-vidal", await Coders("ivan-sorel", "seasonal-labour-rights"));
    }

    [Fact]
    public async Task A_save_on_a_stale_view_is_refused_and_a_later_edit_makes_the_review_need_review_again()
    {
        var draft = PaulStands();
        // Paul edits his stance (another tab) after the reviewer's page loaded: the review made on that view is refused.
        var paul = Read().Codings["paul-okafor"].Single(s => s.Expert.Id == "tomas-ferreyra" && s.Claim.Id == Remittances);
        await _workspace.UpdateAsync(Document, "tomas-ferreyra", Remittances, CodingWorkspace.VersionOf(paul),
            new StanceDraft("tomas-ferreyra", Remittances, StanceKind.Criticizes, paul.Quote, paul.Section, "paul-okafor"), "paul-okafor");
        var files = (File.ReadAllText(Stances), File.Exists(Reviews));
        var stale = await Assert.ThrowsAsync<StanceConflictException>(() => _workspace.ReviewAsync(Document, draft, null));
        Assert.Contains("paul-okafor's stance of tomas-ferreyra on remittances-sustain-villages in harbour-forum-2019 changed since the page was loaded (now criticizes", stale.Message);
        Assert.Equal(files, (File.ReadAllText(Stances), File.Exists(Reviews)));

        // Reviewed on the current view, then edited again: the validator warns at the review's line and the agreement says which stance changed.
        await _workspace.ReviewAsync(Document, PaulStands(), null);
        var now = Read().Codings["paul-okafor"].Single(s => s.Expert.Id == "tomas-ferreyra" && s.Claim.Id == Remittances);
        await _workspace.UpdateAsync(Document, "tomas-ferreyra", Remittances, CodingWorkspace.VersionOf(now),
            new StanceDraft("tomas-ferreyra", Remittances, StanceKind.Endorses, now.Quote, now.Section, "paul-okafor"), "paul-okafor");
        var result = GraphData.Load(_corpus.Directory);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var warning = Assert.Single(result.Warnings, w => w.Message.Contains("changed since it was reviewed")).ToString();
        Assert.StartsWith($"graph-data/documents/{Document}/reviews.yaml:2:", warning);
        Assert.Contains("paul-okafor's stance of tomas-ferreyra on remittances-sustain-villages changed since it was reviewed", warning);
        var document = result.Data.Documents.Single(d => d.Id == Document);
        var codings = CodingAgreement.CodingsOf(document);
        var report = CodingAgreement.Compare(Document, "paul-okafor", codings["paul-okafor"], "rosa-vidal", codings["rosa-vidal"], document.Reviews);
        var unit = report.Disagreements.Single(d => d.Review is not null);
        Assert.False(unit.Resolved);
        Assert.Contains($"changed since the review at graph-data/documents/{Document}/reviews.yaml:2", Assert.Single(unit.Changed));
        Assert.Equal(0, report.Resolved);
    }

    private Task AssertSameAsAWholeLoad() => StoreSnapshot.AssertSameAsAWholeLoadAsync(_driver, _corpus.Directory);
}
