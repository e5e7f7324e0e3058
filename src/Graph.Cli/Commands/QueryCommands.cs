using System.CommandLine;
using Graph.Client;
using Graph.Queries;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using Graph.Queries.Export;
using Graph.Queries.Lookup;
using Graph.Queries.Model;
using Graph.Queries.Settings;

namespace Graph.Cli.Commands;

/// <summary>
/// The questions researchers ask of a debate: experts, positions, shared, allies, path, profile, clusters,
/// contested, export. Each command opens the store, resolves names (suggestions for unknown or ambiguous
/// ones), asks <see cref="DebateQueries"/> and prints a table (people) or JSON (--format json, programs).
/// </summary>
public static class QueryCommands
{
    public static IEnumerable<Command> Create() =>
    [
        Experts(), Positions(), Shared(), AlliesCommand(), Path(), Profile(), ClustersCommand(), Contested(), EvolutionCommand(), Export(),
    ];

    private static Command Experts()
    {
        var filter = new Argument<string?>("filter") { Description = "A name, alias, id or part of one (accents and case do not matter).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("experts", "List the experts, or those matching a name.") { filter };
        return QueryCommand(command, async (run, parse) =>
        {
            var snapshot = await run.Queries.LoadSnapshotAsync(run.Cancellation);
            var ids = snapshot.Experts.Keys.ToList();
            if (parse.GetValue(filter) is { } name)
            {
                var result = (await run.Queries.LoadIndexAsync(run.Cancellation)).Resolve(name, EntityKind.Expert);
                if (result.Status == LookupStatus.NotFound) throw new CliException(result.Explain());
                ids = result.Matches.Select(m => m.Id).ToList();
            }
            QueryViews.Experts(run, snapshot, ids);
            return CliRunner.ExitOk;
        });
    }

    private static Command Positions()
    {
        var expert = ExpertArgument("expert");
        var command = new Command("positions", "An expert's stances grouped by paradigm, with quotes and sections.") { expert };
        var dates = new TimeWindowOptions().AddTo(command);
        return QueryCommand(command, async (run, parse) =>
        {
            var queries = run.Queries.Within(dates.Resolve(parse));
            var who = await run.ResolveAsync(parse.GetValue(expert)!, EntityKind.Expert);
            QueryViews.Positions(run, await queries.PositionsAsync(who.Id, run.Cancellation));
            QueryViews.WindowNote(run, queries.Window);
            return CliRunner.ExitOk;
        });
    }

    private static Command Shared()
    {
        var a = ExpertArgument("a");
        var b = ExpertArgument("b");
        var command = new Command("shared", "The claims two experts both endorse, both criticize or disagree on, and their agreement scores.") { a, b };
        var dates = new TimeWindowOptions().AddTo(command);
        return QueryCommand(command, async (run, parse) =>
        {
            var queries = run.Queries.Within(dates.Resolve(parse));
            var (first, second) = await run.ResolvePairAsync(parse.GetValue(a)!, parse.GetValue(b)!);
            var pair = await queries.SharedAsync(first.Id, second.Id, run.Cancellation);
            QueryViews.Shared(run, first, second, pair);
            await QueryViews.NetworkNoteAsync(run, queries);
            QueryViews.WindowNote(run, queries.Window);
            return CliRunner.ExitOk;
        });
    }

    private static Command AlliesCommand()
    {
        var expert = ExpertArgument("expert");
        var opponents = new Option<bool>("--opponents") { Description = "List opponents (more disagreements than agreements) instead of allies." };
        var analysis = new AnalysisOptions();
        var limit = new Option<int>("--limit") { Description = "Show at most this many, best first (0 for all).", DefaultValueFactory = _ => 20 };
        var command = new Command("allies", "An expert's allies (or opponents), ranked by normalized agreement, with the claims behind it.")
        {
            expert, opponents, limit,
        };
        analysis.AddTo(command, clustering: false);
        var dates = new TimeWindowOptions().AddTo(command);
        return QueryCommand(command, async (run, parse) =>
        {
            var queries = run.Queries.Within(dates.Resolve(parse));
            var n = analysis.Resolve(parse).Normalization;
            var who = await run.ResolveAsync(parse.GetValue(expert)!, EntityKind.Expert);
            var top = parse.GetValue(limit);
            if (top < 0) throw new CliException("graph allies: --limit must be 0 (all) or more", CliRunner.ExitUsage);
            var ranking = await queries.AlliesAsync(who.Id, parse.GetValue(opponents), n, top == 0 ? null : top, run.Cancellation);
            QueryViews.Allies(run, who, parse.GetValue(opponents), n, ranking);
            await QueryViews.NetworkNoteAsync(run, queries);
            QueryViews.WindowNote(run, queries.Window);
            return CliRunner.ExitOk;
        });
    }

    private static Command Path()
    {
        var a = ExpertArgument("a");
        var b = ExpertArgument("b");
        var agreement = new Option<bool>("--agreement") { Description = "Chain of agreement (AGREES_WITH); the default." };
        var disagreement = new Option<bool>("--disagreement") { Description = "Chain of disagreement (DISAGREES_WITH)." };
        var signed = new Option<bool>("--signed") { Description = "Signed chain: each hop +1 or -1 by whether the pair agrees or disagrees more; the path's sign is their product." };
        var k = new Option<int>("--k")
        {
            Description = "List at least this many chains: every equally short chain is always listed (up to 10); longer alternatives (Yen's algorithm) fill up to k.",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("path", "How two experts connect through chains of agreement or disagreement.") { a, b, agreement, disagreement, signed, k };
        var dates = new TimeWindowOptions().AddTo(command);
        return QueryCommand(command, async (run, parse) =>
        {
            var queries = run.Queries.Within(dates.Resolve(parse));
            var modes = new[] { (parse.GetValue(agreement), NetworkMode.Agreement), (parse.GetValue(disagreement), NetworkMode.Disagreement), (parse.GetValue(signed), NetworkMode.Signed) }
                .Where(m => m.Item1).Select(m => m.Item2).ToList();
            if (modes.Count > 1) throw new CliException("Choose one of --agreement, --disagreement and --signed.", CliRunner.ExitUsage);
            var mode = modes.Count == 0 ? NetworkMode.Agreement : modes[0];
            var count = parse.GetValue(k);
            if (count is < 1 or > 100) throw new CliException($"--k must be between 1 and 100 (got {count}).", CliRunner.ExitUsage);
            var (first, second) = await run.ResolvePairAsync(parse.GetValue(a)!, parse.GetValue(b)!);
            var paths = await queries.PathsAsync(first.Id, second.Id, mode, count, run.Cancellation);
            var names = await run.Queries.NamesAsync(paths.SelectMany(p => p.Experts), run.Cancellation);
            var index = await run.Queries.LoadIndexAsync(run.Cancellation);
            // Each claim with how the pair stands on it ("both criticize"), not only that they agree.
            var stances = new Dictionary<(string, string, string), string>();
            foreach (var (from, to) in paths.SelectMany(p => p.Hops).Select(h => (h.From, h.To)).Distinct())
                foreach (var c in (await queries.SharedAsync(from, to, run.Cancellation)).Shared)
                    stances[(from, to, c.ClaimId)] = c.Agree ? (c.StanceA == Polarity.Endorses ? "both endorse" : "both criticize") : $"{c.StanceA.Verb()} / {c.StanceB.Verb()}";
            string ClaimText(PathHop hop, string id) =>
                (stances.TryGetValue((hop.From, hop.To, id), out var how) ? how + ": " : "") +
                (index.Resolve(id, EntityKind.Claim) is { Status: LookupStatus.Found } found && found.Single.Id == id ? $"{id} ({found.Single.Name})" : id);
            var exit = QueryViews.Paths(run, names, ClaimText, first, second, mode, paths);
            await QueryViews.NetworkNoteAsync(run, queries);
            QueryViews.WindowNote(run, queries.Window);
            return exit;
        });
    }

    private static Command Profile()
    {
        var subject = new Argument<string>("expert-or-institution") { Description = "An expert or an institution: name, alias, acronym or id." };
        var command = new Command("profile", "Alignment with the three paradigms (-1..1) and the stances that drive it.") { subject };
        var dates = new TimeWindowOptions().AddTo(command);
        return QueryCommand(command, async (run, parse) =>
        {
            var queries = run.Queries.Within(dates.Resolve(parse));
            var who = await run.ResolveAsync(parse.GetValue(subject)!, EntityKind.Expert, EntityKind.Institution);
            QueryViews.Profile(run, await queries.ProfileAsync(who, run.Cancellation));
            QueryViews.WindowNote(run, queries.Window);
            return CliRunner.ExitOk;
        });
    }

    private static Command ClustersCommand()
    {
        var command = new Command("clusters", "Communities of the agreement network vs. the paradigms, each described in words, the claims that split them, polarization and structural balance.");
        var analysis = new AnalysisOptions().AddTo(command, normalization: false);
        var dates = new TimeWindowOptions().AddTo(command);
        return QueryCommand(command, async (run, parse) =>
        {
            var settings = analysis.Resolve(parse);
            var queries = run.Queries.Within(dates.Resolve(parse));
            QueryViews.Clusters(run, await queries.CommunitiesAsync(settings, run.Cancellation));
            await QueryViews.NetworkNoteAsync(run, queries);
            QueryViews.WindowNote(run, queries.Window);
            return CliRunner.ExitOk;
        });
    }

    private static Command Contested()
    {
        var limit = new Option<int>("--limit") { Description = "Show at most this many claims.", DefaultValueFactory = _ => 20 };
        var command = new Command("contested", "Claims with both endorsers and critics, the most evenly split first.") { limit };
        var dates = new TimeWindowOptions().AddTo(command);
        return QueryCommand(command, async (run, parse) =>
        {
            var queries = run.Queries.Within(dates.Resolve(parse));
            var claims = await queries.ContestedAsync(run.Cancellation);
            QueryViews.Contested(run, await queries.LoadSnapshotAsync(run.Cancellation), claims.Take(Math.Max(1, parse.GetValue(limit))).ToList(), claims.Count);
            QueryViews.WindowNote(run, queries.Window);
            return CliRunner.ExitOk;
        });
    }

    private static Command EvolutionCommand()
    {
        var window = new Option<string>("--window") { Description = "Length of each window: a number and y, m, w or d (default 1y).", DefaultValueFactory = _ => "1y" };
        var step = new Option<string>("--step") { Description = "How far each window starts after the previous one (default 6m).", DefaultValueFactory = _ => "6m" };
        var top = new Option<int>("--contested") { Description = "How many of each window's most contested claims to show (default 3).", DefaultValueFactory = _ => 3 };
        var command = new Command("evolution",
            "The debate per time window: experts, stances, density, polarization, modularity (signed Louvain, as graph clusters) and the most contested claims.")
            { window, step, top };
        var analysis = new AnalysisOptions().AddTo(command, normalization: false);
        var dates = new TimeWindowOptions().AddTo(command);
        return QueryCommand(command, async (run, parse) =>
        {
            var settings = analysis.Resolve(parse);
            var range = dates.Resolve(parse);
            EvolutionReport report;
            try
            {
                var length = CalendarPeriod.Parse(parse.GetValue(window), "--window");
                var every = CalendarPeriod.Parse(parse.GetValue(step), "--step");
                report = await run.Queries.EvolutionAsync(length, every, settings, range, Math.Clamp(parse.GetValue(top), 0, 20), run.Cancellation);
            }
            catch (TimeWindowException e)
            {
                throw new CliException(e.Message, CliRunner.ExitUsage);
            }
            QueryViews.Evolution(run, report);
            return CliRunner.ExitOk;
        });
    }

    private static Command Export()
    {
        var network = new Option<string>("--network") { Description = "congruence, conflict, subtract (one-mode experts) or two-mode (experts x claims).", Required = true };
        network.AcceptOnlyFromAmong("congruence", "conflict", "subtract", "two-mode");
        var format = new Option<string>("--format") { Description = "graphml or gexf (Gephi) or csv (edge list).", DefaultValueFactory = _ => "graphml" };
        format.AcceptOnlyFromAmong("graphml", "gexf", "csv");
        var normalization = new Option<string>("--normalization")
        {
            Description = "One-mode: none, average, jaccard, cosine (default: setting Analysis:Normalization, else average). Two-mode: none, activity, prominence (default none).",
        };
        var gexfVersion = new Option<string>("--gexf-version") { Description = "GEXF version: 1.2 (1.2draft, read by networkx and Gephi; the default) or 1.3.", DefaultValueFactory = _ => "1.2" };
        gexfVersion.AcceptOnlyFromAmong("1.2", "1.3");
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output)." };
        var command = new Command("export", "Write a discourse network for Gephi (GraphML, GEXF) or as a CSV edge list.") { network, format, normalization, gexfVersion, output };
        var dates = new TimeWindowOptions().AddTo(command);
        StoreConnection.AddOptions(command);
        command.SetAction(async (parse, ct) => await Guard(async () =>
        {
            var window = dates.Resolve(parse);
            await using var run = await QueryRun.OpenAsync(parse, json: false, ct);
            var kind = parse.GetValue(network) switch
            {
                "conflict" => NetworkKind.Conflict,
                "subtract" => NetworkKind.Subtract,
                "two-mode" => NetworkKind.TwoMode,
                _ => NetworkKind.Congruence,
            };
            var normalizationText = parse.GetValue(normalization);
            var configured = AnalysisSettings.Default.Normalization;
            try
            {
                var configuration = StoreConnection.Resolve(parse);
                configured = AnalysisSettings.Read(key => configuration[key]).Normalization;
            }
            catch (AnalysisSettingsException e)
            {
                throw new CliException(e.Message, CliRunner.ExitUsage);
            }
            var oneMode = kind == NetworkKind.TwoMode ? Normalization.None : normalizationText is null ? configured : ParseNormalization(normalizationText);
            var twoMode = kind == NetworkKind.TwoMode ? ParseTwoMode(normalizationText ?? "none") : TwoModeNormalization.None;
            var windowed = run.Queries.Within(window);
            var exported = await windowed.ExportAsync(kind, oneMode, twoMode, ct);
            // On stderr: the network itself may be on stdout.
            await QueryViews.NetworkNoteAsync(run, windowed, toError: true);
            var exportFormat = parse.GetValue(format) switch
            {
                "gexf" => parse.GetValue(gexfVersion) == "1.3" ? ExportFormat.Gexf13 : ExportFormat.Gexf,
                "csv" => ExportFormat.Csv,
                _ => ExportFormat.GraphMl,
            };
            if (parse.GetValue(output) is { } file)
            {
                try
                {
                    var full = System.IO.Path.GetFullPath(file);
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                    await using var stream = File.Create(full);
                    NetworkWriters.Write(exported, exportFormat, stream);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"cannot write {file}: {e.Message}");
                }
                Console.Error.WriteLine($"Wrote {exported.Name}: {exported.Nodes.Count} nodes, {exported.Edges.Count} edges to {file}.");
            }
            else
            {
                // Through Console.Out (not the raw stream) so redirection and tests see it; networks are small.
                await Console.Out.WriteAsync(NetworkWriters.WriteToString(exported, exportFormat));
            }
            return CliRunner.ExitOk;
        }));
        return command;
    }

