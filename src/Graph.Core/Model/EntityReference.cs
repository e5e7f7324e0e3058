namespace Graph.Core.Model;

/// <summary>
/// An id that points at another entity, with the field that holds it (<c>stances[3].expert</c>) and its location,
/// so that a dangling reference can be reported exactly where it was written.
/// </summary>
public sealed record EntityReference(string Id, string Field, SourceLocation Location);
