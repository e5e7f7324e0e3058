using System.Text;
using System.Text.RegularExpressions;

namespace Graph.Engine.Tests.Parsing;

/// <summary>A query from a TCK scenario, with the compile-time error it must raise (if any).</summary>
public sealed record TckQuery(string Feature, string Scenario, string Query, string? ErrorType, string? ErrorDetail)
{
    public override string ToString() => $"{Feature}: {Scenario}";
}

/// <summary>
/// Extracts the queries of the openCypher TCK feature files (at ../shared/tck/features from the repository
/// root): the docstrings after "When executing query:" and "And having executed:", with Scenario Outline
/// placeholders filled from each Examples row.
/// </summary>
public static partial class TckQueries
{
    public static string? FeaturesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "tck", "features"));
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        return Directory.Exists("/work/shared/tck/features") ? "/work/shared/tck/features" : null;
    }

    private static readonly Lazy<IReadOnlyList<TckQuery>> Cached = new(Load);

    /// <summary>All queries of all feature files (read once per test run).</summary>
    public static IReadOnlyList<TckQuery> All() => Cached.Value;

    private static IReadOnlyList<TckQuery> Load()
    {
        var root = FeaturesDirectory() ?? throw new InvalidOperationException("TCK features not found at ../shared/tck/features");
        var result = new List<TckQuery>();
        foreach (var file in Directory.EnumerateFiles(root, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            result.AddRange(FromFeature(Path.GetRelativePath(root, file), File.ReadAllLines(file)));
        return result;
    }

    private static IEnumerable<TckQuery> FromFeature(string feature, string[] lines)
    {
        var scenarios = new List<(string Title, List<string> Lines)>();
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("Scenario", StringComparison.Ordinal))
                scenarios.Add((trimmed, []));
            else if (scenarios.Count > 0)
                scenarios[^1].Lines.Add(line);
        }
        foreach (var (title, body) in scenarios)
        {
            var queries = new List<(string Query, bool Main)>();
            string? errorType = null, errorDetail = null;
            for (var i = 0; i < body.Count; i++)
            {
                var trimmed = body[i].Trim();
                var main = trimmed.StartsWith("When executing query:", StringComparison.Ordinal);
                if (main || trimmed.StartsWith("And having executed:", StringComparison.Ordinal))
                {
                    var text = new StringBuilder();
                    var open = body[i + 1];
                    var indent = open.Length - open.TrimStart().Length;
                    var j = i + 2;
                    for (; body[j].Trim() != "\"\"\""; j++)
                        text.Append(body[j].Length >= indent ? body[j][indent..] : body[j].TrimStart()).Append('\n');
                    queries.Add((text.ToString().TrimEnd('\n'), main));
                    i = j;
                }
                var error = CompileError().Match(trimmed);
                if (error.Success)
                {
                    errorType = error.Groups[1].Value;
                    errorDetail = error.Groups[2].Value;
                }
            }
            var examples = ExampleRows(body);
            foreach (var row in examples)
            {
                foreach (var (query, main) in queries)
                {
                    var filled = row.Aggregate(query, (q, pair) => q.Replace("<" + pair.Key + ">", pair.Value, StringComparison.Ordinal));
                    var name = row.Count == 0 ? title : title + " " + string.Join(", ", row.Values);
                    yield return new TckQuery(feature, name, filled, main ? errorType : null, main ? errorDetail : null);
                }
            }
        }
    }

    private static List<Dictionary<string, string>> ExampleRows(List<string> body)
    {
        var start = body.FindIndex(l => l.Trim().StartsWith("Examples:", StringComparison.Ordinal));
        if (start < 0)
            return [new Dictionary<string, string>()];
        var rows = body.Skip(start + 1).Select(l => l.Trim()).Where(l => l.StartsWith('|')).Select(SplitRow).ToList();
        var header = rows[0];
        return rows.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static List<string> SplitRow(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length && row[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (row[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(row[i]);
            }
        }
        return cells;
    }

    [GeneratedRegex(@"Then an? (\w+) should be raised at compile time: (\w+)")]
    private static partial Regex CompileError();
}
