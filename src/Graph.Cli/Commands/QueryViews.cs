using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Graph.Queries;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using Graph.Queries.Lookup;
using Graph.Queries.Model;
using Spectre.Console;

namespace Graph.Cli.Commands;

/// <summary>How the query commands show their answers: Spectre.Console tables for people, JSON for programs.</summary>
internal static class QueryViews
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static Table NewTable(string? title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null) table.Title(Markup.Escape(title));
        foreach (var c in columns) table.AddColumn(new TableColumn(Markup.Escape(c)));
        return table;
    }

    private static void AddRow(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c ?? "")).ToArray());

    private static void Note(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    public static void Experts(QueryRun run, DiscourseSnapshot snapshot, IReadOnlyList<string> ids)
    {
        var experts = ids.Select(id => snapshot.Experts[id]).ToList();
        if (run.Json)
        {
            WriteJson(experts.Select(e => new
            {
                e.Id, e.Name, e.Aliases, e.Country, e.Roles, e.Institutions, Stances = snapshot.StancesOf(e.Id).Count,
            }));
            return;
        }
        var table = NewTable($"{experts.Count} expert(s)", "id", "name", "country", "institutions", "stances");
        foreach (var e in experts)
            AddRow(table, e.Id, e.Name, e.Country, string.Join(", ", e.Institutions.Select(i => snapshot.Institutions.TryGetValue(i, out var inst) ? inst.Acronym ?? inst.Name : i)),
                snapshot.StancesOf(e.Id).Count.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
    }

    public static void Positions(QueryRun run, ExpertPositions positions)
    {
        if (run.Json)
        {
            WriteJson(positions);
            return;
        }
        if (positions.Groups.Count == 0)
        {
            AnsiConsole.WriteLine($"{positions.Name} takes no recorded stance on any claim.");
            return;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(positions.Name)}[/] ({positions.StanceCount} stances)");
        foreach (var group in positions.Groups)
        {
            var table = NewTable(group.ParadigmId is null ? "claims aligned with no paradigm" : $"paradigm: {group.Title}",
                "claim", "stance", "the claim", "counts", "document", "section", "quote");
            foreach (var p in group.Positions)
                AddRow(table, $"{p.ClaimId}: {p.Text}", p.Polarity.Verb(),
                    p.AlignmentSign switch { > 0 => $"supports {group.Title}", < 0 => $"OPPOSES {group.Title}", _ => "" },
                    p.AlignmentSign == 0 ? "" : (int)p.Polarity * p.AlignmentSign > 0 ? $"for {group.Title}" : $"against {group.Title}",
                    p.Document is { } d ? $"{d.Title ?? d.Id}{(d.Date is null ? "" : $" ({d.Date})")}" : "", p.Section, p.Quote);
            AnsiConsole.Write(table);
        }
    }

    public static void Shared(QueryRun run, LookupEntry a, LookupEntry b, PairAgreement pair)
    {
        var scores = Enum.GetValues<Normalization>().Select(n => new
        {
            Normalization = n.Name(), Congruence = pair.Congruence(n), Conflict = pair.Conflict(n), Subtract = pair.Subtract(n),
        }).ToList();
        if (run.Json)
        {
            WriteJson(new
            {
                A = a.Id, B = b.Id, pair.ClaimsA, pair.ClaimsB, pair.Agreements, pair.Disagreements, pair.SignedScore,
                pair.BothEndorse, pair.BothCriticize, pair.Disagree, Scores = scores,
            });
            return;
        }
        if (pair.NothingInCommon)
        {
            AnsiConsole.WriteLine($"{a.Name} ({pair.ClaimsA} stances) and {b.Name} ({pair.ClaimsB} stances) take no stance on a common claim: nothing to compare.");
            return;
        }
        void Section(string title, IReadOnlyList<SharedClaim> claims)
        {
            if (claims.Count == 0) return;
            var table = NewTable(title, "claim", a.Name, b.Name);
            foreach (var c in claims)
                AddRow(table, $"{c.ClaimId}: {c.Text}", $"{c.StanceA.Verb()}: {c.QuoteA}", $"{c.StanceB.Verb()}: {c.QuoteB}");
            AnsiConsole.Write(table);
        }
        Section("both endorse", pair.BothEndorse);
        Section("both criticize", pair.BothCriticize);
        Section("disagree", pair.Disagree);
        var scoreTable = NewTable($"agreement scores ({pair.Agreements} agreements, {pair.Disagreements} disagreements; signed score {F(pair.SignedScore!.Value)})",
            "normalization", "congruence", "conflict", "subtract");
        foreach (var s in scores) AddRow(scoreTable, s.Normalization, F(s.Congruence), F(s.Conflict), F(s.Subtract));
        AnsiConsole.Write(scoreTable);
        Note("signed score = (agreements - disagreements) / shared claims, in [-1, 1]");
    }

    public static void Allies(QueryRun run, LookupEntry who, bool opponents, Normalization normalization, AllyRanking ranking)
    {
        var entries = ranking.Entries;
        if (run.Json)
        {
            WriteJson(new
            {
                Expert = who.Id, Opponents = opponents, Normalization = normalization.Name(), ranking.Total,
                ScoreName = $"score ({normalization.Name()})",
                Entries = entries.Select(e => new
                {
                    e.ExpertId, e.Name, e.Score, e.Evidence.SignedScore, e.Evidence.Agreements, e.Evidence.Disagreements,
                    Agree = e.Evidence.Shared.Where(c => c.Agree).Select(c => c.ClaimId),
                    Disagree = e.Evidence.Disagree.Select(c => c.ClaimId),
                }),
            });
            return;
        }
        var kind = opponents ? "opponents" : "allies";
        if (entries.Count == 0)
        {
            AnsiConsole.WriteLine($"{who.Name} has no {kind}: no expert {(opponents ? "disagrees" : "agrees")} with them on more shared claims than the reverse.");
            return;
        }
        var shown = entries.Count < ranking.Total ? $"top {entries.Count} of {ranking.Total:N0} " : "";
        var table = NewTable($"{shown}{kind} of {who.Name} ({normalization.Name()} normalization)", "#", "expert", $"score ({normalization.Name()})", "signed score", "agree on", "disagree on");
        var rank = 1;
        foreach (var e in entries)
            AddRow(table, (rank++).ToString(CultureInfo.InvariantCulture), e.Name, F(e.Score), F(e.Evidence.SignedScore ?? 0),
                string.Join(", ", e.Evidence.Shared.Where(c => c.Agree).Select(c => c.ClaimId)),
                string.Join(", ", e.Evidence.Disagree.Select(c => c.ClaimId)));
        AnsiConsole.Write(table);
        Note($"score ({normalization.Name()}) = {(opponents ? "normalized disagreements - normalized agreements" : "normalized agreements - normalized disagreements")}; " +
             $"normalized by {NormalizationNames.Explain(normalization)}; signed score = (agreements - disagreements) / shared claims");
    }

    public static int Paths(QueryRun run, IReadOnlyDictionary<string, string> names, Func<PathHop, string, string> claimText, LookupEntry a, LookupEntry b, NetworkMode mode, IReadOnlyList<ExpertPath> paths)
    {
        var modeName = mode.ToString().ToLowerInvariant();
        if (run.Json)
        {
            WriteJson(new
            {
                From = a.Id, To = b.Id, Mode = modeName,
                Paths = paths.Select(p => new { p.Length, p.Sign, Verdict = mode == NetworkMode.Signed ? p.Verdict : null, Tied = p.Length == paths[0].Length, p.Experts, p.Hops }),
            });
            return paths.Count == 0 ? CliRunner.ExitFailure : CliRunner.ExitOk;
        }
        if (paths.Count == 0)
        {
            Console.Error.WriteLine($"No chain of {modeName} links {a.Name} and {b.Name}.");
            return CliRunner.ExitFailure;
        }
        var shortest = paths[0].Length;
        var tied = paths.Count(p => p.Length == shortest);
        if (tied > 1)
            AnsiConsole.WriteLine($"{tied} chains of {shortest} hop(s) are equally short: all are listed" +
                (mode == NetworkMode.Signed && paths.Where(p => p.Length == shortest).Select(p => p.Sign).Distinct().Count() > 1
                    ? ", and their verdicts differ." : "."));
        var number = 1;
        foreach (var path in paths)
        {
            var rank = path.Length == shortest ? (tied > 1 ? "shortest, tied" : "shortest") : "longer alternative";
            var sign = mode == NetworkMode.Signed ? $", sign {(path.Sign > 0 ? "+" : "-")}: {path.Verdict}" : "";
            var table = NewTable($"path {number++} ({rank}): {path.Length} hop(s){sign}", "from", "to", "link", "agree on", "disagree on");
            foreach (var hop in path.Hops)
                AddRow(table, names[hop.From], names[hop.To], hop.Sign > 0 ? "agree" : "disagree",
                    string.Join("; ", hop.AgreeClaims.Select(c => claimText(hop, c))),
                    string.Join("; ", hop.DisagreeClaims.Select(c => claimText(hop, c))));
            AnsiConsole.Write(table);
        }
        return CliRunner.ExitOk;
    }

    public static void Profile(QueryRun run, ParadigmProfile profile)
    {
        if (run.Json)
        {
            WriteJson(new
            {
                profile.SubjectId, profile.Name, profile.Kind, profile.Experts, profile.Dominant,
                Scores = profile.Scores.Select(s => new { s.ParadigmId, s.Name, s.Score, s.Sum, s.Stances, Drivers = s.Drivers.Select(d => new { d.ExpertId, d.ClaimId, d.Polarity, d.AlignmentSign, d.Contribution, d.Quote }) }),
            });
            return;
        }
        var table = NewTable($"paradigm profile of {profile.Name} ({profile.Kind}, {profile.Experts.Count} expert(s))", "paradigm", "score", "sum", "stances");
        foreach (var s in profile.Scores)
            AddRow(table, s.Name, F(s.Score), s.Sum.ToString(CultureInfo.InvariantCulture), s.Stances.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(profile.Dominant is null ? "No dominant paradigm (no positive score)." : $"Dominant paradigm: {profile.Scores.Single(s => s.ParadigmId == profile.Dominant).Name}.");
        var drivers = NewTable("stances that drive it", "paradigm", "expert", "claim", "stance", "claim vs paradigm", "contribution");
        foreach (var d in profile.Scores.SelectMany(s => s.Drivers))
            AddRow(drivers, d.ParadigmId, d.ExpertId, d.ClaimId, d.Polarity.Verb(), d.AlignmentSign > 0 ? "supports" : "opposes", d.Contribution > 0 ? "+1" : "-1");
        if (drivers.Rows.Count > 0) AnsiConsole.Write(drivers);
        Note("endorsing a claim that supports a paradigm counts +1, criticizing it -1; a claim that opposes it flips the sign; score = mean");
    }

    public static void Clusters(QueryRun run, CommunityPortrait portrait)
    {
        var report = portrait.Report;
        if (run.Json)
        {
            WriteJson(new
            {
                report.Settings, Method = report.Settings.ClusteringMethod, report.Modularity, report.ParadigmAgreement,
                Communities = portrait.Communities.Select(c => new { c.Number, c.Caption, c.MainParadigm, c.Members, c.Consensus, c.SharpestSplit }),
                portrait.FaultLines, portrait.Unclustered, report.Polarization, report.Balance,
            });
            return;
        }
        if (report.Clusters.Count == 0)
        {
            AnsiConsole.WriteLine("No expert shares a claim with another: there is no agreement network to cluster.");
        }
        else
        {
            var table = NewTable($"{report.Clusters.Count} communities ({report.Settings.ClusteringMethod}; modularity {F(report.Modularity)})", "group", "in words", "experts");
            foreach (var c in portrait.Communities)
                AddRow(table, c.Number.ToString(CultureInfo.InvariantCulture), c.Caption,
                    string.Join(", ", c.Members.Select(m => m.DominantParadigm is null ? m.Name : $"{m.Name} [{m.DominantParadigm}]")));
            AnsiConsole.Write(table);
            Note("modularity: how much more the experts agree inside their groups (and disagree across them) than chance would give; 0 is none, above 0.3 is strong");
            if (portrait.Unclustered.Count > 0)
                AnsiConsole.WriteLine($"{portrait.Unclustered.Count} expert(s) share no claim with anyone and belong to no group.");
            if (portrait.FaultLines.Count > 0)
            {
                var faults = NewTable("fault lines: claims the groups take opposite sides on (sharpest first)", "groups", "claim", "sides", "opposed pairs");
                foreach (var f in portrait.FaultLines.Take(15))
                    AddRow(faults, $"{f.GroupA} vs {f.GroupB}", $"{f.ClaimId}: {f.Text}", f.Phrase, f.OpposedPairs.ToString(CultureInfo.InvariantCulture));
                AnsiConsole.Write(faults);
            }
            var agreement = report.ParadigmAgreement;
            AnsiConsole.WriteLine($"Groups vs. dominant paradigms ({agreement.Compared} experts with one): purity {F(agreement.Purity)}, NMI {F(agreement.Nmi)}.");
            Note("purity: the share of experts whose group's most common paradigm is their own; NMI (0 to 1): how much knowing an expert's group tells about their paradigm");
        }
        var polarization = NewTable("polarization (share of expert pairs on the same claim that take opposite stances)", "scope", "claims", "pairs", "opposed", "score");
        foreach (var p in report.Polarization)
            AddRow(polarization, p.Scope, p.Claims.ToString(CultureInfo.InvariantCulture), p.PairsOnSameClaim.ToString(CultureInfo.InvariantCulture),
                p.OpposedPairs.ToString(CultureInfo.InvariantCulture), F(p.Score));
        AnsiConsole.Write(polarization);
        var balance = report.Balance;
        AnsiConsole.WriteLine($"Structural balance: {balance.BalancedTriangles} of {balance.Triangles} signed triangles balanced ({F(balance.BalancedShare)}).");
        Note("a triangle of experts is balanced when the friend of a friend is a friend and the opponent of an opponent is a friend");
        if (balance.Unbalanced.Count > 0)
        {
            const int shown = 20;
            var title = balance.UnbalancedTriangles > shown ? $"unbalanced triangles (first {shown} of {balance.UnbalancedTriangles}; --format json lists more)" : "unbalanced triangles";
            var table = NewTable(title, "a", "b", "c", "a-b", "b-c", "a-c");
            foreach (var t in balance.Unbalanced.Take(shown))
                AddRow(table, t.A, t.B, t.C, Sign(t.SignAB), Sign(t.SignBC), Sign(t.SignAC));
            AnsiConsole.Write(table);
        }
    }

    private static string Sign(int sign) => sign > 0 ? "+" : "-";

    public static void Contested(QueryRun run, DiscourseSnapshot snapshot, IReadOnlyList<ContestedClaim> claims, int total)
    {
        if (run.Json)
        {
            WriteJson(new { Total = total, Claims = claims.Select(c => new { c.ClaimId, c.Text, c.Topic, c.Evenness, c.Volume, c.Endorsers, c.Critics }) });
            return;
        }
        if (claims.Count == 0)
        {
            AnsiConsole.WriteLine("No claim has both endorsers and critics.");
            return;
        }
        var table = NewTable($"contested claims ({claims.Count} of {total})", "#", "claim", "topic", "endorsers", "critics", "evenness");
        var rank = 1;
        foreach (var c in claims)
            AddRow(table, (rank++).ToString(CultureInfo.InvariantCulture), $"{c.ClaimId}: {c.Text}", c.Topic,
                string.Join(", ", c.Endorsers.Select(snapshot.NameOf)), string.Join(", ", c.Critics.Select(snapshot.NameOf)), F(c.Evenness));
        AnsiConsole.Write(table);
        Note("evenness = 1 - |endorsers - critics| / (endorsers + critics); ties by volume");
    }

    /// <summary>
    /// Inside a window, names the claims its network leaves out (more participants than the stored network's bound,
    /// which the window's network is derived with), as graph ingest does for the stored one.
    /// </summary>
    public static async Task NetworkNoteAsync(QueryRun run, DebateQueries queries, bool toError = false)
    {
        if (run.Json && !toError) return;
        if (await WindowNetworkNoteAsync(queries, run.Cancellation) is not { } note) return;
        if (toError) Console.Error.WriteLine("note: " + note);
        else Note(note);
    }

    /// <summary>The sentence naming the claims a window's network leaves out (id and text), or null (all dates, none left out).</summary>
    public static async Task<string?> WindowNetworkNoteAsync(DebateQueries queries, CancellationToken ct)
    {
        if (queries.Window.IsAll) return null;
        var snapshot = await queries.LoadSnapshotAsync(ct);
        return (await queries.NetworkBoundAsync(ct)).Note(id => snapshot.Claims.TryGetValue(id, out var c) ? $"{id} \"{c.Text}\"" : id);
    }

    /// <summary>Says which dates a table covers, when not all of them.</summary>
    public static void WindowNote(QueryRun run, TimeWindow window)
    {
        if (!run.Json && !window.IsAll) Note($"time window {window}: stances dated in it (session date, else document date); {StanceRule.Name}");
    }

    public static void Evolution(QueryRun run, EvolutionReport report)
    {
        if (run.Json)
        {
            WriteJson(new
            {
                Window = report.Length.ToString(), Step = report.Step.ToString(), report.Settings, Method = report.Settings.ClusteringMethod,
                Windows = report.Windows.Select(w => new
                {
                    From = w.Window.From is { } f ? TimeWindow.Text(f) : null, To = w.Window.To is { } t ? TimeWindow.Text(t) : null,
                    w.Experts, w.Stances, w.Pairs, w.Density, w.Polarization, w.Modularity, w.Communities,
                    Contested = w.Contested.Select(c => new { c.ClaimId, c.Text, c.Evenness, Endorsers = c.Endorsers.Count, Critics = c.Critics.Count }),
                    ClaimsLeftOut = w.Bound?.LeftOut.Select(c => new { c.Claim, c.Participants }),
                }),
            });
            return;
        }
        if (report.Windows.Count == 0)
        {
            AnsiConsole.WriteLine("No stance has a date (sessions and documents carry the dates): nothing to show over time.");
            return;
        }
        var table = NewTable($"the debate per {report.Length} window, every {report.Step}", "window", "experts", "stances", "density", "polarization", "modularity", "groups", "most contested");
        foreach (var w in report.Windows)
            AddRow(table, w.Window.ToString(), w.Experts.ToString(CultureInfo.InvariantCulture), w.Stances.ToString(CultureInfo.InvariantCulture),
                F(w.Density), F(w.Polarization), F(w.Modularity), w.Communities.ToString(CultureInfo.InvariantCulture),
                w.Contested.Count == 0 ? "-" : string.Join("; ", w.Contested.Select(c => $"{c.Text} ({c.Endorsers.Count}+/{c.Critics.Count}-)")));
        AnsiConsole.Write(table);
        Note("density = share of expert pairs sharing a claim; polarization = chance two experts on one claim disagree; " +
             $"modularity of the communities by {report.Settings.ClusteringMethod}, as graph clusters");
        foreach (var w in report.Windows)
            if (w.Bound?.Note() is { } note) Note(note);
    }
}
