using System.CommandLine;
using System.Globalization;
using Graph.Client;
using Graph.Ingestion;
using Graph.Queries;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using Graph.Queries.Model;
using Graph.Queries.Settings;
using QuikGraph;
using Spectre.Console;

namespace Graph.Cli.Commands;

/// <summary>
/// `graph tour`: the main job in one command. Loads graph-data into the configured store (the embedded default
/// unless told otherwise) and answers the questions the product exists for, each with the command that goes deeper.
/// </summary>
public static class TourCommands
{
    public static IEnumerable<Command> Create()
    {
        var data = new Argument<string>("data") { Description = "The graph-data directory to load.", DefaultValueFactory = _ => "graph-data" };
        var command = new Command("tour", "Load graph-data and answer the main questions: who stands where, who agrees, how experts connect, how they cluster.") { data };
        var analysis = new AnalysisOptions().AddTo(command);
        var dates = new TimeWindowOptions().AddTo(command);
        StoreConnection.AddOptions(command);
        command.SetAction(async (parsed, ct) =>
        {
            var window = dates.Resolve(parsed);
            var directory = parsed.GetValue(data)!;
            if (!Directory.Exists(directory))
                throw new CliException($"No graph-data directory at {Path.GetFullPath(directory)}: run from the repository root or pass the directory (graph tour path/to/graph-data).", CliRunner.ExitUsage);
            var settings = analysis.Resolve(parsed);
            await using var driver = StoreConnection.Open(parsed);
            if (!await LoadAsync(driver, directory, ct)) return CliRunner.ExitFailure;
            var queries = new DebateQueries(driver, window);
            if (!window.IsAll) Note($"The answers below count only stances dated {window} (session date, else document date).");
            if (await QueryViews.WindowNetworkNoteAsync(queries, ct) is { } bound) Note(char.ToUpperInvariant(bound[0]) + bound[1..] + ".");
            await AnswerAsync(queries, settings, ct);
            return CliRunner.ExitOk;
        });
        yield return command;
    }

    private static async Task<bool> LoadAsync(IDriver driver, string directory, CancellationToken ct)
    {
        Heading($"Loading {directory} into {driver.Description}");
        var report = await new GraphLoader(driver).LoadAsync(directory, cancellationToken: ct);
        foreach (var diagnostic in report.Diagnostics) Console.Error.WriteLine(diagnostic);
        if (!report.Succeeded)
        {
            Console.Error.WriteLine("graph-data has errors (above): nothing was loaded. Fix them, or run graph validate for the full list.");
            return false;
        }
        var created = report.Nodes.Values.Concat(report.Relationships.Values).Sum(c => c.Created);
        var updated = report.Nodes.Values.Concat(report.Relationships.Values).Sum(c => c.Updated);
        var deleted = report.Nodes.Values.Concat(report.Relationships.Values).Sum(c => c.Deleted);
        var nodes = string.Join(", ", report.NodeCounts.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} {kv.Key}"));
        var rels = string.Join(", ", report.RelationshipCounts.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} {kv.Key}"));
        Line($"The store holds {nodes}.");
        Line($"Relationships: {rels}.");
        Note(report.HasChanges
            ? $"This load created {created}, updated {updated} and deleted {deleted} entities and relationships in {report.Elapsed.TotalSeconds:0.0} s."
            : $"Nothing changed since the last load ({report.Elapsed.TotalSeconds:0.0} s): loading is idempotent.");
        return true;
    }

