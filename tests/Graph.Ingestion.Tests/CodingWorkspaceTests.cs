using Graph.Core.Editing;
using Graph.Core.Model;
using Graph.Engine;
using Graph.Ingestion.Coding;

namespace Graph.Ingestion.Tests;

/// <summary>
/// Saving, editing and deleting one stance (what the web's coding page will call), on a copy of the fictional
/// Harbour Forum: the YAML and the store after each step, conditional writes, and that the store then equals what a
/// whole load of the same files gives (so the per-stance update of stances and network is exact).
/// </summary>
public sealed class CodingWorkspaceTests : IAsyncLifetime, IDisposable
{
    private readonly TestCorpus _corpus = new("SharedFixtures/harbour-forum/graph-data");
    private readonly EmbeddedDriver _driver = EmbeddedDriver.InMemory();
    private CodingWorkspace _workspace = null!;
    private const string Document = "harbour-forum-2021";
    private string Stances => _corpus.PathOf($"documents/{Document}/stances.yaml");

    private static readonly StanceDraft LuciaOnRegistry =
        new("lucia-benavente", "common-arrivals-registry", StanceKind.Criticizes, "remittances do not keep the villages alive for long", "1", "rosa-vidal",
            Confidence: 0.5, Note: "a deliberately odd reading, for the test");

    public async Task InitializeAsync()
    {
        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        _workspace = new CodingWorkspace(_driver, _corpus.Directory);
    }

    public async Task DisposeAsync() => await _driver.DisposeAsync();
    public void Dispose() => _corpus.Dispose();

    [Fact]
    public async Task Add_edit_and_delete_reach_the_yaml_and_the_store_exactly_as_a_whole_load_would()
    {
        var before = File.ReadAllText(Stances);

        var added = await _workspace.AddAsync(Document, LuciaOnRegistry);
        var text = File.ReadAllText(Stances);
        Assert.StartsWith(before, text);   // appended; everything before it untouched
        Assert.Contains("  - expert: lucia-benavente\n    claim: common-arrivals-registry\n    stance: criticizes\n    coder: rosa-vidal\n", text);
        Assert.Equal(added.Version, await Scalar("MATCH (:Expert {id: 'lucia-benavente'})-[s:CRITICIZES]->(:Claim {id: 'common-arrivals-registry'}) RETURN s.hash"));
        await AssertSameAsAWholeLoad();

        var edited = await _workspace.UpdateAsync(Document, "lucia-benavente", "common-arrivals-registry", added.Version!,
            LuciaOnRegistry with { Kind = StanceKind.Endorses, Claim = "remittances-sustain-villages", Confidence = null, Note = null });
        Assert.NotEqual(added.Version, edited.Version);
        Assert.Equal(0L, await Scalar("MATCH (:Expert {id: 'lucia-benavente'})-[s]->(:Claim {id: 'common-arrivals-registry'}) WHERE s.source = 'harbour-forum-2021' RETURN count(s)"));
        Assert.Equal("ENDORSES", await Scalar("MATCH (:Expert {id: 'lucia-benavente'})-[s {source: 'harbour-forum-2021'}]->(:Claim {id: 'remittances-sustain-villages'}) RETURN type(s)"));
        // Lucía now disagrees with Tomás (who criticizes the claim in 2021) and agrees with Paul's reading of 2019? No: the
        // standing 2019 coding has Marta endorsing it, so she agrees with Marta.
        Assert.Equal(["remittances-sustain-villages"], await Claims("lucia-benavente", "marta-quiroga", "AGREES_WITH"));
        await AssertSameAsAWholeLoad();

        await _workspace.DeleteAsync(Document, "lucia-benavente", "remittances-sustain-villages", edited.Version!);
        Assert.Equal(before, File.ReadAllText(Stances));
        Assert.Equal(0L, await Scalar("MATCH (:Expert {id: 'lucia-benavente'})-[s {source: 'harbour-forum-2021'}]->() RETURN count(s)"));
        await AssertSameAsAWholeLoad();
    }

    [Fact]
    public async Task A_stale_version_or_a_second_add_is_a_conflict_and_writes_nothing()
    {
        var added = await _workspace.AddAsync(Document, LuciaOnRegistry);
        var edited = await _workspace.UpdateAsync(Document, "lucia-benavente", "common-arrivals-registry", added.Version!, LuciaOnRegistry with { Section = "2" });
        var file = File.ReadAllText(Stances);
        var store = await StoreSnapshot.TakeAsync(_driver);

        // A second tab still holding the first version.
        var stale = await Assert.ThrowsAsync<StanceConflictException>(() =>
            _workspace.UpdateAsync(Document, "lucia-benavente", "common-arrivals-registry", added.Version!, LuciaOnRegistry with { Section = "3" }));
        Assert.Equal(edited.Version, stale.CurrentVersion);
        await Assert.ThrowsAsync<StanceConflictException>(() => _workspace.DeleteAsync(Document, "lucia-benavente", "common-arrivals-registry", added.Version!));
        var again = await Assert.ThrowsAsync<StanceConflictException>(() => _workspace.AddAsync(Document, LuciaOnRegistry));
        Assert.Equal(edited.Version, again.CurrentVersion);

        Assert.Equal(file, File.ReadAllText(Stances));
        Assert.Equal(store, await StoreSnapshot.TakeAsync(_driver));
    }

