namespace Graph.Queries.Model;

/// <summary>Whether an expert endorses or criticizes a claim; the value is the sign used in every score.</summary>
public enum Polarity
{
    Criticizes = -1,
    Endorses = 1,
}

public static class PolarityNames
{
    public static Polarity Parse(string relationshipType) => relationshipType switch
    {
        "ENDORSES" => Polarity.Endorses,
        "CRITICIZES" => Polarity.Criticizes,
        _ => throw new Cypher.QueryDataException($"'{relationshipType}' is not a stance relationship (ENDORSES or CRITICIZES)."),
    };

    public static string Verb(this Polarity polarity) => polarity == Polarity.Endorses ? "endorses" : "criticizes";
}

public sealed record Expert(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string? Country,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Institutions);

public sealed record Institution(string Id, string Name, string? Acronym, string? Type, string? Country, string? Parent);

public sealed record Paradigm(string Id, string Name, string? Description);

/// <summary>A claim's alignment with a paradigm: sign +1 supports it, -1 opposes it.</summary>
public sealed record ParadigmAlignment(string ParadigmId, int Sign);

public sealed record Claim(string Id, string Text, string? Topic, IReadOnlyList<ParadigmAlignment> Paradigms);

public sealed record Stance(
    string ExpertId,
    string ClaimId,
    Polarity Polarity,
    string? Quote,
    string? Section,
    double Confidence);

public enum TieKind
{
    Agreement,
    Disagreement,
}

/// <summary>A derived AGREES_WITH or DISAGREES_WITH relationship: stored once per pair, read undirected.</summary>
public sealed record ExpertTie(string A, string B, TieKind Kind, int Weight, IReadOnlyList<string> Claims);
