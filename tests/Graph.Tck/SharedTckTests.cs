using Graph.Tck.Execution;
using Graph.Tck.Features;
using Graph.Tck.Values;

namespace Graph.Tck;

/// <summary>
/// Checks the runner understands the whole shared TCK without running the engine: every feature file
/// parses, every step is in the vocabulary and every expected value and parameter parses.
/// </summary>
public class SharedTckTests
{
    private static string? Features()
    {
        var root = RepoPaths.FindRepoRoot();
        var features = root is null ? null : RepoPaths.SharedFeatures(root);
        return features is not null && Directory.Exists(features) ? features : null;
    }

    private static IEnumerable<TckScenario> InScopeScenarios(string features) =>
        FeatureLoader.FindFeatureFiles(features)
            .Where(f => !TckRunner.IsOutOfScope(features, f))
            .SelectMany(f => FeatureLoader.LoadFile(features, f));

    [Fact]
    public void Every_step_of_the_shared_TCK_is_in_the_vocabulary()
    {
        if (Features() is not { } features) return; // no TCK next to the repository: nothing to check
        var unknown = InScopeScenarios(features)
            .SelectMany(s => s.Steps.Where(step => !ScenarioExecutor.Recognizes(step.Text)).Select(step => $"{s.FeaturePath}:{step.Line}: {step.Text}"))
            .ToList();
        Assert.True(unknown.Count == 0, string.Join('\n', unknown));
    }

    [Fact]
    public void Every_expected_value_and_parameter_of_the_shared_TCK_parses()
    {
        if (Features() is not { } features) return;
        var errors = new List<string>();
        var cells = 0;
        foreach (var scenario in InScopeScenarios(features))
        foreach (var step in scenario.Steps)
        {
            var isResult = step.Text.StartsWith("the result should be", StringComparison.Ordinal) && step.Table is not null;
            var isParameters = step.Text == "parameters are:";
            if (!isResult && !isParameters) continue;
            var rows = isResult ? step.Table!.Skip(1) : step.Table!.Select(r => r.Skip(1).ToList());
            foreach (var cell in rows.SelectMany(r => r))
            {
                cells++;
                try { TckValueParser.Parse(cell); }
                catch (TckValueFormatException e) { errors.Add($"{scenario.FeaturePath}:{step.Line}: {e.Message}"); }
            }
        }
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.True(cells > 1000, $"only {cells} cells found: is the feature folder complete?");
    }
}
