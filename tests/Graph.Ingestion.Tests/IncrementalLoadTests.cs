using Graph.Engine;

namespace Graph.Ingestion.Tests;

/// <summary>
/// The manifest in the store (content hashes of the registry and of each document) makes an unchanged load read
/// nothing and a changed document the only one read; either way the store ends as a whole load leaves it.
/// </summary>
public sealed class IncrementalLoadTests : IAsyncLifetime, IDisposable
{
    private readonly TestCorpus _corpus = new("SharedFixtures/harbour-forum/graph-data");
    private readonly EmbeddedDriver _driver = EmbeddedDriver.InMemory();
    private GraphLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _loader = new GraphLoader(_driver);
        var first = await _loader.LoadAsync(_corpus.Directory);
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        Assert.Equal(LoadMode.Full, first.Mode);
    }

    public async Task DisposeAsync() => await _driver.DisposeAsync();
    public void Dispose() => _corpus.Dispose();

    [Fact]
    public async Task An_unchanged_load_reads_nothing_and_writes_nothing()
    {
        var again = await _loader.LoadAsync(_corpus.Directory);

        Assert.Equal(LoadMode.Unchanged, again.Mode);
        Assert.False(again.StoreCounters.ContainsUpdates);
        Assert.Equal(9, again.RelationshipCounts["ENDORSES"] + again.RelationshipCounts["CRITICIZES"]);
    }

    [Fact]
    public async Task A_changed_byte_is_noticed_even_with_the_same_size_and_timestamp()
    {
        var path = _corpus.PathOf("documents/harbour-forum-2021/stances.yaml");
        var written = File.GetLastWriteTimeUtc(path);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("stance: criticizes", "stance: endorses"));   // same length
        File.SetLastWriteTimeUtc(path, written);

        var report = await _loader.LoadAsync(_corpus.Directory);

        Assert.Equal(LoadMode.Incremental, report.Mode);
        Assert.Equal(1, report.DocumentsRead);
        Assert.Equal(1, report.Relationships["CRITICIZES"].Deleted);
        Assert.Equal(1, report.Relationships["ENDORSES"].Created);
        await AssertSameAsAWholeLoad();
    }

    [Fact]
    public async Task A_changed_registry_and_a_new_document_are_read_alone()
    {
        File.AppendAllText(_corpus.PathOf("registry/experts.yaml"),
            "  - id: nadia-ferro\n    name: Nadia Ferro\n    roles: [speaker]\n    affiliations: [{institution: coastal-forum}]\n");
        _corpus.Write("documents/harbour-forum-2023/document.yaml", "id: harbour-forum-2023\ntitle: Harbour Forum 2023 (fictional)\ndate: 2023-05-10\ntext: text.txt\n");
        _corpus.Write("documents/harbour-forum-2023/text.txt", "Nadia Ferro said that open ports bring shared prosperity only with fair rules.\n");
        _corpus.Write("documents/harbour-forum-2023/stances.yaml",
            "stances:\n  - expert: nadia-ferro\n    claim: open-ports-prosperity\n    stance: endorses\n    coder: paul-okafor\n    section: \"1\"\n    quote: \"open ports bring shared prosperity only with fair rules\"\n");

        var report = await _loader.LoadAsync(_corpus.Directory);

        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.Equal(LoadMode.Incremental, report.Mode);
        Assert.Equal(1, report.DocumentsRead);
        Assert.Equal(1, report.Nodes["Expert"].Created);
        await AssertSameAsAWholeLoad();
    }

    [Fact]
    public async Task A_reference_to_a_removed_expert_in_an_unread_document_is_still_caught()
    {
        // Marta speaks in both documents; removing her from the registry alone must fail on the 2021 document too.
        var path = _corpus.PathOf("registry/experts.yaml");
        var text = File.ReadAllText(path);
        var start = text.IndexOf("  - id: marta-quiroga", StringComparison.Ordinal);
        var end = text.IndexOf("  - id: tomas-ferreyra", StringComparison.Ordinal);
        File.WriteAllText(path, text[..start] + text[end..]);
        var before = await StoreSnapshot.TakeAsync(_driver);

        var report = await _loader.LoadAsync(_corpus.Directory);

        Assert.False(report.Succeeded);
        Assert.Contains(report.Diagnostics, d => d.ToString().StartsWith("graph-data/documents/harbour-forum-2021/stances.yaml:", StringComparison.Ordinal)
                                                 && d.Message.Contains("unknown expert 'marta-quiroga'"));
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_driver));
    }

    [Fact]
    public async Task A_document_that_takes_a_session_id_of_an_unread_document_is_refused()
    {
        _corpus.Replace("documents/harbour-forum-2021/sessions.yaml", "id: hf2021-plenary", "id: hf2019-plenary");

        var report = await _loader.LoadAsync(_corpus.Directory);

        Assert.False(report.Succeeded);
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("duplicate session id 'hf2019-plenary' (document 'harbour-forum-2019' defines it)"));
    }

    private async Task AssertSameAsAWholeLoad()
    {
        await using var fresh = EmbeddedDriver.InMemory();
        Assert.True((await new GraphLoader(fresh).LoadAsync(_corpus.Directory)).Succeeded);
        Assert.Equal(await StoreSnapshot.TakeAsync(fresh), await StoreSnapshot.TakeAsync(_driver));
    }
}