    private static async Task AnswerAsync(DebateQueries queries, AnalysisSettings settings, CancellationToken ct)
    {
        var snapshot = await queries.LoadSnapshotAsync(ct);
        if (snapshot.IsEmpty)
        {
            Line("The graph-data folder holds no experts or claims yet: see graph-data/README.md to add a document.");
            return;
        }

        Heading("1. Which claims are disputed? (one expert endorses what another criticizes)");
        var contested = await queries.ContestedAsync(ct);
        if (contested.Count == 0) Line("No claim has both endorsers and critics.");
        foreach (var claim in contested.Take(5))
            Line($"• {claim.Text}\n    endorsed by {Names(snapshot, claim.Endorsers)}\n    criticized by {Names(snapshot, claim.Critics)}");
        Note("More: graph contested · graph claim pages in graph serve");

        Heading("2. Where do the experts stand on the three paradigms?");
        var profiles = snapshot.Experts.Keys.Select(id => ParadigmProfiles.ForExpert(snapshot, id)).ToList();
        foreach (var paradigm in snapshot.Paradigms.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var scores = profiles.Select(p => (Profile: p, Score: p.Scores.First(s => s.ParadigmId == paradigm.Id))).Where(x => x.Score.Stances > 0).ToList();
            var forIt = scores.Where(x => x.Score.Score > 0).ToList();
            var against = scores.Where(x => x.Score.Score < 0).ToList();
            Line($"• {paradigm.Name}: {forIt.Count} experts lean towards it, {against.Count} against it" +
                 (against.Count > 0 ? $" (e.g. {Names(snapshot, against.OrderBy(x => x.Score.Score).Take(3).Select(x => x.Profile.SubjectId))})" : "") + ".");
        }
        Note("More: graph profile <expert|institution> · graph positions <expert>");

        Heading("3. Who shares positions? (the strongest agreement between two experts)");
        var strongest = snapshot.Ties.Where(t => t.Kind == TieKind.Agreement)
            .OrderByDescending(t => t.Weight).ThenBy(t => t.A, StringComparer.Ordinal).ThenBy(t => t.B, StringComparer.Ordinal).FirstOrDefault();
        if (strongest is null) Line("No two experts take the same stance on a claim.");
        else
        {
            var pair = await queries.SharedAsync(strongest.A, strongest.B, ct);
            Line($"{snapshot.NameOf(pair.A)} and {snapshot.NameOf(pair.B)} agree on {pair.Agreements} claims and disagree on {pair.Disagreements} " +
                 $"(score ({settings.ScoreName}) {pair.Subtract(settings.Normalization).ToString("0.00", CultureInfo.InvariantCulture)}, signed score {pair.SignedScore?.ToString("0.00", CultureInfo.InvariantCulture)}):");
            foreach (var claim in pair.Shared.Where(c => c.Agree).Take(5)) Line($"  • both {(claim.StanceA == Polarity.Endorses ? "endorse" : "criticize")}: {claim.Text}");
            if (pair.Agreements > 5) Line($"  • … and {pair.Agreements - 5} more");
            Note($"More: graph shared \"{snapshot.NameOf(pair.A)}\" \"{snapshot.NameOf(pair.B)}\" · graph allies <expert>");
        }

        Heading("4. How do two experts connect? (a chain of agreement between experts who do not agree directly)");
        var network = await queries.NetworkAsync(ct);
        var chain = LongestShortChain(network, snapshot);
        if (chain is null) Line("Every pair of connected experts agrees directly: there is no longer chain to show.");
        else
        {
            Line($"{snapshot.NameOf(chain.Experts[0])} → {snapshot.NameOf(chain.Experts[^1])}, {chain.Length} steps:");
            foreach (var hop in chain.Hops)
            {
                // Name the shared stance: "both criticize" says more than "agree on" a claim they both reject.
                var claim = hop.AgreeClaims[0];
                var both = snapshot.StancesOf(hop.From).TryGetValue(claim, out var stances) && snapshot.StancesOf(hop.To).TryGetValue(claim, out var others)
                    && stances.Any(s => s.Polarity == Polarity.Criticizes && others.Any(o => o.Polarity == Polarity.Criticizes)) ? "both criticize" : "both endorse";
                Line($"  • {snapshot.NameOf(hop.From)} and {snapshot.NameOf(hop.To)} {both} \"{ClaimText(snapshot, claim)}\"" +
                     (hop.AgreeClaims.Count > 1 ? $" (and agree on {hop.AgreeClaims.Count - 1} more)" : ""));
            }
            Note($"More: graph path \"{snapshot.NameOf(chain.Experts[0])}\" \"{snapshot.NameOf(chain.Experts[^1])}\" --signed --k 3");
        }

        Heading("5. How do the experts cluster? (signed Louvain on the agreement network)");
        if (snapshot.Ties.Count == 0) Line("No agreement or disagreement ties: nothing to cluster.");
        else
        {
            var portrait = await queries.CommunitiesAsync(settings, ct);
            var report = portrait.Report;
            foreach (var community in portrait.Communities)
                Line($"• Group {community.Number}: {community.Caption}.\n    {Names(snapshot, community.Members.Select(m => m.ExpertId), 6)}");
            Line($"Found by {settings.ClusteringMethod}; modularity {report.Modularity:0.###} (how much more experts agree inside groups than chance would give).");
            Line($"Against each expert's dominant paradigm: purity {report.ParadigmAgreement.Purity:0.###} (share whose group's main paradigm is their own), " +
                 $"NMI {report.ParadigmAgreement.Nmi:0.###} (0 to 1: how much an expert's group tells about their paradigm).");
            Line($"Structural balance: {report.Balance.BalancedTriangles} of {report.Balance.Triangles} signed triangles are balanced ({report.Balance.BalancedShare:P0}).");
            Note("More: graph clusters · graph serve (the views at http://127.0.0.1:7474/) · graph viz --out debate.html");
        }
    }

    /// <summary>The longest of the shortest agreement chains (deterministic), to show a chain of more than one step.</summary>
    private static ExpertPath? LongestShortChain(SignedNetwork network, DiscourseSnapshot snapshot)
    {
        var graph = network.ToGraph(NetworkMode.Agreement);
        var best = (From: (string?)null, To: (string?)null, Distance: 1);
        foreach (var start in graph.Vertices.Order(StringComparer.Ordinal))
        {
            var distance = new Dictionary<string, int> { [start] = 0 };
            var queue = new Queue<string>([start]);
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                foreach (var edge in graph.AdjacentEdges(current))
                {
                    var next = edge.GetOtherVertex(current);
                    if (distance.TryAdd(next, distance[current] + 1)) queue.Enqueue(next);
                }
            }
            foreach (var (target, d) in distance.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                if (d > best.Distance) best = (start, target, d);
        }
        return best.From is null ? null : Paths.Find(network, NetworkMode.Agreement, best.From, best.To!).FirstOrDefault();
    }

    private static string Names(DiscourseSnapshot snapshot, IEnumerable<string> ids, int max = 4)
    {
        var list = ids.ToList();
        var shown = string.Join(", ", list.Take(max).Select(snapshot.NameOf));
        return list.Count > max ? $"{shown} and {list.Count - max} more" : shown;
    }

    private static string ClaimText(DiscourseSnapshot snapshot, string id) => snapshot.Claims.TryGetValue(id, out var claim) ? claim.Text : id;

    private static string ParadigmName(DiscourseSnapshot snapshot, string? id) =>
        id is not null && snapshot.Paradigms.TryGetValue(id, out var paradigm) ? paradigm.Name : "no paradigm";

    private static void Heading(string text)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(text)}[/]");
    }

    private static void Line(string text) => AnsiConsole.WriteLine(text);

    private static void Note(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
}
