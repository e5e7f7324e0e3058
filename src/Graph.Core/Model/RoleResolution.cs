namespace Graph.Core.Model;

/// <summary>
/// How a document refers to a person by role ("the CONICET representative") and who that is. The reference is a
/// verbatim span of the document's text; confidence below 1 needs a note, as for stances.
/// </summary>
public sealed record RoleResolution(
    string Reference, SourceLocation ReferenceLocation, string? Section, EntityReference Expert,
    double Confidence, bool ConfidenceGiven, string? Note, string Source, string Field, SourceLocation Location);
