namespace Graph.Tck.Features;

/// <summary>One step of a scenario after outline expansion: keyword-free text plus its argument.</summary>
/// <param name="Text">The step text without its keyword ("executing query:").</param>
/// <param name="Keyword">The Gherkin keyword as written ("Given ", "And ", ...), for messages only.</param>
/// <param name="DocString">The docstring argument, if any.</param>
/// <param name="Table">The data table argument (rows of cells), if any.</param>
/// <param name="Line">Line of the step in the feature file.</param>
public sealed record TckStep(string Keyword, string Text, string? DocString, IReadOnlyList<IReadOnlyList<string>>? Table, int Line);

/// <summary>
/// A runnable scenario: a plain scenario, or one row of a Scenario Outline's Examples
/// (then <see cref="ExampleIndex"/> is the 1-based row number across all its Examples tables).
/// Background steps are already prepended to <see cref="Steps"/>.
/// </summary>
public sealed record TckScenario(
    string FeaturePath,
    string FeatureName,
    string Name,
    int? ExampleIndex,
    int Line,
    IReadOnlyList<string> Tags,
    IReadOnlyList<TckStep> Steps)
{
    /// <summary>"clauses/match/Match1.feature: [1] Match nodes #2": the key used in known-failures.txt.</summary>
    public string Id => ExampleIndex is { } i ? $"{FeaturePath}: {Name} #{i}" : $"{FeaturePath}: {Name}";

    public bool IsIgnored => Tags.Contains("@ignore");

    public override string ToString() => Id;
}
