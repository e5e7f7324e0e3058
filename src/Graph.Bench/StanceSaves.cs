using System.Diagnostics;
using Graph.Client;
using Graph.Core;
using Graph.Core.Editing;
using Graph.Core.Model;
using Graph.Core.Reading;
using Graph.Ingestion.Coding;

namespace Graph.Bench;

/// <summary>
/// What a coder's save costs on a large corpus: one stance added to the first document, edited, deleted through
/// <see cref="CodingWorkspace"/> (YAML edit, validation of that document, store write of the stance and the network
/// pairs it touches), each timed until a query returns the new state.
/// </summary>
public static class StanceSaves
{
    public static async Task<List<StanceSaveTiming>> RunAsync(IDriver driver, string directory, TextWriter log)
    {
        var document = GraphDataReader.DocumentIds(directory)[0];
        var data = GraphData.Load(directory, new GraphDataSelection(false, new HashSet<string> { document }), new Core.Validation.KnownIds()).Data.Documents.Single();
        var taken = data.Stances.Select(s => (s.Expert.Id, s.Claim.Id)).ToHashSet();
        var sample = data.Stances[0];
        // The first stance's expert on a claim it has no stance on in this document, quoting an existing passage.
        var claim = Enumerable.Range(0, 1_000_000).Select(Core.Generation.SyntheticCorpus.ClaimId).First(c => !taken.Contains((sample.Expert.Id, c)));
        var draft = new StanceDraft(sample.Expert.Id, claim, StanceKind.Endorses, sample.Quote, "A", "bench");
        var workspace = new CodingWorkspace(driver, directory);
        var steps = new List<StanceSaveTiming>();

        async Task<object?> Visible(string type)
        {
            await using var session = driver.AsyncSession(SessionConfig.Read);
            var result = await session.RunAsync($"MATCH (:Expert {{id: $e}})-[s:{type}]->(:Claim {{id: $c}}) WHERE s.source = $d RETURN s.hash AS hash",
                new Dictionary<string, object?> { ["e"] = draft.Expert, ["c"] = draft.Claim, ["d"] = document });
            return result.Records.Count == 0 ? null : result.Records[0]["hash"];
        }

        var clock = Stopwatch.StartNew();
        var added = await workspace.AddAsync(document, draft);
        if (!Equals(await Visible("ENDORSES"), added.Version)) throw new InvalidOperationException("the saved stance is not in the store");
        steps.Add(new("added", clock.Elapsed.TotalMilliseconds));

        clock.Restart();
        var edited = await workspace.UpdateAsync(document, draft.Expert, draft.Claim, added.Version!, draft with { Kind = StanceKind.Criticizes });
        if (!Equals(await Visible("CRITICIZES"), edited.Version)) throw new InvalidOperationException("the edited stance is not in the store");
        steps.Add(new("edited (polarity flipped)", clock.Elapsed.TotalMilliseconds));

        clock.Restart();
        await workspace.DeleteAsync(document, draft.Expert, draft.Claim, edited.Version!);
        if (await Visible("CRITICIZES") is not null) throw new InvalidOperationException("the deleted stance is still in the store");
        steps.Add(new("deleted", clock.Elapsed.TotalMilliseconds));

        foreach (var (step, ms) in steps) log.WriteLine($"  ingestion: one stance {step} and visible in {ms:N0} ms");
        return steps;
    }
}
