namespace Graph.Ingestion.Coding;

/// <summary>A review as saved, with its version, which a later change of the decision must present.</summary>
public sealed record SavedReview(string Document, string Stands, string Reviewer, string Version, int StandingStances);
