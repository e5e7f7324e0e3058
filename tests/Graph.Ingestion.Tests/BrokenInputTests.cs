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
        using (var stream = File.Create(_corpus.PathOf("doc-a/stances.yaml")))
            stream.SetLength(50L * 1024 * 1024);

        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);

        var error = Assert.Single(report.Diagnostics, d => d.Severity == Core.Diagnostics.Severity.Error);
        Assert.Equal("graph-data/doc-a/stances.yaml: the file is too large (50 MiB; the limit is 32 MiB); split the document into several folders", error.ToString());
        Assert.Equal(_before, await StoreSnapshot.TakeAsync(_driver));
    }
}
