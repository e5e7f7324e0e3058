using Graph.Tck.Execution;

namespace Graph.Tck.Reporting;

/// <summary>
/// known-failures.txt: one scenario id per line ("clauses/match/Match1.feature: [1] Name #2"), '#' starts a
/// comment. The in-suite test fails only on failures missing from this list, so it stays honest (every
/// failure is listed) while the engine is still growing.
/// </summary>
public static class KnownFailures
{
    public static IReadOnlySet<string> Read(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Writes the failing ids grouped by reason, each group under a comment naming its kind and (normalized) reason.</summary>
    public static void Write(string path, TckRunResult run)
    {
        var lines = new List<string>
        {
            "# openCypher TCK scenarios the embedded engine does not pass yet (generated; do not edit by hand).",
            "# Regenerate: dotnet run --project tests/Graph.Tck -- ../shared/tck/features --write-known-failures tests/Graph.Tck/known-failures.txt",
        };
        var groups = run.Scenarios.Where(s => s.Outcome.Failed)
            .GroupBy(s => $"{s.Outcome.Kind}: {FailuresMarkdown.Signature(s.Outcome.Reason ?? "")}")
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            lines.Add("");
            lines.Add("# " + group.Key.ReplaceLineEndings(" "));
            lines.AddRange(group.Select(s => s.Scenario.Id).Order(StringComparer.Ordinal));
        }
        if (run.LoadFailures.Count > 0)
        {
            lines.Add("");
            lines.Add("# feature files that cannot be parsed");
            lines.AddRange(run.LoadFailures.Select(f => $"{f.FeaturePath}: <feature file cannot be parsed>").Order(StringComparer.Ordinal));
        }
        File.WriteAllLines(path, lines);
    }

    public static IEnumerable<string> FailedIds(TckRunResult run) =>
        run.Scenarios.Where(s => s.Outcome.Failed).Select(s => s.Scenario.Id)
            .Concat(run.LoadFailures.Select(f => $"{f.FeaturePath}: <feature file cannot be parsed>"));

    /// <summary>Failures not in the list (regressions) and listed scenarios that now pass.</summary>
    public static (IReadOnlyList<string> Regressions, IReadOnlyList<string> NowPassing) Compare(TckRunResult run, IReadOnlySet<string> known)
    {
        var regressions = FailedIds(run).Where(id => !known.Contains(id)).ToList();
        var nowPassing = run.Scenarios.Where(s => s.Outcome.Passed && known.Contains(s.Scenario.Id)).Select(s => s.Scenario.Id).ToList();
        return (regressions, nowPassing);
    }
}
