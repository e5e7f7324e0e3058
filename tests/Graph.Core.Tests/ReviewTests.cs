using Graph.Core.Agreement;
using Graph.Core.Editing;

namespace Graph.Core.Tests;

/// <summary>
/// Review decisions (documents/&lt;id&gt;/reviews.yaml) on the fictional Harbour Forum 2019 coded by two coders into
/// stances.yaml (tests/Fixtures/harbour-forum/review/stances.yaml): Rosa Vidal's six stances and Paul Okafor's
/// reading of the remittances passage (Tomás Ferreyra endorses, where Rosa has Marta Quiroga).
/// </summary>
public sealed class ReviewTests : IDisposable
{
    private const string Document = "harbour-forum-2019";
    private const string PaulVsRosa =
        "  - a: {coder: paul-okafor, expert: tomas-ferreyra, claim: remittances-sustain-villages}\n" +
        "    b: {coder: rosa-vidal, expert: marta-quiroga, claim: remittances-sustain-villages}\n";

    private readonly string _root = Directory.CreateTempSubdirectory("graph-review-tests-").FullName;

    public ReviewTests() => TwoCoderFixture.Prepare(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Data => Path.Combine(_root, "graph-data");
    private string ReviewsFile => Path.Combine(Data, "documents", Document, "reviews.yaml");

    private GraphDataResult Load(string? reviews)
    {
        if (reviews is not null) File.WriteAllText(ReviewsFile, reviews);
        return GraphData.Load(Data);
    }

    private static List<string> Loaded(GraphDataResult result) =>
        result.Data.Stances.Where(s => s.Source == Document).Select(s => $"{s.Coder}:{s.Expert.Id}/{s.Claim.Id}").Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Without_reviews_every_coder_in_stances_yaml_is_loaded()
    {
        var result = Load(null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(7, Loaded(result).Count);
        Assert.Contains("paul-okafor:tomas-ferreyra/remittances-sustain-villages", Loaded(result));
    }

    [Fact]
    public void The_rejected_coding_is_not_loaded_and_the_agreement_names_the_decision()
    {
        var result = Load("reviews:\n" + PaulVsRosa + "    stands: rosa-vidal\n    reviewer: ana-coder\n");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var loaded = Loaded(result);
        Assert.Equal(6, loaded.Count);
        Assert.DoesNotContain("paul-okafor:tomas-ferreyra/remittances-sustain-villages", loaded);
        Assert.Contains("rosa-vidal:marta-quiroga/remittances-sustain-villages", loaded);
        var document = result.Data.Documents.Single(d => d.Id == Document);
        Assert.Equal(7, document.Stances.Count); // the file keeps both codings

        var codings = CodingAgreement.CodingsOf(document);
        var report = CodingAgreement.Compare(Document, "paul-okafor", codings["paul-okafor"], "rosa-vidal", codings["rosa-vidal"], document.Reviews);
        Assert.Equal(6, report.Disagreements.Count);
        Assert.Equal(1, report.Resolved);
        var decided = report.Disagreements.Single(d => d.Review is not null);
        Assert.Equal(("coded differently", "tomas-ferreyra", "marta-quiroga"), (decided.Kind, decided.A!.Expert, decided.B!.Expert));
        Assert.Equal(("rosa-vidal", "ana-coder"), (decided.Review!.Stands, decided.Review.Reviewer));
    }

    [Fact]
    public void Neither_rejects_both_codings_and_a_one_sided_review_decides_its_unit()
    {
        var result = Load("reviews:\n" + PaulVsRosa + "    stands: neither\n    reviewer: ana-coder\n" +
                          "  - b: {coder: rosa-vidal, expert: lucia-benavente, claim: common-arrivals-registry}\n    stands: neither\n    reviewer: ana-coder\n");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var loaded = Loaded(result);
        Assert.Equal(4, loaded.Count);
        Assert.DoesNotContain(loaded, s => s.Contains("remittances") || s.Contains("common-arrivals"));
    }

    [Fact]
    public void A_review_naming_no_such_coder_or_stance_or_choice_is_an_error_at_its_line()
    {
        var result = Load("# decided at the June meeting\nreviews:\n" +
                          "  - a: {coder: paul-okafur, expert: tomas-ferreyra, claim: remittances-sustain-villages}\n    stands: neither\n    reviewer: ana-coder\n" +
                          "  - a: {coder: paul-okafor, expert: ivan-sorel, claim: remittances-sustain-villages}\n    stands: paul-okafor\n    reviewer: ana-coder\n" +
                          PaulVsRosa + "    stands: paul\n    reviewer: ana-coder\n" +
                          "  - b: {coder: rosa-vidal, expert: marta-quiroga, claim: remittances-sustain-villages}\n    stands: rosa-vidal\n    reviewer: bo\n");
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.True(errors.Count == 4, string.Join("\n", errors));
        var file = $"graph-data/documents/{Document}/reviews.yaml";
        Assert.Contains(errors, e => e.StartsWith($"{file}:3:") && e.Contains("'paul-okafur' has not coded") && e.Contains("did you mean 'paul-okafor'"));
        Assert.Contains(errors, e => e.StartsWith($"{file}:6:") && e.Contains("no stance of expert 'ivan-sorel' on claim 'remittances-sustain-villages'"));
        Assert.Contains(errors, e => e.StartsWith($"{file}:9:") && e.Contains("'paul' is not a choice"));
        Assert.Contains(errors, e => e.StartsWith($"{file}:13:") && e.Contains("already decided by the review at " + file + ":9"));
    }

    [Fact]
    public void The_review_file_editor_appends_and_replaces_keeping_comments()
    {
        var draft = new ReviewDraft(("paul-okafor", "tomas-ferreyra", "remittances-sustain-villages"), ("rosa-vidal", "marta-quiroga", "remittances-sustain-villages"), "rosa-vidal", "ana-coder");
        var first = ReviewFileEditor.Append(null, draft);
        Assert.Equal("reviews:\n" + PaulVsRosa + "    stands: rosa-vidal\n    reviewer: ana-coder\n", first);
        var withComment = "# kept\n" + first;
        var changed = ReviewFileEditor.Replace(withComment, 0, draft with { Stands = "neither", Reviewer = "bo" });
        Assert.Equal("# kept\nreviews:\n" + PaulVsRosa + "    stands: neither\n    reviewer: bo\n", changed);
        var second = ReviewFileEditor.Append(changed, new ReviewDraft(null, ("rosa-vidal", "lucia-benavente", "common-arrivals-registry"), "neither", "bo"));
        Assert.EndsWith("reviewer: bo\n  - b: {coder: rosa-vidal, expert: lucia-benavente, claim: common-arrivals-registry}\n    stands: neither\n    reviewer: bo\n", second);
        Assert.True(Load(second).IsValid);
    }
}
