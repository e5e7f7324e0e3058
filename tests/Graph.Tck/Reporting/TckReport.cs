using System.Globalization;
using System.Text;
using Graph.Tck.Execution;

namespace Graph.Tck.Reporting;

/// <summary>The human-readable report: one line per feature file, then the total line "N passed, N failed".</summary>
public static class TckReport
{
    public static string Format(TckRunResult run, bool verbose)
    {
        var sb = new StringBuilder();
        var byFeature = run.Scenarios.GroupBy(s => s.Scenario.FeaturePath).OrderBy(g => g.Key, StringComparer.Ordinal);
        var width = Math.Max(20, run.Scenarios.Select(s => s.Scenario.FeaturePath.Length).DefaultIfEmpty(0).Max());
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"feature".PadRight(width)}  passed  failed  skipped");
        foreach (var feature in byFeature)
        {
            var passed = feature.Count(s => s.Outcome.Passed);
            var failed = feature.Count(s => s.Outcome.Failed);
            var skipped = feature.Count(s => s.Outcome.Skipped);
            sb.AppendLine(CultureInfo.InvariantCulture, $"{feature.Key.PadRight(width)}  {passed,6}  {failed,6}  {skipped,7}");
            if (!verbose) continue;
            foreach (var s in feature.Where(s => s.Outcome.Failed))
                sb.AppendLine(CultureInfo.InvariantCulture, $"    FAIL {Name(s)} [{s.Outcome.Kind}]: {s.Outcome.Reason}");
            foreach (var s in feature.Where(s => s.Outcome.Passed && s.Outcome.DetailMismatch is not null))
                sb.AppendLine(CultureInfo.InvariantCulture, $"    pass {Name(s)} (detail differs: {s.Outcome.DetailMismatch})");
        }
        foreach (var failure in run.LoadFailures)
            sb.AppendLine(CultureInfo.InvariantCulture, $"{failure.FeaturePath.PadRight(width)}  cannot be parsed: {failure.Message}");

        var detailMismatches = run.Scenarios.Count(s => s.Outcome.Passed && s.Outcome.DetailMismatch is not null);
        var total = run.Passed + run.Failed;
        var rate = total == 0 ? 0 : 100.0 * run.Passed / total;
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"pass rate {rate:0.0}% of {total} scenarios; {run.Skipped} skipped (@ignore); {detailMismatches} passed with another error detail; {run.Elapsed.TotalSeconds:0.0} s");
        var slowest = run.Scenarios.OrderByDescending(s => s.Outcome.Elapsed).Take(3).ToList();
        if (slowest.Count > 0)
            sb.AppendLine("slowest: " + string.Join(", ", slowest.Select(s => $"{s.Scenario.Id} {s.Outcome.Elapsed.TotalSeconds:0.00} s")));
        if (run.Failed > 0)
        {
            var byKind = run.Scenarios.Where(s => s.Outcome.Failed).GroupBy(s => s.Outcome.Kind).OrderByDescending(g => g.Count());
            sb.AppendLine("failures by kind: " + string.Join(", ", byKind.Select(g => $"{g.Key} {g.Count()}")));
        }
        sb.Append(CultureInfo.InvariantCulture, $"{run.Passed} passed, {run.Failed} failed");
        return sb.ToString();
    }

    private static string Name(ScenarioResult s) =>
        s.Scenario.ExampleIndex is { } i ? $"{s.Scenario.Name} #{i}" : s.Scenario.Name;
}
