namespace Graph.Core.Model;

// The domain model of graph-data (see graph-data/README.md and TEAM.md). Every entity records the id of the
// source document that defines it (`Source`), the field path it was read from and its location, so that
// validation can point at it and ingestion can remove exactly what a document no longer defines.

public interface IEntity
{
    string Id { get; }
    string Source { get; }
    string Field { get; }
    SourceLocation Location { get; }
}

public sealed record SourceDocument(
    string Id, string Symbol, string Title, string Date, string Publisher, string Citation,
    string TextPath, SourceLocation TextLocation, string Field, SourceLocation Location) : IEntity
{
    public string Source => Id;
}

public sealed record Paradigm(
    string Id, string Name, string Description, string Quote, string Section,
    string Source, string Field, SourceLocation Location) : IEntity;

public sealed record Institution(
    string Id, string Name, string? Acronym, string Type, string? Country, EntityReference? Parent,
    string Source, string Field, SourceLocation Location) : IEntity;

public sealed record Affiliation(EntityReference Institution, string? Role);

public sealed record Expert(
    string Id, string Name, IReadOnlyList<string> Aliases, string? Country, string? Bio,
    IReadOnlyList<string> Roles, IReadOnlyList<Affiliation> Affiliations,
    string Source, string Field, SourceLocation Location) : IEntity;

public sealed record Session(
    string Id, long Number, string Title, string Date, string? Section,
    IReadOnlyList<EntityReference> Moderators, IReadOnlyList<EntityReference> Speakers,
    string Source, string Field, SourceLocation Location) : IEntity;

public enum ParadigmSign
{
    Supports = 1,
    Opposes = -1,
}

public sealed record ClaimParadigm(EntityReference Paradigm, ParadigmSign Sign);

public enum ClaimRelationKind
{
    Supports,
    Contradicts,
}

public sealed record ClaimRelation(ClaimRelationKind Kind, EntityReference Target);

public sealed record Claim(
    string Id, string Text, string Topic,
    IReadOnlyList<ClaimParadigm> Paradigms, IReadOnlyList<ClaimRelation> Relations,
    string Source, string Field, SourceLocation Location) : IEntity;

public enum StanceKind
{
    Endorses,
    Criticizes,
}

/// <summary>
/// An expert's position on a claim, identified by (expert, claim). <see cref="Line"/> is the line of the quote in
/// the source text; the validator fills it in once it has found the quote.
/// </summary>
public sealed record Stance(
    EntityReference Expert, EntityReference Claim, StanceKind Kind, string Quote, SourceLocation QuoteLocation,
    string Section, double Confidence, bool ConfidenceGiven, string? Note, EntityReference? Session,
    string Source, string Field, SourceLocation Location)
{
    public int? Line { get; set; }

    public string Key => $"{Expert.Id}\u001f{Claim.Id}";
}
