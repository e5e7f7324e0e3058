namespace Graph.Web.Tests;

/// <summary>
/// <see cref="CodingFixture"/> with the Harbour Forum 2019 coded by two coders into stances.yaml, as two editors of
/// the Code page would (tests/Fixtures/harbour-forum/review/stances.yaml; the independent codings removed).
/// </summary>
public sealed class ReviewFixture : CodingFixture
{
    protected override void Prepare(string dataDirectory)
    {
        var document = Path.Combine(dataDirectory, "documents", "harbour-forum-2019");
        Directory.Delete(Path.Combine(document, "codings"), recursive: true);
        File.Copy(Path.Combine(WebViewFixture.RepositoryRoot, "tests", "Fixtures", "harbour-forum", "review", "stances.yaml"),
            Path.Combine(document, "stances.yaml"), overwrite: true);
    }
}
