using System.Text.RegularExpressions;
using Gherkin;
using Gherkin.Ast;

namespace Graph.Tck.Features;

/// <summary>A feature file the Gherkin parser rejected; the message names file and line.</summary>
public sealed class FeatureLoadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads .feature files with the Gherkin parser and turns them into runnable <see cref="TckScenario"/>s:
/// Scenario Outlines are expanded once per Examples row and Background steps are prepended.
/// </summary>
public static partial class FeatureLoader
{
    /// <summary>All .feature files under <paramref name="root"/>, as paths relative to it with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> FindFeatureFiles(string root) =>
        Directory.EnumerateFiles(root, "*.feature", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<TckScenario> LoadFile(string root, string relativePath)
    {
        var fullPath = Path.Combine(root, relativePath);
        return Parse(File.ReadAllText(fullPath), relativePath);
    }

    /// <summary>Parses feature text; <paramref name="featurePath"/> names it in scenario ids and error messages.</summary>
    public static IReadOnlyList<TckScenario> Parse(string text, string featurePath)
    {
        GherkinDocument document;
        try
        {
            document = new Parser().Parse(new StringReader(text));
        }
        catch (CompositeParserException e)
        {
            var first = e.Errors.First();
            throw new FeatureLoadException($"{featurePath}:{first.Location?.Line}: {first.Message} ({e.Errors.Count()} Gherkin error(s))", e);
        }
        catch (ParserException e)
        {
            throw new FeatureLoadException($"{featurePath}:{e.Location?.Line}: {e.Message}", e);
        }

        var feature = document.Feature ?? throw new FeatureLoadException($"{featurePath}:1: the file has no Feature.");
        var scenarios = new List<TckScenario>();
        AddChildren(feature.Children, background: [], featurePath, feature.Name, scenarios);
        return scenarios;
    }

    private static void AddChildren(IEnumerable<IHasLocation> children, IReadOnlyList<TckStep> background,
        string featurePath, string featureName, List<TckScenario> into)
    {
        var backgroundSteps = background;
        foreach (var child in children)
        {
            switch (child)
            {
                case Background b:
                    backgroundSteps = [.. background, .. b.Steps.Select(s => ToStep(s, NoExample))];
                    break;
                case Rule rule:
                    AddChildren(rule.Children, backgroundSteps, featurePath, featureName, into);
                    break;
                case Scenario scenario:
                    AddScenario(scenario, backgroundSteps, featurePath, featureName, into);
                    break;
            }
        }
    }

    private static readonly IReadOnlyDictionary<string, string> NoExample = new Dictionary<string, string>();

    private static void AddScenario(Scenario scenario, IReadOnlyList<TckStep> background, string featurePath,
        string featureName, List<TckScenario> into)
    {
        var tags = scenario.Tags.Select(t => t.Name).ToList();
        var examples = scenario.Examples.ToList();
        if (examples.Count == 0)
        {
            into.Add(new TckScenario(featurePath, featureName, scenario.Name, null, scenario.Location.Line, tags,
                [.. background, .. scenario.Steps.Select(s => ToStep(s, NoExample))]));
            return;
        }

        var index = 0;
        foreach (var table in examples)
        {
            if (table.TableHeader is null) continue;
            var header = table.TableHeader.Cells.Select(c => c.Value).ToList();
            var exampleTags = tags.Concat(table.Tags.Select(t => t.Name)).ToList();
            foreach (var row in table.TableBody)
            {
                index++;
                var values = row.Cells.Select(c => c.Value).ToList();
                var bindings = new Dictionary<string, string>();
                for (var i = 0; i < header.Count && i < values.Count; i++) bindings[header[i]] = values[i];
                into.Add(new TckScenario(featurePath, featureName, Substitute(scenario.Name, bindings), index, row.Location.Line,
                    exampleTags, [.. background, .. scenario.Steps.Select(s => ToStep(s, bindings))]));
            }
        }
    }

    private static TckStep ToStep(Step step, IReadOnlyDictionary<string, string> bindings)
    {
        var table = step.DataTable?.Rows
            .Select(r => (IReadOnlyList<string>)r.Cells.Select(c => Substitute(c.Value, bindings)).ToList())
            .ToList();
        var docString = step.DocString is null ? null : Substitute(step.DocString.Content, bindings);
        return new TckStep(step.Keyword, Substitute(step.Text, bindings), docString, table, step.Location.Line);
    }

    /// <summary>Replaces &lt;name&gt; placeholders of a Scenario Outline with the Examples row's values.</summary>
    private static string Substitute(string text, IReadOnlyDictionary<string, string> bindings) =>
        bindings.Count == 0
            ? text
            : Placeholder().Replace(text, m => bindings.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex("<([^<>]+)>")]
    private static partial Regex Placeholder();
}
