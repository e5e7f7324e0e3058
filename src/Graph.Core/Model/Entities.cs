namespace Graph.Core.Model;

// The domain model of graph-data (see graph-data/README.md). Registry entities (paradigms, institutions, experts,
// claims) are shared by every document; sessions, role resolutions and stances belong to one document and record
// its id (`Source`). Every entity keeps the field path it was read from and its location, so that validation can
// point at it.

public interface IEntity
{
    string Id { get; }
    string Field { get; }
    SourceLocation Location { get; }
}

/// <summary>Where a document's text came from, when `graph add-document` extracted it from a file.</summary>
public sealed record DocumentExtraction(string File, string Format, long? Pages, string Sha256, string Tool);

/// <summary>
/// A source document (documents/&lt;id&gt;/document.yaml). <see cref="TextPath"/> is the full path of its verbatim text,
/// or null when the `text` field could not be used (then a diagnostic says why and the file was never read).
/// </summary>
public sealed record SourceDocument(
    string Id, string Title, string Date, string? Symbol, string? Publisher, string? Citation,
    string? TextPath, string TextField, SourceLocation TextLocation, DocumentExtraction? Extraction,
    string Field, SourceLocation Location) : IEntity
{
    public string Source => Id;
}

/// <summary>A paradigm of the registry; <see cref="Source"/> is the document its quote and section come from.</summary>
public sealed record Paradigm(
    string Id, string Name, string Description, string Quote, string Section, EntityReference SourceDocument,
    string Field, SourceLocation Location) : IEntity
{
    public string Source => SourceDocument.Id;
}

public sealed record Institution(
    string Id, string Name, string? Acronym, string Type, string? Country, EntityReference? Parent,
    string Field, SourceLocation Location) : IEntity;

public sealed record Affiliation(EntityReference Institution, string? Role);

public sealed record Expert(
    string Id, string Name, IReadOnlyList<string> Aliases, string? Country, string? Bio,
    IReadOnlyList<string> Roles, IReadOnlyList<Affiliation> Affiliations,
    string Field, SourceLocation Location) : IEntity;

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
    string Field, SourceLocation Location) : IEntity;

/// <summary>
/// How a document refers to a person by role ("the CONICET representative") and who that is. The reference is a
/// verbatim span of the document's text; confidence below 1 needs a note, as for stances.
/// </summary>
public sealed record RoleResolution(
    string Reference, SourceLocation ReferenceLocation, string? Section, EntityReference Expert,
    double Confidence, bool ConfidenceGiven, string? Note, string Source, string Field, SourceLocation Location);

public enum StanceKind
{
    Endorses,
    Criticizes,
}

/// <summary>Where a quote sits in its document's text: 1-based line, and offset and length in the normalized text.</summary>
public readonly record struct TextSpan(int Line, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// An expert's position on a claim in one document, as one coder coded it; identified within its coding by
/// (expert, claim). <see cref="Span"/> is where the quote sits in the document's text; the validator fills it in
/// once it has found the quote.
/// </summary>
public sealed record Stance(
    EntityReference Expert, EntityReference Claim, StanceKind Kind, string Quote, SourceLocation QuoteLocation,
    string Section, double Confidence, bool ConfidenceGiven, string? Note, EntityReference? Session, string Coder,
    string Source, string Field, SourceLocation Location)
{
    public TextSpan? Span { get; set; }

    public int? Line => Span?.Line;

    public string Key => $"{Expert.Id}\u001f{Claim.Id}";
}
