namespace Graph.Ingestion.Coding;

/// <summary>
/// A review as saved, with its version, which a later change of the decision must present; <see cref="CopiedIntoStances"/>
/// when the chosen stance was brought from its coder's independent coding into stances.yaml by this save.
/// </summary>
public sealed record SavedReview(string Document, string Stands, string Reviewer, string Version, int StandingStances, bool CopiedIntoStances = false);
