namespace Graph.Web.Tests;

/// <summary>
/// <see cref="CodingFixture"/> with the Harbour Forum 2019 as the fixture has it (stances.yaml: Rosa Vidal's coding;
/// independent codings by Paul Okafor and Rosa Vidal) plus a third fictional coder, Nadia Ek
/// (tests/Fixtures/harbour-forum/three-coders/nadia-ek.yaml).
/// </summary>
public sealed class ThreeCoderReviewFixture : CodingFixture
{
    protected override void Prepare(string dataDirectory) =>
        File.Copy(Path.Combine(WebViewFixture.RepositoryRoot, "tests", "Fixtures", "harbour-forum", "three-coders", "nadia-ek.yaml"),
            Path.Combine(dataDirectory, "documents", "harbour-forum-2019", "codings", "nadia-ek.yaml"));
}
