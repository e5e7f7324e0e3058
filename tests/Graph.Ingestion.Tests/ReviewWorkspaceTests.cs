using Graph.Core.Editing;
using Graph.Engine;
using Graph.Ingestion.Coding;

namespace Graph.Ingestion.Tests;

/// <summary>
/// Recording which coding of a disagreement stands (CodingWorkspace.ReviewAsync), on the fictional Harbour Forum 2019
/// coded by two coders into stances.yaml (tests/Fixtures/harbour-forum/review/stances.yaml): reviews.yaml and the
/// store after each decision, the store equal to a whole load of the same files, and the conditional write.
/// </summary>
public sealed class ReviewWorkspaceTests : IAsyncLifetime, IDisposable
{
    private const string Document = "harbour-forum-2019";
    private static readonly ReviewDraft RosaStands = new(
        ("paul-okafor", "tomas-ferreyra", "remittances-sustain-villages"), ("rosa-vidal", "marta-quiroga", "remittances-sustain-villages"), "rosa-vidal", "ana-coder");

    private readonly TestCorpus _corpus = new("SharedFixtures/harbour-forum/graph-data");
    private readonly EmbeddedDriver _driver = EmbeddedDriver.InMemory();
    private CodingWorkspace _workspace = null!;

    private string Reviews => _corpus.PathOf($"documents/{Document}/reviews.yaml");

    public async Task InitializeAsync()
    {
        Directory.Delete(_corpus.PathOf($"documents/{Document}/codings"), recursive: true);
        File.Copy(TestCorpus.TestData("SharedFixtures/harbour-forum/review/stances.yaml"), _corpus.PathOf($"documents/{Document}/stances.yaml"), overwrite: true);
        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        _workspace = new CodingWorkspace(_driver, _corpus.Directory);
    }

    public async Task DisposeAsync() => await _driver.DisposeAsync();
    public void Dispose() => _corpus.Dispose();

    private Task<object?> PaulsStance() =>
        StoreSnapshot.ScalarAsync(_driver, $"MATCH (:Expert {{id: 'tomas-ferreyra'}})-[s {{source: '{Document}'}}]->(:Claim {{id: 'remittances-sustain-villages'}}) RETURN count(s)");

    private Task<object?> RosasStance() =>
        StoreSnapshot.ScalarAsync(_driver, $"MATCH (:Expert {{id: 'marta-quiroga'}})-[s {{source: '{Document}'}}]->(:Claim {{id: 'remittances-sustain-villages'}}) RETURN count(s)");

    [Fact]
    public async Task A_decision_reaches_reviews_yaml_and_the_store_and_a_stale_one_is_refused()
    {
        Assert.Equal((1L, 1L), ((long)(await PaulsStance())!, (long)(await RosasStance())!));

        var saved = await _workspace.ReviewAsync(Document, RosaStands, expectedVersion: null);
        Assert.Equal(
            "reviews:\n  - a: {coder: paul-okafor, expert: tomas-ferreyra, claim: remittances-sustain-villages}\n" +
            "    b: {coder: rosa-vidal, expert: marta-quiroga, claim: remittances-sustain-villages}\n    stands: rosa-vidal\n    reviewer: ana-coder\n",
            File.ReadAllText(Reviews));
        Assert.Equal(6, saved.StandingStances);
        Assert.Equal((0L, 1L), ((long)(await PaulsStance())!, (long)(await RosasStance())!));
        await AssertSameAsAWholeLoad();

        // A second tab that saw no review decides too: refused, nothing changes.
        var before = File.ReadAllText(Reviews);
        var conflict = await Assert.ThrowsAsync<StanceConflictException>(() => _workspace.ReviewAsync(Document, RosaStands with { Stands = "paul-okafor" }, expectedVersion: null));
        Assert.Contains("reviewed meanwhile (ana-coder: rosa-vidal stands", conflict.Message);
        Assert.Equal(saved.Version, conflict.CurrentVersion);
        Assert.Equal(before, File.ReadAllText(Reviews));
        Assert.Equal(0L, (long)(await PaulsStance())!);

        // With the current version the decision changes: now neither stands.
        var neither = await _workspace.ReviewAsync(Document, RosaStands with { Stands = "neither", Reviewer = "bo" }, saved.Version);
        Assert.NotEqual(saved.Version, neither.Version);
        Assert.Contains("    stands: neither\n    reviewer: bo\n", File.ReadAllText(Reviews));
        Assert.Equal((0L, 0L), ((long)(await PaulsStance())!, (long)(await RosasStance())!));
        await AssertSameAsAWholeLoad();

        // A decision naming a stance nobody coded is refused with the validator's message; the file stays.
        var bad = await Assert.ThrowsAsync<StanceRejectedException>(() => _workspace.ReviewAsync(Document,
            new ReviewDraft(("paul-okafor", "ivan-sorel", "open-ports-prosperity"), null, "neither", "bo"), null));
        Assert.Contains("no stance of expert 'ivan-sorel' on claim 'open-ports-prosperity'", string.Join("\n", bad.Errors));
        Assert.Contains("stands: neither", File.ReadAllText(Reviews));
        Assert.DoesNotContain("ivan-sorel", File.ReadAllText(Reviews));
    }

    private Task AssertSameAsAWholeLoad() => StoreSnapshot.AssertSameAsAWholeLoadAsync(_driver, _corpus.Directory);
}
