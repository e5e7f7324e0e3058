using Graph.Core.Generation;

namespace Graph.Core.Tests;

public sealed class SyntheticCorpusTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "graph-synthetic-tests", Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static readonly SyntheticCorpusOptions Small = new() { Experts = 60, Claims = 40, Stances = 500, Seed = 7, StancesPerDocument = 200 };

    [Fact]
    public void Generated_corpus_is_valid_graph_data_split_over_documents()
    {
        var directory = Path.Combine(_root, "graph-data");
        var summary = new SyntheticCorpus(Small).Write(directory);

        var result = GraphData.Load(directory);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Take(10)));
        Assert.Empty(result.Warnings);
        Assert.Equal(3, summary.Documents);
        Assert.Equal(3, result.Data.Documents.Count);
        Assert.Equal(60, result.Data.Experts.Count());
        Assert.Equal(500, result.Data.Stances.Count());
        Assert.All(result.Data.Stances, s => Assert.NotNull(s.Line));
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        string Generate(string name, int seed)
        {
            var directory = Path.Combine(_root, name);
            new SyntheticCorpus(Small with { Seed = seed }).Write(directory);
            return File.ReadAllText(Path.Combine(directory, "documents", "synthetic-000", "stances.yaml"));
        }

        Assert.Equal(Generate("a", 7), Generate("b", 7));
        Assert.NotEqual(Generate("a", 7), Generate("c", 8));
    }

    [Fact]
    public void Stances_are_skewed_towards_a_few_prolific_experts()
    {
        var directory = Path.Combine(_root, "skew");
        new SyntheticCorpus(Small with { Experts = 200, Claims = 100, Stances = 1500 }).Write(directory);

        var perExpert = GraphData.Load(directory).Data.Stances.GroupBy(s => s.Expert.Id).Select(g => g.Count()).OrderDescending().ToList();

        // With Zipf(1) over 200 experts the top tenth holds far more than a tenth of the stances.
        Assert.True(perExpert.Take(20).Sum() > 1500 * 0.3, string.Join(",", perExpert));
    }
}