    [Fact]
    public async Task An_invalid_stance_is_refused_with_the_reason_and_writes_nothing()
    {
        var file = File.ReadAllText(Stances);
        var store = await StoreSnapshot.TakeAsync(_driver);

        var error = await Assert.ThrowsAsync<StanceRejectedException>(() =>
            _workspace.AddAsync(Document, LuciaOnRegistry with { Quote = "words nobody said" }));
        Assert.Contains("the quote does not occur in", error.Message);
        var unknown = await Assert.ThrowsAsync<StanceRejectedException>(() =>
            _workspace.AddAsync(Document, LuciaOnRegistry with { Expert = "lucia-benavent" }));
        Assert.Contains("unknown expert 'lucia-benavent'", unknown.Message);

        Assert.Equal(file, File.ReadAllText(Stances));
        Assert.Equal(store, await StoreSnapshot.TakeAsync(_driver));
    }

    [Fact]
    public async Task Comments_and_other_entries_stay_as_they_were()
    {
        var path = _corpus.PathOf("documents/harbour-forum-2019/stances.yaml");
        var before = File.ReadAllText(path);
        var ivan = "  - expert: ivan-sorel\n    claim: seasonal-labour-rights\n";
        Assert.Contains(ivan, before);
        var version = await VersionOf("harbour-forum-2019", "ivan-sorel", "seasonal-labour-rights");

        await _workspace.DeleteAsync("harbour-forum-2019", "ivan-sorel", "seasonal-labour-rights", version);

        var after = File.ReadAllText(path);
        Assert.StartsWith("# The coding that stands", after);
        var start = before.IndexOf(ivan, StringComparison.Ordinal);
        var end = before.IndexOf("  - expert:", start + 1, StringComparison.Ordinal);
        Assert.Equal(before[..start] + before[end..], after);
        await AssertSameAsAWholeLoad();
    }

    [Fact]
    public async Task A_file_changed_by_hand_is_loaded_before_the_save()
    {
        _corpus.Replace($"documents/{Document}/stances.yaml", "stance: criticizes", "stance: endorses");

        await _workspace.AddAsync(Document, LuciaOnRegistry);

        Assert.Equal("ENDORSES", await Scalar("MATCH (:Expert {id: 'tomas-ferreyra'})-[s {source: 'harbour-forum-2021'}]->(:Claim {id: 'remittances-sustain-villages'}) RETURN type(s)"));
        await AssertSameAsAWholeLoad();
    }

    [Fact]
    public async Task An_independent_coding_is_written_to_its_own_file_and_not_to_the_store()
    {
        var store = await StoreSnapshot.TakeAsync(_driver);

        await _workspace.AddAsync(Document, LuciaOnRegistry with { Coder = "ana-lima" }, coding: "ana-lima");

        var coding = File.ReadAllText(_corpus.PathOf($"documents/{Document}/codings/ana-lima.yaml"));
        Assert.StartsWith("stances:\n  - expert: lucia-benavente\n", coding);
        Assert.Equal(store, await StoreSnapshot.TakeAsync(_driver));
        await Assert.ThrowsAsync<IngestionException>(() => _workspace.AddAsync(Document, LuciaOnRegistry, coding: "ana-lima"));   // coder must match
    }

    /// <summary>A whole load of the same files into a fresh store gives the same graph, and a whole re-plan of this store writes nothing.</summary>
    private async Task AssertSameAsAWholeLoad()
    {
        await StoreSnapshot.AssertSameAsAWholeLoadAsync(_driver, _corpus.Directory);
        var replan = await new GraphLoader(_driver).LoadAsync(_corpus.Directory, new IngestionOptions { Full = true });
        Assert.False(replan.StoreCounters.ContainsUpdates, $"a whole re-plan still changed the store: {replan.StoreCounters}");
    }

    private async Task<string> VersionOf(string document, string expert, string claim) =>
        (string)(await Scalar($"MATCH (:Expert {{id: '{expert}'}})-[s {{source: '{document}'}}]->(:Claim {{id: '{claim}'}}) RETURN s.hash"))!;

    private async Task<List<string>> Claims(string a, string b, string type) =>
        ((IEnumerable<object?>)(await Scalar($"MATCH (:Expert {{id: '{a}'}})-[r:{type}]-(:Expert {{id: '{b}'}}) RETURN r.claims"))!).Select(c => (string)c!).ToList();

    private Task<object?> Scalar(string query) => StoreSnapshot.ScalarAsync(_driver, query);
}
