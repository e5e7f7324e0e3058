namespace Graph.Web.Views;

/// <summary>One line of a legend: what a colour means. Views list only the colours they draw.</summary>
public sealed record LegendEntry(string Key, string Label, string Color);

/// <summary>An expert named in a list (e.g. those a view cannot place).</summary>
public sealed record ExpertRef(string Id, string Name);

/// <summary>
/// An expert as drawn: Activity = stances taken (the size), Community = group number (0: in no group),
/// Scores = signed alignment with each paradigm in [-1, 1], Color = its community's colour.
/// </summary>
public sealed record ViewExpert(
    string Id,
    string Name,
    int Activity,
    int Community,
    string? Dominant,
    IReadOnlyDictionary<string, double> Scores,
    Point Position,
    double Radius,
    string Color);

/// <summary>What every view and export carries besides its drawing: what it shows, where the data comes from, how it was computed.</summary>
public sealed record ViewHeader(string Title, string Sentence, string Source, string Settings)
{
    /// <summary>The caption under an exported picture.</summary>
    public string Caption => $"Data: {Source}. {Settings}.";
}
