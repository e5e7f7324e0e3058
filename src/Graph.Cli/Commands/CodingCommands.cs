using System.CommandLine;
using System.Globalization;
using Graph.Core;
using Graph.Core.Agreement;
using Graph.Core.Diagnostics;
using Graph.Core.Reading;

namespace Graph.Cli.Commands;

/// <summary><c>graph agreement</c>: how independent coders of a document agree.</summary>
public static class CodingCommands
{
    public static IEnumerable<Command> Create() => [Agreement()];

    private static Option<string> DataOption() => new("--data")
    {
        Description = "The graph-data directory (default ./graph-data).",
        DefaultValueFactory = _ => "graph-data",
    };

    private static Command Agreement()
    {
        var document = new Argument<string>("document") { Description = "The document id (a folder under graph-data/documents/)." };
        var coders = new Option<string?>("--coders") { Description = "Two or more coders, comma-separated (default: every coder of the document); every pair is compared." };
        var data = DataOption();
        var command = new Command("agreement",
            "How independent coders of a document agree: per coder pair, the overlap of the passages they coded, and on matched passages " +
            "Cohen's kappa and Krippendorff's alpha for expert, claim and polarity; then every disagreement with both codings, " +
            "and whether a reviewer resolved it (documents/<id>/reviews.yaml) and which coding stands.")
        {
            document, coders, data,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(data)!;
            var id = parse.GetValue(document)!;
            if (!Directory.Exists(directory))
                throw new CliException($"graph agreement: the graph-data directory {directory} does not exist", CliRunner.ExitUsage);
            var ids = GraphDataReader.DocumentIds(directory);
            if (!ids.Contains(id))
                throw new CliException($"graph agreement: no document '{id}' in {directory}/documents{Suggestions.DidYouMean(id, ids)}", CliRunner.ExitUsage);
            var result = GraphData.Load(directory, new GraphDataSelection(true, new HashSet<string> { id }), null);
            if (!result.IsValid)
            {
                foreach (var error in result.Errors) Console.Error.WriteLine($"error: {error}");
                Console.Error.WriteLine($"graph-data has {result.Errors.Count()} errors; fix them (see `graph validate`) and run again.");
                return CliRunner.ExitFailure;
            }
            var doc = result.Data.Documents.Single();
            var codings = CodingAgreement.CodingsOf(doc);
            var chosen = parse.GetValue(coders) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList()
                : codings.Keys.ToList();
            foreach (var coder in chosen.Where(c => !codings.ContainsKey(c)))
                throw new CliException($"graph agreement: '{coder}' has not coded {id}{Suggestions.DidYouMean(coder, codings.Keys)}; its coders are {string.Join(", ", codings.Keys)}", CliRunner.ExitUsage);
            if (chosen.Count < 2)
                throw new CliException($"graph agreement: {id} needs two coders to compare; it has {(codings.Count == 0 ? "none" : string.Join(", ", codings.Keys))}", CliRunner.ExitUsage);

            for (var i = 0; i < chosen.Count; i++)
            for (var j = i + 1; j < chosen.Count; j++)
                Print(CodingAgreement.Compare(id, chosen[i], codings[chosen[i]], chosen[j], codings[chosen[j]], doc.Reviews));
            return CliRunner.ExitOk;
        });
        return command;
    }

    private static void Print(AgreementReport r)
    {
        var ic = CultureInfo.InvariantCulture;
        var output = Console.Out;
        output.WriteLine($"{r.Document}: {r.CoderA} and {r.CoderB}");
        output.WriteLine(string.Create(ic,
            $"  units: {r.CoderA} {r.UnitsA}, {r.CoderB} {r.UnitsB}, matched {r.Matched} (passages that overlap, paired largest overlap first)"));
        output.WriteLine(string.Create(ic,
            $"  unitizing: coded text overlap {Format(r.TextOverlap)} (characters both coded / either coded: {r.CodedCharactersBoth:N0} / {r.CodedCharactersEither:N0})"));
        output.WriteLine("  on matched units     agreement   Cohen's kappa   Krippendorff's alpha");
        foreach (var v in r.Variables)
            output.WriteLine(string.Create(ic, $"    {v.Variable,-18} {Format(v.Observed),9}   {Format(v.Kappa),13}   {Format(v.Alpha),20}"));
        output.WriteLine(r.Disagreements.Count == 0 ? "  no disagreements" : $"  disagreements ({r.Disagreements.Count}, {r.Resolved} resolved by review{(r.Disagreements.Count(d => d.Changed.Count > 0) is var stale and > 0 ? $", {stale} to review again" : "")}):");
        foreach (var d in r.Disagreements)
        {
            output.WriteLine($"  - {d.Kind}{(d.Variables.Count > 0 ? $" ({string.Join(", ", d.Variables)})" : "")}:");
            if (d.A is { } a) output.WriteLine($"      {r.CoderA}: {Describe(a)}");
            if (d.B is { } b) output.WriteLine($"      {r.CoderB}: {Describe(b)}");
            if (d.Review is { } review)
                output.WriteLine($"      resolved by {review.Reviewer}: {Stands(review)} ({review.Location})");
            else if (d.DecidedElsewhere.Count > 0)
                output.WriteLine($"      resolved by the reviews of other pairs: {string.Join("; ", d.DecidedElsewhere.Select(e => $"{e.Reviewer}: {Stands(e)} ({e.Location})"))}");
            else
                output.WriteLine("      unresolved");
            foreach (var changed in d.Changed)
                output.WriteLine($"      needs review again: {changed}");
        }
        output.WriteLine();
    }

    private static string Stands(Core.Model.ReviewEntry review) =>
        review.Stands == Core.Model.ReviewEntry.Neither ? "neither coding stands" : $"{review.Stands}'s coding stands";

    /// <summary>One coding, with its fingerprint (what a review's 'seen' records).</summary>
    private static string Describe(CodedUnit u) =>
        $"{u.Expert} {(u.Polarity == Core.Model.StanceKind.Endorses ? "endorses" : "criticizes")} {u.Claim}, line {u.Stance.Line}: \"{u.Stance.Quote}\" ({u.Stance.Location}; seen {StanceFingerprint.Of(u.Stance)})";

    private static string Format(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "undefined";
}
