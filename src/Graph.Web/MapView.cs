namespace Graph.Web;

/// <summary>The paradigm map: what the web view draws and what the SVG and DOT exports render.</summary>
public sealed record MapView(
    int Seed,
    IReadOnlyList<MapParadigm> Paradigms,
    IReadOnlyList<MapExpert> Experts,
    IReadOnlyList<MapEdge> Edges,
    string? Simplified,
    IReadOnlyList<MapOption> Sessions,
    IReadOnlyList<MapOption> Institutions,
    string? Clustering);

public sealed record MapParadigm(string Id, string Name, Point Position);

/// <summary>An expert on the map. Dominant is the paradigm with the highest positive profile score (null when none); Activity counts stances.</summary>
public sealed record MapExpert(
    string Id,
    string Name,
    string? Dominant,
    int Cluster,
    int Activity,
    IReadOnlyList<string> Institutions,
    IReadOnlyList<string> Sessions,
    IReadOnlyDictionary<string, double> Profile,
    Point Position);

/// <summary>A tie between two experts: Kind "agree" (AGREES_WITH) or "disagree" (DISAGREES_WITH), Weight the number of claims.</summary>
public sealed record MapEdge(string Source, string Target, string Kind, int Weight);

public sealed record MapOption(string Id, string Name);

public static class MapColors
{
    public static string Paradigm(string? id) => id switch
    {
        "securitization" => "#c8553d",
        "shared-benefits" => "#e0a100",
        "human-development" => "#2f7dbf",
        _ => "#9aa0a6",
    };

    public const string Agree = "#2e9e5b";
    public const string Disagree = "#d64545";
}
