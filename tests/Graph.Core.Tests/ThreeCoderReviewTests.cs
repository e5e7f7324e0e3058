using Graph.Core.Agreement;

namespace Graph.Core.Tests;

/// <summary>
/// Reviews with three coders, on the fictional Harbour Forum 2019: Paul Okafor, Rosa Vidal and Nadia Ek
/// (tests/Fixtures/harbour-forum/three-coders/nadia-ek.yaml) each give the remittances passage to another expert
/// (Tomás Ferreyra, Marta Quiroga, Iván Sorel), so each of the three pairs has that disagreement. The rule (decision
/// 24): a stance may be named by the reviews of several pairs, but they must decide it one way; a disagreement whose
/// stances are all decided by other pairs' reviews is resolved without a review of its own.
/// </summary>
public sealed class ThreeCoderReviewTests : IDisposable
{
    private const string Document = "harbour-forum-2019";
    private const string Claim = "remittances-sustain-villages";
    private static string Paul => $"{{coder: paul-okafor, expert: tomas-ferreyra, claim: {Claim}}}";
    private static string Rosa => $"{{coder: rosa-vidal, expert: marta-quiroga, claim: {Claim}}}";
    private static string Nadia => $"{{coder: nadia-ek, expert: ivan-sorel, claim: {Claim}}}";

    private readonly string _root = Directory.CreateTempSubdirectory("graph-three-coders-").FullName;

    public ThreeCoderReviewTests()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(fixtures, "graph-data"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Data, Path.GetRelativePath(Path.Combine(fixtures, "graph-data"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.Copy(Path.Combine(fixtures, "three-coders", "nadia-ek.yaml"), Path.Combine(Data, "documents", Document, "codings", "nadia-ek.yaml"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Data => Path.Combine(_root, "graph-data");

    private static string Review(string a, string b, string stands) => $"  - a: {a}\n    b: {b}\n    stands: {stands}\n    reviewer: ana-coder\n";

    private GraphDataResult Load(string reviews)
    {
        File.WriteAllText(Path.Combine(Data, "documents", Document, "reviews.yaml"), "reviews:\n" + reviews);
        return GraphData.Load(Data);
    }

    private static Disagreement Remittances(GraphDataResult result, string coderA, string coderB)
    {
        var document = result.Data.Documents.Single(d => d.Id == Document);
        var codings = CodingAgreement.CodingsOf(document);
        var report = CodingAgreement.Compare(Document, coderA, codings[coderA], coderB, codings[coderB], document.Reviews);
        return report.Disagreements.Single(d => d.Stances.Any(s => s.Claim == Claim));
    }

    [Fact]
    public void Two_pairs_deciding_a_stance_the_same_way_resolve_the_third_pair()
    {
        var result = Load(Review(Paul, Rosa, "rosa-vidal") + Review(Rosa, Nadia, "rosa-vidal"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["marta-quiroga"], result.Data.Stances.Where(s => s.Source == Document && s.Claim.Id == Claim).Select(s => s.Expert.Id));

        var paulRosa = Remittances(result, "paul-okafor", "rosa-vidal");
        Assert.True(paulRosa.Resolved);
        Assert.Equal(2, paulRosa.Review!.Location.Line);
        var rosaNadia = Remittances(result, "nadia-ek", "rosa-vidal");
        Assert.Equal(6, rosaNadia.Review!.Location.Line);
        // Paul and Nadia's disagreement: both their stances were rejected by the other two reviews.
        var paulNadia = Remittances(result, "nadia-ek", "paul-okafor");
        Assert.Null(paulNadia.Review);
        Assert.True(paulNadia.Resolved);
        Assert.Equal([2, 6], paulNadia.DecidedElsewhere.Select(r => r.Location.Line).Order());
    }

    [Fact]
    public void Pairs_deciding_a_stance_two_ways_or_a_pair_decided_twice_are_errors_at_their_lines()
    {
        var file = $"graph-data/documents/{Document}/reviews.yaml";
        var twoWays = Load(Review(Paul, Rosa, "rosa-vidal") + Review(Rosa, Nadia, "nadia-ek"));
        var error = Assert.Single(twoWays.Errors).ToString();
        Assert.StartsWith($"{file}:6:", error);
        Assert.Contains($"rosa-vidal's stance of marta-quiroga on {Claim} is already decided by the review at {file}:2, which keeps it, but this review rejects it", error);

        var twice = Load(Review(Paul, Rosa, "rosa-vidal") + Review(Rosa, Paul, "rosa-vidal"));
        error = Assert.Single(twice.Errors).ToString();
        Assert.StartsWith($"{file}:6:", error);
        Assert.Contains($"this disagreement is already decided by the review at {file}:2; keep one review per disagreement", error);
    }

    [Fact]
    public void Until_every_stance_of_a_pair_is_decided_the_pair_is_unresolved()
    {
        var result = Load(Review(Paul, Rosa, "rosa-vidal"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var paulNadia = Remittances(result, "nadia-ek", "paul-okafor");
        Assert.False(paulNadia.Resolved);
        Assert.Empty(paulNadia.DecidedElsewhere);
        // Nadia's stance is not in stances.yaml, so nothing of hers is loaded either way; Rosa's stands, Paul's is not there.
        Assert.Equal(["marta-quiroga"], result.Data.Stances.Where(s => s.Source == Document && s.Claim.Id == Claim).Select(s => s.Expert.Id));
    }
}
