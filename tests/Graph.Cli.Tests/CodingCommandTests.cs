namespace Graph.Cli.Tests;

/// <summary>
/// Several documents with one registry, end to end through the CLI, on the fictional Harbour Forum
/// (tests/Fixtures/harbour-forum): validate, ingest (then again: nothing read), query across documents,
/// `graph agreement` on its two codings, and `graph add-document` for a third document.
/// </summary>
[Collection(CliCollection.Name)] // it redirects the process-wide Console too
public sealed class CodingCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _data;

    public CodingCommandTests()
    {
        _data = _temp["graph-data"];
        var fixture = Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum", "graph-data");
        foreach (var file in Directory.GetFiles(fixture, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_data, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Two_documents_share_one_registry_from_validation_to_queries()
    {
        var validate = await Cli.Succeeds("validate", _data);
        Assert.Contains("2 documents, 4 experts, 2 institutions, 2 sessions, 4 claims, 9 stances; 0 errors, 0 warnings", validate.Out);

        var db = _temp["db"];
        var first = await Cli.Succeeds("ingest", _data, "--db", db);
        Assert.Contains("(:Source)", first.Out);
        var again = await Cli.Succeeds("ingest", _data, "--db", db);
        Assert.Contains("unchanged since the last load", again.Out);

        // Iván Sorel criticized the claim in 2019 and endorsed it in 2021: both stances, each citing its document.
        var ivan = await Cli.Succeeds("cypher",
            "MATCH (:Expert {id: 'ivan-sorel'})-[s]->(:Claim {id: 'seasonal-labour-rights'}) MATCH (d:Source {id: s.source}) RETURN d.date AS date, type(s) AS stance, s.coder AS coder ORDER BY date",
            "--db", db, "--format", "csv");
        Assert.Equal("date,stance,coder\n2019-03-14,CRITICIZES,rosa-vidal\n2021-06-02,ENDORSES,paul-okafor\n", ivan.Out.ReplaceLineEndings("\n"));
        // One node per person however many documents they speak in.
        var experts = await Cli.Succeeds("cypher", "MATCH (e:Expert) RETURN count(e) AS n", "--db", db, "--format", "csv");
        Assert.Equal("n\n4\n", experts.Out.ReplaceLineEndings("\n"));
        // The query library reads the shared registry: a name from the registry finds the expert of both documents,
        // and his two stances on the claim show, each naming its document.
        var positions = await Cli.Succeeds("positions", "Ivan Sorel", "--db", db);
        Assert.Contains("Iván Sorel", positions.Out);
        Assert.Contains("Harbour Forum 2019 (fictional) (2019-03-14)", positions.Out);
        Assert.Contains("Harbour Forum 2021 (fictional) (2021-06-02)", positions.Out);
        var shared = await Cli.Succeeds("cypher",
            "MATCH (a:Expert {id: 'lucia-benavente'})-[r:AGREES_WITH|DISAGREES_WITH]-(b:Expert {id: 'ivan-sorel'}) RETURN type(r) AS type, r.claims AS claims ORDER BY type",
            "--db", db, "--format", "csv");
        // Agreement through the 2021 stance, disagreement through the 2019 one: the network spans documents.
        Assert.Equal("type,claims\nAGREES_WITH,['seasonal-labour-rights']\nDISAGREES_WITH,['seasonal-labour-rights']\n", shared.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Agreement_reports_both_coders_and_every_disagreement()
    {
        var run = await Cli.Succeeds("agreement", "harbour-forum-2019", "--coders", "rosa-vidal,paul-okafor", "--data", _data);

        Assert.Contains("harbour-forum-2019: rosa-vidal and paul-okafor", run.Out);
        Assert.Contains("coded text overlap 0.759 (characters both coded / either coded: 246 / 324)", run.Out);
        Assert.Matches(@"expert\s+0\.800\s+0\.737\s+0\.757", run.Out);
        Assert.Matches(@"claim\s+1\.000\s+1\.000\s+1\.000", run.Out);
        Assert.Matches(@"polarity\s+0\.800\s+0\.545\s+0\.571", run.Out);
        Assert.Contains("disagreements (3, 0 resolved by review):", run.Out);
        Assert.Contains("paul-okafor: ivan-sorel endorses seasonal-labour-rights, line 5", run.Out);
        Assert.Contains("rosa-vidal: ivan-sorel criticizes seasonal-labour-rights, line 5", run.Out);

        var unknown = await Cli.RunAsync("agreement", "harbour-forum-2019", "--coders", "rosa-vidal,paul-okafr", "--data", _data);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'paul-okafr' has not coded harbour-forum-2019 (did you mean 'paul-okafor'?)", unknown.Err);
        var single = await Cli.RunAsync("agreement", "harbour-forum-2021", "--data", _data);
        Assert.Contains("needs two coders to compare; it has paul-okafor", single.Err);
    }

    [Fact]
    public async Task Agreement_marks_which_disagreements_a_reviewer_resolved_and_what_stands()
    {
        File.WriteAllText(Path.Combine(_data, "documents", "harbour-forum-2019", "reviews.yaml"),
            "reviews:\n  - a: {coder: paul-okafor, expert: ivan-sorel, claim: seasonal-labour-rights}\n" +
            "    b: {coder: rosa-vidal, expert: ivan-sorel, claim: seasonal-labour-rights}\n    stands: rosa-vidal\n    reviewer: ana-coder\n" +
            "  - b: {coder: rosa-vidal, expert: lucia-benavente, claim: common-arrivals-registry}\n    stands: neither\n    reviewer: bo\n");

        var run = await Cli.Succeeds("agreement", "harbour-forum-2019", "--data", _data);

        var output = run.Out.ReplaceLineEndings("\n");
        Assert.Contains("disagreements (3, 2 resolved by review):", output);
        Assert.Contains("rosa-vidal: ivan-sorel criticizes seasonal-labour-rights, line 5", output);
        Assert.Contains("      resolved by ana-coder: rosa-vidal's coding stands (graph-data/documents/harbour-forum-2019/reviews.yaml:2)\n", output);
        Assert.Contains("      resolved by bo: neither coding stands (graph-data/documents/harbour-forum-2019/reviews.yaml:6)\n", output);
        // Rosa's stance that neither-stands rejected leaves the standing coding (stances.yaml holds her stances), the rest stays.
        var validate = await Cli.Succeeds("validate", _data);
        Assert.Contains("8 stances; 0 errors", validate.Out);
        // The remittances disagreement (Tomás or Marta) is still open.
        Assert.Matches(@"tomas-ferreyra endorses remittances-sustain-villages.*\n.*marta-quiroga endorses remittances-sustain-villages.*\n      unresolved\n", output);

        // A review naming a stance nobody coded: graph agreement stops with the validator's file:line error.
        File.AppendAllText(Path.Combine(_data, "documents", "harbour-forum-2019", "reviews.yaml"),
            "  - a: {coder: paul-okafor, expert: marta-quiroga, claim: common-arrivals-registry}\n    stands: neither\n    reviewer: bo\n");
        var bad = await Cli.RunAsync("agreement", "harbour-forum-2019", "--data", _data);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("reviews.yaml:9: reviews[2].a: paul-okafor's coding of harbour-forum-2019 has no stance of expert 'marta-quiroga' on claim 'common-arrivals-registry'", bad.Err);
    }

    [Fact]
    public async Task Agreement_with_three_coders_resolves_a_pair_through_the_other_pairs_and_names_a_review_to_redo()
    {
        var document = Path.Combine(_data, "documents", "harbour-forum-2019");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum", "three-coders", "nadia-ek.yaml"), Path.Combine(document, "codings", "nadia-ek.yaml"));
        var first = (await Cli.Succeeds("agreement", "harbour-forum-2019", "--coders", "paul-okafor,rosa-vidal", "--data", _data)).Out;
        // The fingerprints the reviewer saw: Paul's as printed, Rosa's a stale one (her coding changed since).
        var paul = System.Text.RegularExpressions.Regex.Match(first, @"tomas-ferreyra endorses remittances-sustain-villages.*seen ([0-9a-f]{12})\)").Groups[1].Value;
        Assert.Equal(12, paul.Length);
        File.WriteAllText(Path.Combine(document, "reviews.yaml"),
            $"reviews:\n  - a: {{coder: paul-okafor, expert: tomas-ferreyra, claim: remittances-sustain-villages, seen: {paul}}}\n" +
            "    b: {coder: rosa-vidal, expert: marta-quiroga, claim: remittances-sustain-villages}\n    stands: rosa-vidal\n    reviewer: ana-coder\n" +
            "  - a: {coder: nadia-ek, expert: ivan-sorel, claim: remittances-sustain-villages, seen: 000000000000}\n" +
            "    b: {coder: rosa-vidal, expert: marta-quiroga, claim: remittances-sustain-villages}\n    stands: rosa-vidal\n    reviewer: ana-coder\n");

        var output = (await Cli.Succeeds("agreement", "harbour-forum-2019", "--data", _data)).Out.ReplaceLineEndings("\n");

        const string file = "graph-data/documents/harbour-forum-2019/reviews.yaml";
        Assert.Contains("harbour-forum-2019: nadia-ek and paul-okafor", output);
        Assert.Contains($"      resolved by the reviews of other pairs: ana-coder: rosa-vidal's coding stands ({file}:6); ana-coder: rosa-vidal's coding stands ({file}:2)\n", output);
        Assert.Contains($"      needs review again: nadia-ek's stance of ivan-sorel on remittances-sustain-villages changed since the review at {file}:6 (seen 000000000000, now ", output);
        Assert.Contains("disagreements (1, 0 resolved by review, 1 to review again):", output);
        var validate = await Cli.Succeeds("validate", _data);
        Assert.Contains($"{file}:6: reviews[1].a.seen: nadia-ek's stance of ivan-sorel on remittances-sustain-villages changed since it was reviewed", validate.Out + validate.Err);
    }

    [Fact]
    public async Task Add_document_extracts_a_text_file_and_the_new_document_validates()
    {
        var source = _temp["minutes.txt"];
        File.WriteAllText(source, "Harbour Forum 2023 (fictional minutes).\nMarta Quiroga said the port rules had to be fair to every-\nbody on both shores.\n");

        var run = await Cli.Succeeds("add-document", source, "--title", "Harbour Forum 2023", "--date", "2023-05-10", "--data", _data);

        Assert.Contains("Added document 'harbour-forum-2023'", run.Out);
        Assert.Contains("hyphenated at a line end, e.g. 'every-body' (page 1, line 2)", run.Err);
        Assert.Equal(File.ReadAllText(source), File.ReadAllText(Path.Combine(_data, "documents", "harbour-forum-2023", "text.txt")));
        Assert.Contains("3 documents", (await Cli.Succeeds("validate", _data)).Out);

        var twice = await Cli.RunAsync("add-document", source, "--title", "Harbour Forum 2023", "--date", "2023-05-10", "--data", _data);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("already exists", twice.Err);
        var badDate = await Cli.RunAsync("add-document", source, "--title", "X", "--date", "10.05.2023", "--data", _data);
        Assert.Contains("'10.05.2023' is not a date; write it as YYYY-MM-DD", badDate.Err);
    }
}
