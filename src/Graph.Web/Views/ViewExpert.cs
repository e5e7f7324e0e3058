namespace Graph.Web.Views;

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