    // ---- shared plumbing ----

    private static Argument<string> ExpertArgument(string name) =>
        new(name) { Description = "An expert: name, alias, part of a name or id (accents and case do not matter)." };

    private static Normalization ParseNormalization(string text) =>
        NormalizationNames.TryParse(text, out var n)
            ? n
            : throw new CliException($"unknown normalization '{text}' for a one-mode network: use none, average, jaccard or cosine.", CliRunner.ExitUsage);

    private static TwoModeNormalization ParseTwoMode(string text) =>
        Enum.TryParse<TwoModeNormalization>(text, ignoreCase: true, out var n) && Enum.IsDefined(n)
            ? n
            : throw new CliException($"unknown normalization '{text}' for the two-mode network: use none, activity or prominence.", CliRunner.ExitUsage);

    private static Option<string> FormatOption()
    {
        var option = new Option<string>("--format") { Description = "table (for people) or json (for programs).", DefaultValueFactory = _ => "table" };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }

    private static Command QueryCommand(Command command, Func<QueryRun, ParseResult, Task<int>> body)
    {
        var format = FormatOption();
        command.Options.Add(format);
        StoreConnection.AddOptions(command);
        command.SetAction(async (parse, ct) => await Guard(async () =>
        {
            await using var run = await QueryRun.OpenAsync(parse, parse.GetValue(format) == "json", ct);
            return await body(run, parse);
        }));
        return command;
    }

