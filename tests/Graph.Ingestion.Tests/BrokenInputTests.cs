using Graph.Engine;

namespace Graph.Ingestion.Tests;

/// <summary>Each case of BrokenInputs/ is reported with its exact message and location, and writes nothing.</summary>
public sealed class BrokenInputTests : IAsyncLifetime, IDisposable
{
    private readonly TestCorpus _corpus = new();
    private readonly EmbeddedDriver _driver = EmbeddedDriver.InMemory();
    private string _before = "";

    public async Task InitializeAsync()
    {
        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);
        Assert.True(report.Succeeded);
        _before = await StoreSnapshot.TakeAsync(_driver);
    }

    public async Task DisposeAsync() => await _driver.DisposeAsync();
    public void Dispose() => _corpus.Dispose();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(TestCorpus.TestData("BrokenInputs")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(directory));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Broken_input_is_reported_and_the_store_is_unchanged(string brokenCase)
    {
        var expected = File.ReadAllLines(TestCorpus.TestData(Path.Combine("BrokenInputs", brokenCase, "expected.txt")))
            .Where(l => l.Length > 0).ToList();
        _corpus.Overlay(brokenCase);

        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);

        Assert.False(report.Succeeded);
        var errors = report.Diagnostics.Where(d => d.Severity == Core.Diagnostics.Severity.Error).Select(d => d.ToString()).ToList();
        Assert.Equal(expected.Count, errors.Count);
        foreach (var (want, got) in expected.Zip(errors))
        {
            // A trailing '*' in expected.txt marks a prefix (the YAML parser's own wording follows).
            if (want.EndsWith('*')) Assert.StartsWith(want[..^1], got);
            else Assert.Equal(want, got);
        }
        Assert.Equal(0, report.StoreCounters.PropertiesSet + report.StoreCounters.NodesCreated + report.StoreCounters.NodesDeleted);
        Assert.Equal(_before, await StoreSnapshot.TakeAsync(_driver));
    }

    [Fact]
    public async Task Huge_file_is_refused_and_the_store_is_unchanged()
    {
        using (var stream = File.Create(_corpus.PathOf("documents/doc-a/stances.yaml")))
            stream.SetLength(50L * 1024 * 1024);

        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);

        var error = Assert.Single(report.Diagnostics, d => d.Severity == Core.Diagnostics.Severity.Error);
        Assert.Equal("graph-data/documents/doc-a/stances.yaml: the file is too large (50 MiB; the limit is 32 MiB); split the document into several folders", error.ToString());
        Assert.Equal(_before, await StoreSnapshot.TakeAsync(_driver));
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_folder_is_refused_without_reading_it()
    {
        // A file outside the data folder whose content must never show up anywhere.
        var secret = Path.Combine(_corpus.Root, "secret.txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT\n");
        var text = _corpus.PathOf("documents/doc-a/text.txt");
        File.Delete(text);
        File.CreateSymbolicLink(text, secret);
        var stances = _corpus.PathOf("documents/doc-a/stances.yaml");
        File.Move(stances, Path.Combine(_corpus.Root, "stances.yaml"));
        File.CreateSymbolicLink(stances, Path.Combine(_corpus.Root, "stances.yaml"));

        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);

        var errors = report.Diagnostics.Where(d => d.Severity == Core.Diagnostics.Severity.Error).Select(d => d.ToString()).ToList();
        Assert.Equal(
        [
            "graph-data/documents/doc-a/document.yaml:7: text: 'text.txt': the path is a symbolic link (or goes through one) that points outside the graph-data folder; graph-data reads only files inside its own folder; put the text in the document folder (text: text.txt)",
            "graph-data/documents/doc-a/stances.yaml: the path is a symbolic link (or goes through one) that points outside the graph-data folder; graph-data reads only files inside its own folder",
        ], errors);
        Assert.DoesNotContain(report.Diagnostics, d => d.ToString().Contains("TOP-SECRET") || d.ToString().Contains(_corpus.Root));
        Assert.Equal(_before, await StoreSnapshot.TakeAsync(_driver));
    }

    [Fact]
    public async Task A_link_that_stays_inside_the_folder_is_allowed()
    {
        var text = _corpus.PathOf("documents/doc-a/text.txt");
        var shared = _corpus.PathOf("documents/doc-a/shared-text.txt");
        File.Move(text, shared);
        File.CreateSymbolicLink(text, "shared-text.txt");

        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);

        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
    }
}
