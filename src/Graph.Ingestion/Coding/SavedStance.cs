namespace Graph.Ingestion.Coding;

/// <summary>
/// A stance as saved: where, and its version (the content hash the store also records as the relationship's
/// <c>hash</c>), which a later edit or delete must present to show that it saw the current content.
/// </summary>
public sealed record SavedStance(string Document, string? Coding, string Expert, string Claim, string? Version);