    /// <summary>
    /// CliRunner prints CliException and GraphException as one line; data the graph model does not allow
    /// (a store not loaded by graph ingest) becomes a CliException here so it gets the same treatment.
    /// </summary>
    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Graph.Queries.Cypher.QueryDataException e)
        {
            throw new CliException($"unexpected graph data: {e.Message}");
        }
    }
}

/// <summary>One query command's store, library and output mode.</summary>
internal sealed class QueryRun : IAsyncDisposable
{
    private readonly IDriver _driver;

    private QueryRun(IDriver driver, bool json, CancellationToken cancellation)
    {
        _driver = driver;
        Queries = new DebateQueries(driver);
        Json = json;
        Cancellation = cancellation;
    }

    public DebateQueries Queries { get; }
    public bool Json { get; }
    public CancellationToken Cancellation { get; }

    public static async Task<QueryRun> OpenAsync(ParseResult parse, bool json, CancellationToken ct)
    {
        var configuration = StoreConnection.Resolve(parse);
        var embedded = (configuration["Target"] ?? "embedded").Trim().Equals("embedded", StringComparison.OrdinalIgnoreCase);
        // Opening an embedded store creates its directory; a query must not leave an empty store behind.
        if (embedded && !Directory.Exists(StoreConnection.DatabaseDirectory(configuration)))
            throw new CliException($"the store is empty: run graph ingest (no graph store at {StoreConnection.DatabaseDirectory(configuration)}; pass --db or set GRAPH_DB to use another).");
        var driver = StoreConnection.Open(configuration);
        var run = new QueryRun(driver, json, ct);
        try
        {
            if (await run.Queries.IsEmptyAsync(ct))
                throw new CliException($"the store is empty: run graph ingest (store: {driver.Description}).");
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    public async Task<LookupEntry> ResolveAsync(string name, params EntityKind[] kinds)
    {
        var result = await Queries.ResolveAsync(name, kinds, Cancellation);
        return result.Status == LookupStatus.Found ? result.Single : throw new CliException(result.Explain());
    }

    public async Task<(LookupEntry, LookupEntry)> ResolvePairAsync(string a, string b)
    {
        var first = await ResolveAsync(a, EntityKind.Expert);
        var second = await ResolveAsync(b, EntityKind.Expert);
        if (first.Id == second.Id)
            throw new CliException($"'{a}' and '{b}' are the same expert ({first}); name two different experts.", CliRunner.ExitUsage);
        return (first, second);
    }

    public ValueTask DisposeAsync() => _driver.DisposeAsync();
}
