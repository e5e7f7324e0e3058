using Graph.Core.Generation;

namespace Graph.Web.Tests;

/// <summary>
/// <see cref="CodingFixture"/> on a corpus of many documents instead of the Harbour Forum: Graph.Core's generator
/// (fictional experts and claims, seed 5), 200 documents of 50 stances each with their generated texts.
/// </summary>
public sealed class ManyDocumentsFixture : CodingFixture
{
    public const int Documents = 200;

    protected override void Prepare(string dataDirectory)
    {
        Directory.Delete(dataDirectory, recursive: true);
        new SyntheticCorpus(new SyntheticCorpusOptions { Experts = 400, Claims = 200, Stances = Documents * 50, StancesPerDocument = 50, Seed = 5 }).Write(dataDirectory);
    }
}
